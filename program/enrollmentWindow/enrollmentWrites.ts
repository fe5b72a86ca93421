/**
 * What a decision changes in the account, given what is already there: the difference between the state the
 * decision asks for and the user's current state. A second run the same day finds nothing to change.
 */
import { WindowDecision } from "./decisionTable";

/** The tag a flagged user carries; its value is the UTC day the user was first flagged. */
export const FLAGGED_TAG = "force-mfa:flagged";

export type AccountWrite =
    | { readonly kind: "tag-flagged"; readonly user: string; readonly day: string }
    | { readonly kind: "add-to-suspended-group"; readonly user: string; readonly group: string }
    | { readonly kind: "deactivate-access-key"; readonly user: string; readonly accessKeyId: string };

/** The user's current state, as far as the window's writes are concerned. */
export interface UserWriteState {
    /** The value of the flagged tag, when the user carries it. */
    readonly flaggedOn?: string;
    readonly suspended: boolean;
    /** Access keys whose status is Active. */
    readonly activeAccessKeyIds: readonly string[];
}

/**
 * Flag: the tag, unless already there (its first date is kept). Suspend: the tag too (a user suspended on the first
 * run was never flagged), membership of the suspension group, and every active access key deactivated.
 */
export function plannedWrites(decision: WindowDecision, state: UserWriteState, today: string, suspendedGroupName: string): AccountWrite[] {
    const writes: AccountWrite[] = [];
    if (decision.action !== "flag" && decision.action !== "suspend") {
        return writes;
    }
    if (state.flaggedOn === undefined) {
        writes.push({ kind: "tag-flagged", user: decision.user, day: today });
    }
    if (decision.action === "suspend") {
        if (!state.suspended) {
            writes.push({ kind: "add-to-suspended-group", user: decision.user, group: suspendedGroupName });
        }
        for (const accessKeyId of state.activeAccessKeyIds) {
            writes.push({ kind: "deactivate-access-key", user: decision.user, accessKeyId });
        }
    }
    return writes;
}

/** One line for a log or a message: what a write does. */
export function describeWrite(write: AccountWrite): string {
    switch (write.kind) {
        case "tag-flagged":
            return `tag ${FLAGGED_TAG}=${write.day}`;
        case "add-to-suspended-group":
            return `add to group ${write.group}`;
        case "deactivate-access-key":
            return `deactivate access key ${write.accessKeyId}`;
    }
}
