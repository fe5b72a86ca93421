/**
 * The enrollment window, as a decision table: a user who never enrolls an MFA device is reminded, then flagged, then
 * suspended, counted in whole days since the user was created — or, for a user whose device was removed (the
 * runbook's lost-device procedure), since the first run that saw it gone, whichever is later. An exemption counts
 * through its expiresOn day; after it, the user is decided like everyone and the reason says when it expired. Pure:
 * the daily job and the offline CLI both decide with this function, from the same facts.
 */
import { exemptionStatus } from "../../account";


export type WindowAction = "none" | "remind" | "flag" | "suspend";

export interface EnrollmentThresholds {
    /** Days after creation from which a user without MFA is named in the reminder. */
    readonly remindAfterDays: number;
    /** Days after creation from which the user is flagged (tag `force-mfa:flagged`). */
    readonly flagAfterDays: number;
    /** Days after creation from which the user is suspended; 0 switches suspension off. */
    readonly suspendAfterDays: number;
}

export const DEFAULT_THRESHOLDS: EnrollmentThresholds = { remindAfterDays: 0, flagAfterDays: 7, suspendAfterDays: 14 };

export interface WindowExemption {
    readonly name: string;
    readonly reason: string;
    /** The last day it counts (YYYY-MM-DD, UTC); the job judges each run against its own date. */
    readonly expiresOn?: string;
}

/** What is known of one IAM user when deciding. */
export interface UserMfaFacts {
    readonly name: string;
    /** Undefined: not known (neither the credential report nor the authorization details give it). */
    readonly createdAt: Date | undefined;
    /** An MFA device is active. Undefined: not known (e.g. the user is not yet in the credential report). */
    readonly mfaActive: boolean | undefined;
    /** Already a member of the suspension group. */
    readonly suspended: boolean;
    /**
     * When a run first saw the user without an MFA device after a run had seen it with one (deviceHistory.ts): the
     * window counts from here when it is later than the creation. Undefined: never seen losing one.
     */
    readonly deviceRemovedAt?: Date;
}

export interface WindowDecision {
    readonly user: string;
    readonly action: WindowAction;
    /** Whole days since creation without an active MFA device; 0 once a device is active. */
    readonly daysWithoutMfa: number;
    readonly reason: string;
    /** The user's exemption ended on this day (its expiresOn): decided like everyone, and said so. */
    readonly exemptionExpiredOn?: string;
    /** The days count from the device's removal, not the creation. */
    readonly countedFromDeviceRemoval?: boolean;
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to`; a creation date in the future (clock skew) counts as 0. */
export function wholeDaysBetween(from: Date, to: Date): number {
    return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

/** `2026-12-01`: the UTC calendar day, the unit in which a run is idempotent. */
export function utcDay(date: Date): string {
    return date.toISOString().slice(0, 10);
}

/** The action the thresholds give after `days` days without MFA. */
export function actionAfter(days: number, thresholds: EnrollmentThresholds): WindowAction {
    if (thresholds.suspendAfterDays > 0 && days >= thresholds.suspendAfterDays) {
        return "suspend";
    }
    if (days >= thresholds.flagAfterDays) {
        return "flag";
    }
    if (days >= thresholds.remindAfterDays) {
        return "remind";
    }
    return "none";
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function nextStage(days: number, thresholds: EnrollmentThresholds): string {
    if (days < thresholds.remindAfterDays) {
        return `reminded from day ${thresholds.remindAfterDays}`;
    }
    if (days < thresholds.flagAfterDays) {
        return `flagged on day ${thresholds.flagAfterDays}`;
    }
    if (thresholds.suspendAfterDays > 0 && days < thresholds.suspendAfterDays) {
        return `suspended on day ${thresholds.suspendAfterDays}`;
    }
    return thresholds.suspendAfterDays > 0 ? "suspended" : "suspension is off";
}

export interface DecisionContext {
    readonly thresholds: EnrollmentThresholds;
    /** Every exemption, expired ones included: each is judged against the day of `now`. */
    readonly exemptions: readonly WindowExemption[];
    readonly now: Date;
    /** Named in the reason of a suspended user who has enrolled since. */
    readonly suspendedGroupName: string;
}

/** Where the window starts: the later of the creation and the device's removal. */
function windowStart(user: UserMfaFacts): { from: Date | undefined; removal: boolean } {
    const removal = user.deviceRemovedAt !== undefined && (user.createdAt === undefined || user.deviceRemovedAt > user.createdAt);
    return removal ? { from: user.deviceRemovedAt, removal } : { from: user.createdAt, removal };
}

export function decideUser(user: UserMfaFacts, context: DecisionContext): WindowDecision {
    const start = windowStart(user);
    const days = start.from === undefined ? 0 : wholeDaysBetween(start.from, context.now);
    // IAM user names are unique regardless of case, so an exemption matches in any case.
    const exemption = context.exemptions.find((e) => e.name.toLowerCase() === user.name.toLowerCase());
    const expired = exemption !== undefined && exemptionStatus(exemption, utcDay(context.now)) === "expired";
    if (exemption && !expired) {
        const until = exemption.expiresOn === undefined ? "" : ` (until ${exemption.expiresOn})`;
        return { user: user.name, action: "none", daysWithoutMfa: user.mfaActive ? 0 : days, reason: `exempt: ${exemption.reason}${until}` };
    }
    // An expired exemption is none: the user is counted like everyone, and every reason says when it ended.
    const terms = expired ? { exemptionExpiredOn: exemption!.expiresOn! } : {};
    const ended = expired ? `exemption expired on ${exemption!.expiresOn}; ` : "";
    if (user.mfaActive === true) {
        const reason = user.suspended
            ? `MFA active, still in ${context.suspendedGroupName}: an administrator reinstates the user`
            : "MFA active";
        return { user: user.name, action: "none", daysWithoutMfa: 0, reason: `${ended}${reason}`, ...terms };
    }
    if (start.from === undefined) {
        return { user: user.name, action: "none", daysWithoutMfa: 0, reason: `${ended}creation date unknown: no window can be counted`, ...terms };
    }
    if (user.mfaActive === undefined) {
        return { user: user.name, action: "none", daysWithoutMfa: days, reason: `${ended}MFA status unknown (not in the credential report yet): decided on a later run`, ...terms };
    }
    const action = actionAfter(days, context.thresholds);
    const since = start.removal
        ? `no MFA device ${plural(days, "day")} after its device was removed (first seen without one ${utcDay(start.from)})`
        : `no MFA device ${plural(days, "day")} after creation`;
    return {
        user: user.name,
        action,
        daysWithoutMfa: days,
        reason: `${ended}${since}; ${nextStage(days, context.thresholds)}`,
        ...terms,
        ...(start.removal ? { countedFromDeviceRemoval: true } : {}),
    };
}

/** One decision per user, in name order (stable output for logs, messages and the CLI). */
export function decideAll(users: readonly UserMfaFacts[], context: DecisionContext): WindowDecision[] {
    return [...users].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((u) => decideUser(u, context));
}
