/**
 * The enrollment window's suspension, as the audit sees it: a user in the suspension group, whose own policy denies
 * every action on every resource, unconditionally. Such a user acts neither with nor without MFA until an
 * administrator reinstates it — the project's own doing, not a lock-out nor an escape.
 */
import { GroupEntry, matchesEverything, usable, UserEntry } from "../../policy-pack/evaluator";

/** The enrollment window's suspension group unless configured otherwise (program/enrollmentWindow imports it from here). */
export const DEFAULT_SUSPENDED_GROUP_NAME = "mfa-suspended";

function deniesEverything(group: GroupEntry): boolean {
    return usable(group.ownDocuments("group")).some(({ document }) =>
        document.statements.some(
            (s) => s.effect === "Deny" && s.conditions.length === 0 && (s.actions ?? []).some(matchesEverything) && (s.resources ?? []).some(matchesEverything),
        ),
    );
}

/** Why the user is suspended, or undefined when it is not (not in the group, or the group does not deny everything). */
export function suspensionOf(user: UserEntry, suspendedGroupName: string): string | undefined {
    const wanted = suspendedGroupName.toLowerCase();
    const group = [...user.groups].find((g) => g.displayName.toLowerCase() === wanted);
    if (!group || !deniesEverything(group)) {
        return undefined;
    }
    return `suspended by the enrollment window: a member of ${group.displayName}, whose policy denies every action on every resource, with or without MFA`;
}

/** What ends a suspension: enrollment by an administrator, then leaving the group (the job never removes anyone). */
export const SUSPENDED_FIX = (name: string, group: string) =>
    `an administrator enrolls an MFA device for ${name} (or deletes the user), then removes it from the group "${group}"; ` +
    `the enrollment window never reinstates anyone itself.`;
