/**
 * Roles judged as force-mfa-guard's iam-role-trust-requires-mfa judges a stack's: its verdict and message decide,
 * the pack's trust analysis names the principal and the context that get in without MFA.
 */
import { AuthorizationDetails, IamRole } from "../inputs/authorizationDetails";
import { exemptionText, Exemptions } from "../inputs/exemptions";
import { PrincipalVerdict } from "../report/reportModel";
import { documentSource, findTrustEscape, GuardConfig, isExempt, roleTrustViolations, StackResource, UnverifiableConditionError } from "../../policy-pack/evaluator";
import { splitFix } from "./verdictText";

function trustsAwsPrincipals(role: IamRole): boolean | undefined {
    const document = documentSource("trust", role.trust, "trust").document;
    if (!document) {
        return undefined;
    }
    return document.statements.some(
        (s) => s.effect === "Allow" && (s.notPrincipal !== undefined || s.principal === "*" || (s.principal !== undefined && [...s.principal.keys()].some((k) => k.toLowerCase() === "aws"))),
    );
}

export function judgeRoles(details: AuthorizationDetails, exemptions: Exemptions, config: GuardConfig, resourceOf: (role: IamRole) => StackResource): PrincipalVerdict[] {
    return details.roles.map((role): PrincipalVerdict => {
        const base = { type: "role" as const, name: role.name, arn: role.arn, path: role.path, serviceLinked: role.serviceLinked };
        const exemption = exemptions.roles.find((e) => e.name.toLowerCase() === role.name.toLowerCase());
        if (exemption && isExempt(config.exemptRoles, role.name)) {
            return { ...base, status: "exempt", reason: exemptionText(exemption) };
        }
        const messages = roleTrustViolations(resourceOf(role), config);
        if (messages.length === 0) {
            const reason = role.serviceLinked
                ? "service-linked role: only its AWS service can assume it, and services carry no MFA (out of scope)"
                : trustsAwsPrincipals(role)
                  ? "every AWS principal its trust policy admits must present MFA"
                  : "its trust policy admits only service or federated principals, which carry no MFA (out of scope)";
            return { ...base, status: "enforced", reason };
        }
        const split = splitFix(messages[0]);
        const reason = split.reason.replace(`role ${role.name}: `, "");
        const fix = split.fix;
        const trust = documentSource(`trust policy of role ${role.name}`, role.trust, "trust");
        if (!trust.document) {
            return { ...base, status: "unverifiable", reason, fix };
        }
        try {
            const escape = findTrustEscape(trust.document);
            if (!escape) {
                return { ...base, status: "unverifiable", reason, fix };
            }
            return {
                ...base,
                status: "escapes",
                reason,
                fix,
                witness: { action: "sts:AssumeRole", mfaContext: escape.context.name, resource: escape.principal, path: [trust.label, escape.statement], why: [escape.why] },
            };
        } catch (err) {
            if (err instanceof UnverifiableConditionError) {
                return { ...base, status: "unverifiable", reason, fix };
            }
            throw err;
        }
    });
}
