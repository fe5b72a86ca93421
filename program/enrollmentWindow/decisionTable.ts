/**
 * The enrollment window, as a decision table: a user who never enrolls an MFA device is reminded, then flagged, then
 * suspended, counted in whole days since the user was created. Pure: the daily job and the offline CLI both decide
 * with this function, from the same facts.
 */

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
}

export interface WindowDecision {
    readonly user: string;
    readonly action: WindowAction;
    /** Whole days since creation without an active MFA device; 0 once a device is active. */
    readonly daysWithoutMfa: number;
    readonly reason: string;
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
    readonly exemptions: readonly WindowExemption[];
    readonly now: Date;
    /** Named in the reason of a suspended user who has enrolled since. */
    readonly suspendedGroupName: string;
}

export function decideUser(user: UserMfaFacts, context: DecisionContext): WindowDecision {
    const days = user.createdAt === undefined ? 0 : wholeDaysBetween(user.createdAt, context.now);
    // IAM user names are unique regardless of case, so an exemption matches in any case.
    const exemption = context.exemptions.find((e) => e.name.toLowerCase() === user.name.toLowerCase());
    if (exemption) {
        return { user: user.name, action: "none", daysWithoutMfa: user.mfaActive ? 0 : days, reason: `exempt: ${exemption.reason}` };
    }
    if (user.mfaActive === true) {
        const reason = user.suspended
            ? `MFA active, still in ${context.suspendedGroupName}: an administrator reinstates the user`
            : "MFA active";
        return { user: user.name, action: "none", daysWithoutMfa: 0, reason };
    }
    if (user.createdAt === undefined) {
        return { user: user.name, action: "none", daysWithoutMfa: 0, reason: "creation date unknown: no window can be counted" };
    }
    if (user.mfaActive === undefined) {
        return { user: user.name, action: "none", daysWithoutMfa: days, reason: "MFA status unknown (not in the credential report yet): decided on a later run" };
    }
    const action = actionAfter(days, context.thresholds);
    const since = `no MFA device ${plural(days, "day")} after creation`;
    return { user: user.name, action, daysWithoutMfa: days, reason: `${since}; ${nextStage(days, context.thresholds)}` };
}

/** One decision per user, in name order (stable output for logs, messages and the CLI). */
export function decideAll(users: readonly UserMfaFacts[], context: DecisionContext): WindowDecision[] {
    return [...users].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((u) => decideUser(u, context));
}
