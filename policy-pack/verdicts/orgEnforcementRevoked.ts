/**
 * What a team stack may not do to the org's enforcement: the pack trusts membership in the enforced group and the
 * enforcement policy by name, so a resource that, as AWS applies it, takes them away from principals this stack does
 * not declare would pass every user here and strip everyone else. Such resources are refused, naming what AWS revokes
 * and from whom:
 *  - a GroupMembership on the enforced group declared elsewhere: `pulumi up` sets its members exactly;
 *  - a `GroupPolicyAttachmentsExclusive` / `GroupPoliciesExclusive` on that group: they set its policies exactly;
 *  - a PolicyAttachment of a trusted enforcement policy: exclusive account-wide, it detaches the policy from every
 *    principal it does not list;
 *  - a managed policy of this stack carrying a trusted name whose document does not enforce: whoever holds it in the
 *    account (it is trusted by name everywhere) loses the deny at its next version.
 */
import { GuardConfig } from "../guardConfig";
import { MfaDenyAnalyzer } from "../iam/mfaDenyAnalysis";
import { asciiLowerCase } from "../iam/wildcard";
import { IamGraph } from "../stack/iamGraph";
import { Violation } from "./guardedValidation";
import { isEnforcedGroup, isTrustedPolicyName } from "./trustedEnforcement";

const ADDITIVE_MEMBERSHIP = "add this stack's users with aws.iam.UserGroupMembership (additive: it leaves other members alone)";

function groupSetterViolations(graph: IamGraph, config: GuardConfig): Violation[] {
    const violations: Violation[] = [];
    for (const group of graph.groups) {
        if (group.inStack || !isEnforcedGroup(group, config)) {
            continue;
        }
        for (const setter of group.setExactlyBy) {
            const revoked =
                setter.sets === "members"
                    ? `every member of ${group.displayName} not listed here, account-wide (the users of every other stack among them), is removed from it and loses the MFA deny`
                    : `every ${setter.sets === "managed policies" ? "managed policy" : "inline policy"} of ${group.displayName} not listed here — the org's MFA deny among them — is removed from the group, for all of its members account-wide`;
            const fix =
                setter.sets === "members"
                    ? ADDITIVE_MEMBERSHIP
                    : `leave the group's policies to the stack that declares ${group.displayName}, and remove this resource`;
            violations.push({
                urn: setter.urn,
                message:
                    `${setter.kind} "${setter.name}" sets the ${setter.sets} of the org's enforced group ${group.displayName}, which this stack does not ` +
                    `declare, exactly: on \`pulumi up\` ${revoked}. Fix: ${fix}.`,
            });
        }
    }
    return violations;
}

function policyAttachmentViolations(graph: IamGraph, config: GuardConfig): Violation[] {
    return graph.policyAttachments
        .filter((a) => isTrustedPolicyName(a.policy, config))
        .map((a) => ({
            urn: a.urn,
            message:
                `PolicyAttachment "${a.name}" attaches the org's enforcement policy ${a.policy.name} exclusively: AWS detaches it from every user, group ` +
                `and role it does not list, account-wide — every principal of every other stack that holds it (the enforced group ` +
                `${config.enforcedGroupName} among them) loses the MFA deny. Fix: attach it with aws.iam.UserPolicyAttachment or ` +
                `aws.iam.GroupPolicyAttachment (additive), or put the users in the group "${config.enforcedGroupName}".`,
        }));
}

/** Held by a user or group of the stack, a policy is judged with them, and its verdict reported there. */
function trustedNameViolations(graph: IamGraph, config: GuardConfig, analyzer: MfaDenyAnalyzer): Violation[] {
    const violations: Violation[] = [];
    // By name: of two policies of one name AWS creates one, and the stack's verdicts already say so.
    const held = new Set<string>();
    for (const holder of [...graph.users, ...graph.groups]) {
        holder.effectiveAttached.forEach((ref) => [ref, ...(ref.candidates ?? [])].forEach((r) => held.add(asciiLowerCase(r.name))));
    }
    for (const policy of graph.policies) {
        const name = asciiLowerCase(policy.name);
        if (!config.enforcementPolicyNames.some((n) => asciiLowerCase(n) === name) || !policy.source.document || held.has(name)) {
            continue;
        }
        const result = analyzer.analyze([{ label: policy.source.label, document: policy.source.document }]);
        if (result.enforced) {
            continue;
        }
        const escape = result.escape!;
        violations.push({
            urn: policy.urn,
            message:
                `policy ${policy.name} carries a name this pack trusts as the org's MFA deny (enforcementPolicyNames), so every principal of the ` +
                `account holding it passes on trust — but this document does not deny ${escape.action} with ${escape.context.name}` +
                (escape.why.length > 0 ? ` (${escape.why.join("; ")})` : "") +
                `: whoever holds it loses the deny. Fix: give this policy another name, or make it deny every action but enrollment without MFA.`,
        });
    }
    return violations;
}

/** Resources of this stack that take the org's trusted enforcement away from principals it does not declare. */
export function orgEnforcementRevocations(graph: IamGraph, config: GuardConfig, analyzer: MfaDenyAnalyzer): Violation[] {
    return [...groupSetterViolations(graph, config), ...policyAttachmentViolations(graph, config), ...trustedNameViolations(graph, config, analyzer)];
}
