/**
 * iam-group-requires-mfa: a group that grants permissions must not have a member who can act without MFA, and the
 * enforced group named in the config must itself carry the MFA deny.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema, GuardConfig } from "../guardConfig";
import { MfaDenyAnalyzer } from "../iam/mfaDenyAnalysis";
import { PRINCIPAL_KEYS } from "../iam/requestContexts";
import { asciiLowerCase } from "../iam/wildcard";
import { DocumentSource, GroupEntry, IamGraph } from "../stack/iamGraph";
import { guardedStackValidation, StackCheckInput, Violation } from "../verdicts/guardedValidation";
import { exemptionName, isExempt } from "../verdicts/exemptions";
import { groupRemedy, memberFix } from "../verdicts/fixes";
import { describeEscape, groupMfaStatus, userMfaStatus } from "../verdicts/principalMfaStatus";
import { isEnforcedGroup, isTrustedEnforcedGroup } from "../verdicts/trustedEnforcement";
import { metadata } from "../verdicts/policyMetadata";

export const GROUP_POLICY_NAME = "iam-group-requires-mfa";

/**
 * A statement that allows anything, or a document the pack cannot read (it may allow anything) — the group's own, or
 * one whose group cannot be traced (it may be this group).
 */
function grant(source: DocumentSource): string | undefined {
    return source.problem ? `${source.label} (unreadable: ${source.problem})` : source.document!.statements.some((s) => s.effect === "Allow") ? source.label : undefined;
}

function grantsPermissions(group: GroupEntry, untracedGrant: string | undefined): string | undefined {
    for (const source of group.ownDocuments("group")) {
        const found = grant(source);
        if (found) {
            return found;
        }
    }
    return untracedGrant;
}

/** The first grant among documents whose group cannot be traced: the same for every group, so found once. */
function untracedGroupGrant(unplaced: IamGraph["unplaced"]): string | undefined {
    for (const entry of unplaced) {
        if (entry.target !== "group") {
            continue;
        }
        for (const source of entry.sources) {
            const found = grant(source);
            if (found) {
                return `${found}, which may be this group's: ${entry.problem}`;
            }
        }
    }
    return undefined;
}

/** A gap that comes only from the deny reading who the member is (`aws:username`, ...): the deny exempts some users. */
function dependsOnMember(why: string): { statement: string; keys: string } | undefined {
    const match = /^(.*) also depends on (.+), so it does not deny every request without MFA$/.exec(why);
    const keys = match?.[2].split(", ") ?? [];
    return keys.length > 0 && keys.every((k) => PRINCIPAL_KEYS.includes(asciiLowerCase(k))) ? { statement: match![1], keys: keys.join(", ") } : undefined;
}

function enforcedGroupViolation(group: GroupEntry, analyzer: MfaDenyAnalyzer): Violation | undefined {
    const status = groupMfaStatus(group, analyzer);
    if (status.result.enforced) {
        return undefined;
    }
    // Other stacks put members into the enforced group on trust, so its deny must hold whoever the member is.
    const byMember = status.result.escape?.why.map(dependsOnMember).find((m) => m !== undefined);
    const fix = byMember
        ? `in ${byMember.statement}, drop the condition on ${byMember.keys}: team stacks put members into this group on trust, so its deny must ` +
          "hold for every member; a user who must act without MFA is left out of the group and listed in exemptUsers with a reason"
        : groupRemedy(group, status);
    return {
        urn: group.urn,
        message: `group ${group.displayName} is the enforced group but does not carry the MFA deny: ${describeEscape(status)}. Fix: ${fix}.`,
    };
}

/** The first member that escapes the MFA deny: one is enough to block the group; the user policy names each user. */
function escapingMember(group: GroupEntry, grant: string, graph: IamGraph, config: GuardConfig, analyzer: MfaDenyAnalyzer): Violation | undefined {
    for (const member of group.members) {
        if (isExempt(config.exemptUsers, exemptionName(member))) {
            continue;
        }
        const status = userMfaStatus(member, analyzer, config);
        if (status.result.enforced) {
            continue;
        }
        const declared = member.inStack ? "" : ` (not declared in this stack, so nothing here proves it is subject to an MFA deny)`;
        return {
            urn: group.urn,
            message:
                `group ${group.displayName} grants permissions (${grant}) to member ${member.displayName}${declared}, ` +
                `who escapes the MFA deny: ${describeEscape(status)}. ${memberFix(group, member, config, analyzer, graph.groups)}`,
        };
    }
    return undefined;
}

export function groupViolations({ graph, config, analyzer }: StackCheckInput): Violation[] {
    const violations: Violation[] = [];
    const untracedGrant = untracedGroupGrant(graph.unplaced);
    for (const group of graph.groups) {
        // Declared here, it is proven here; declared elsewhere it is trusted, unless this stack sets its policies exactly.
        if (isEnforcedGroup(group, config) && !isTrustedEnforcedGroup(group, config) && (group.inStack || group.ownDocuments("group").length > 0)) {
            const violation = enforcedGroupViolation(group, analyzer);
            if (violation) {
                violations.push(violation);
                continue;
            }
        }
        const grant = grantsPermissions(group, untracedGrant);
        if (!grant) {
            continue;
        }
        const violation = escapingMember(group, grant, graph, config, analyzer);
        if (violation) {
            violations.push(violation);
        }
    }
    return violations;
}

export const groupRequiresMfa: StackValidationPolicy = {
    name: GROUP_POLICY_NAME,
    displayName: "IAM group requires MFA",
    tags: ["aws", "iam", "mfa", "iam-group"],
    description: "A group that grants permissions must have no member who can act without MFA; the enforced group must carry the MFA deny.",
    enforcementLevel: "mandatory",
    ...metadata(
        GROUP_POLICY_NAME,
        "high",
        "Make every member of a granting group subject to the MFA deny (put it in the enforced group), or attach the MFA deny to the group; the enforced group itself must carry a deny of every action but MFA enrollment without MFA.",
    ),
    configSchema: configSchema(["enforcedGroupName", "enforcementPolicyNames", "exemptUsers", "enrollmentAllowList"]),
    validateStack: guardedStackValidation(GROUP_POLICY_NAME, groupViolations),
};
