/**
 * Roles judged as force-mfa-guard's iam-role-trust-requires-mfa judges a stack's: its verdict and message decide,
 * the pack's trust analysis names the principal and the context that get in without MFA. Roles that only AWS
 * services, identity providers or IAM Identity Center assume are reported for what they are (awsRoles.ts).
 */
import { AuthorizationDetails, IamRole } from "../inputs/authorizationDetails";
import { exemptionText, Exemptions } from "../inputs/exemptions";
import { PrincipalVerdict } from "../report/reportModel";
import { documentSource, findTrustEscape, GuardConfig, isExempt, roleTrustViolations, StackResource, statementLabel, UnverifiableConditionError } from "../../policy-pack/evaluator";
import { classifyRole } from "./awsRoles";
import { forAccount, inAccount, splitFix } from "./verdictText";

export function judgeRoles(details: AuthorizationDetails, exemptions: Exemptions, config: GuardConfig, resourceOf: (role: IamRole) => StackResource): PrincipalVerdict[] {
    const rolesByArn = new Map(details.roles.map((r) => [r.arn, r]));
    return details.roles.map((role): PrincipalVerdict => {
        const kind = classifyRole(role, rolesByArn);
        const base = { type: "role" as const, name: role.name, arn: role.arn, path: role.path, serviceLinked: role.serviceLinked, roleKind: kind.kind };
        const exemption = exemptions.roles.find((e) => e.name.toLowerCase() === role.name.toLowerCase());
        if (exemption && isExempt(config.exemptRoles, role.name)) {
            return { ...base, status: "exempt", reason: exemptionText(exemption) };
        }
        if (kind.reason && !kind.chainFix) {
            return { ...base, status: "not-applicable", reason: kind.reason };
        }
        const messages = roleTrustViolations(resourceOf(role), config);
        if (messages.length === 0) {
            return { ...base, status: "enforced", reason: "every AWS principal its trust policy admits must present MFA" };
        }
        const split = splitFix(forAccount(messages[0]));
        const reason = inAccount(split.reason.replace(`role ${role.name}: `, ""), role.arn);
        const fix = kind.chainFix ?? split.fix;
        const trust = documentSource(`trust policy of role ${role.name}`, role.trust, "trust");
        if (!trust.document) {
            return { ...base, status: "unverifiable", reason, fix };
        }
        try {
            const escape = findTrustEscape(trust.document);
            if (!escape) {
                return { ...base, status: "unverifiable", reason, fix };
            }
            const mfaFalse = escape.context.keys.get("aws:multifactorauthpresent");
            return {
                ...base,
                status: "escapes",
                reason: kind.chainFix ? `${kind.reason}: ${reason}` : reason,
                fix,
                witness: {
                    action: "sts:AssumeRole",
                    resource: role.arn,
                    principal: escape.principal,
                    mfaContext: escape.context.name,
                    ...(mfaFalse ? { contextKeys: { "aws:MultiFactorAuthPresent": mfaFalse[0] } } : {}),
                    allowedBy: `${trust.label}: ${statementLabel(escape.allow)}`,
                    allowElement: escape.allow.actions ? "Action" : "NotAction",
                    path: [trust.label, escape.statement],
                    why: [escape.why],
                },
            };
        } catch (err) {
            if (err instanceof UnverifiableConditionError) {
                return { ...base, status: "unverifiable", reason, fix };
            }
            throw err;
        }
    });
}
