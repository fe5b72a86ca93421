/**
 * mfa-exemptions-visible (advisory): every exemption of the config is named, with its reason and terms (approver,
 * ticket, dates), on every preview, so exemptions stay in plain view for auditors instead of hiding in a config file;
 * one without an end is called permanent, and an expired one is named as what it now is — no exemption. So is what
 * passes unproven: users enforced on trust, role chains left to the update.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema, Exemption } from "../guardConfig";
import { exemptionName, isExempt } from "../verdicts/exemptions";
import { guardedStackValidation, StackCheckInput, Violation } from "../verdicts/guardedValidation";
import { trustedEnforcement } from "../verdicts/trustedEnforcement";
import { asciiLowerCase } from "../iam/wildcard";
import { metadata } from "../verdicts/policyMetadata";
import { chainVerdictsOnce } from "../verdicts/roleChains";

export const EXEMPTIONS_POLICY_NAME = "mfa-exemptions-visible";

/** Users counted as subject to the MFA deny on trust: named, so what the pack trusts stays in plain view. */
function trustedNotices({ graph, config }: StackCheckInput): Violation[] {
    const notices: Violation[] = [];
    for (const user of graph.users) {
        if (!user.inStack || isExempt(config.exemptUsers, exemptionName(user))) {
            continue;
        }
        const trusted = trustedEnforcement(user, config);
        if (trusted) {
            notices.push({ urn: user.urn, message: `user ${user.displayName}: ${trusted} — trusted by this pack's configuration, not proven in this stack` });
        }
    }
    return notices;
}

/** Role chains decided by values known only at update: named, as the role's own unknown trust is per resource. */
function chainsAtUpdate({ graph, config }: StackCheckInput): readonly Violation[] {
    return chainVerdictsOnce(graph, config).atUpdate;
}

export function exemptionNotices(input: StackCheckInput): Violation[] {
    return [...exemptionsOf(input), ...trustedNotices(input), ...chainsAtUpdate(input)];
}

/** The reason with the terms given: `reason (approved by X; ticket T; granted D; expires D)`. */
export function exemptionTerms(e: Exemption): string {
    const terms = [e.approvedBy && `approved by ${e.approvedBy}`, e.ticket && `ticket ${e.ticket}`, e.grantedOn && `granted ${e.grantedOn}`, e.expiresOn && `expires ${e.expiresOn}`].filter(Boolean);
    return terms.length > 0 ? `${e.reason} (${terms.join("; ")})` : e.reason;
}

function exemptionsOf({ graph, config }: StackCheckInput): Violation[] {
    const users = [...config.exemptUsers, ...config.expiredUsers];
    const roles = [...config.exemptRoles, ...config.expiredRoles];
    // IAM names are unique regardless of case, as isExempt matches them.
    // Indexed only when there is something to look up: most stacks exempt no one.
    const userUrn = new Map(
        users.length === 0 ? [] : graph.users.filter((u) => u.inStack && u.nameKnown && u.name !== undefined).map((u) => [asciiLowerCase(u.name!), u.urn]),
    );
    const roleUrn = new Map(roles.length === 0 ? [] : graph.roles.filter((r) => r.nameKnown).map((r) => [asciiLowerCase(r.name!), r.urn]));
    // An exemption without an end is still honoured (older configs keep working), but said to be permanent.
    const end = (e: Exemption) => (e.expiresOn === undefined ? "; permanent: no expiresOn" : "");
    return [
        ...config.exemptUsers.map((e) => {
            const urn = userUrn.get(asciiLowerCase(e.name));
            return { urn, message: `user ${e.name} is exempt from MFA enforcement: ${exemptionTerms(e)}${urn ? "" : " (not declared in this stack)"}${end(e)}` };
        }),
        ...config.exemptRoles.map((e) => {
            const urn = roleUrn.get(asciiLowerCase(e.name));
            return { urn, message: `role ${e.name} may be assumed without MFA: ${exemptionTerms(e)}${urn ? "" : " (not declared in this stack)"}${end(e)}` };
        }),
        ...config.expiredUsers.map((e) => ({
            urn: userUrn.get(asciiLowerCase(e.name)),
            message: `user ${e.name}: its exemption expired on ${e.expiresOn} and no longer counts — the user is judged like every other (${exemptionTerms(e)}); renew it with a new expiresOn, or remove it`,
        })),
        ...config.expiredRoles.map((e) => ({
            urn: roleUrn.get(asciiLowerCase(e.name)),
            message: `role ${e.name}: its exemption expired on ${e.expiresOn} and no longer counts — its trust must require MFA (${exemptionTerms(e)}); renew it with a new expiresOn, or remove it`,
        })),
    ];
}

export const exemptionsVisible: StackValidationPolicy = {
    name: EXEMPTIONS_POLICY_NAME,
    displayName: "MFA exemptions visible",
    tags: ["aws", "iam", "mfa", "exemptions", "audit"],
    description: "Names every MFA exemption and its reason, and every enforcement trusted from another stack, on every preview.",
    enforcementLevel: "advisory",
    ...metadata(
        EXEMPTIONS_POLICY_NAME,
        "low",
        "Review each exemption and its reason, and each enforcement trusted from another stack; remove exemptions that are no longer needed.",
    ),
    configSchema: configSchema(["exemptUsers", "exemptRoles", "enforcedGroupName", "enforcementPolicyNames"]),
    validateStack: guardedStackValidation(EXEMPTIONS_POLICY_NAME, exemptionNotices),
};
