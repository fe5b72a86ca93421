/**
 * The one step that makes a principal pass, never one it has already taken: a user outside the enforced group is
 * added to it; a user already in it is pointed at what is wrong with the group's deny; a user an exclusive
 * GroupMembership removes is listed there.
 */
import { GuardConfig } from "../guardConfig";
import { MfaDenyAnalyzer } from "../iam/mfaDenyAnalysis";
import { asciiLowerCase } from "../iam/wildcard";
import { GroupEntry, UserEntry } from "../stack/iamGraph";
import { groupMfaStatus, MfaStatus } from "./principalMfaStatus";
import { isEnforcedGroup } from "./trustedEnforcement";

const FORCE_MFA_SHAPE =
    'a policy with "Deny" + "NotAction" of the enrollment actions + "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"} (the ForceMFA policy of this project)';

/** What to change in a group's own documents so that they deny every action but enrollment without MFA. */
export function groupRemedy(group: GroupEntry, status: MfaStatus): string {
    const refused = status.unverifiable.find((u) => u.includes("AWS refuses"));
    if (refused) {
        return `correct ${refused.replace(/, so `pulumi up` fails.*$/, "")}`;
    }
    const gap = status.result.escape?.why[0];
    if (gap) {
        return `correct ${gap}`;
    }
    if (status.unverifiable.length > 0) {
        return `make this verifiable: ${status.unverifiable[0]}`;
    }
    return `attach ${FORCE_MFA_SHAPE} to group ${group.displayName}`;
}

/**
 * The GroupMemberships that set the enforced group's members exactly: a user joins it by being listed there (any
 * other membership into that group is removed by AWS).
 */
function enforcedMemberships(user: UserEntry, config: GuardConfig, groups: readonly GroupEntry[]): string[] | undefined {
    for (const [group, memberships] of user.removedFrom) {
        if (isEnforcedGroup(group, config)) {
            return memberships;
        }
    }
    return exclusivelySetEnforcedGroup(groups, config)?.membersSetBy;
}

/** The enforced group, if GroupMemberships set its members: looked up once per graph, not per user to fix. */
const setEnforcedGroups = new WeakMap<readonly GroupEntry[], { readonly name: string; readonly group?: GroupEntry }>();

function exclusivelySetEnforcedGroup(groups: readonly GroupEntry[], config: GuardConfig): GroupEntry | undefined {
    const known = setEnforcedGroups.get(groups);
    if (known?.name === config.enforcedGroupName) {
        return known.group;
    }
    const group = groups.find((g) => isEnforcedGroup(g, config) && g.membersSetBy.length > 0);
    setEnforcedGroups.set(groups, { name: config.enforcedGroupName, group });
    return group;
}

export function userFix(user: UserEntry, config: GuardConfig, analyzer: MfaDenyAnalyzer, groups: readonly GroupEntry[] = []): string {
    const name = user.displayName;
    const enforced = [...user.groups].find((g) => isEnforcedGroup(g, config));
    if (enforced) {
        return `Fix: ${name} is already in the group "${enforced.displayName}", whose policies do not make up the MFA deny: ${groupRemedy(enforced, groupMfaStatus(enforced, analyzer))}.`;
    }
    const removedBy = enforcedMemberships(user, config, groups);
    if (removedBy) {
        const which = removedBy.length === 1 ? `GroupMembership "${removedBy[0]}"` : `every one of GroupMemberships ${removedBy.map((n) => `"${n}"`).join(", ")}`;
        return `Fix: list ${name} in the users of ${which}, which sets the members of the group "${config.enforcedGroupName}".`;
    }
    return `Fix: add ${name} to the group "${config.enforcedGroupName}" (whose policy denies every action but MFA enrollment unless MFA is present).`;
}

/** The fix of a group that grants permissions to a member who escapes: make that member pass. */
export function memberFix(group: GroupEntry, member: UserEntry, config: GuardConfig, analyzer: MfaDenyAnalyzer, groups: readonly GroupEntry[]): string {
    if (isEnforcedGroup(group, config)) {
        return `Fix: ${groupRemedy(group, groupMfaStatus(group, analyzer))}.`;
    }
    return userFix(member, config, analyzer, groups);
}

export const sameIamName = (a: string, b: string) => asciiLowerCase(a) === asciiLowerCase(b);
