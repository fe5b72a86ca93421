/**
 * The run's one message to the alert topic: each user named with the days without MFA, what was done (or, in report
 * mode, what would be) and the step to take.
 */
import { EnrollmentThresholds, WindowAction, WindowDecision } from "./decisionTable";
import { AccountWrite, describeWrite, FLAGGED_TAG } from "./enrollmentWrites";

export interface AnnouncedDecision {
    readonly decision: WindowDecision;
    /** The writes the decision needs; applied in enforce mode. */
    readonly writes: readonly AccountWrite[];
}

export interface AnnouncementContext {
    readonly mode: "report" | "enforce";
    readonly day: string;
    readonly thresholds: EnrollmentThresholds;
    readonly suspendedGroupName: string;
}

const ENROLL = "enroll an MFA device (IAM console → Security credentials → Assign MFA device)";

export function stepFor(action: WindowAction, context: AnnouncementContext): string {
    const { thresholds, suspendedGroupName } = context;
    const suspension = thresholds.suspendAfterDays > 0 ? `suspended from day ${thresholds.suspendAfterDays}` : "suspension is off";
    switch (action) {
        case "remind":
            return `${ENROLL}; flagged from day ${thresholds.flagAfterDays}`;
        case "flag":
            return `${ENROLL} now; ${suspension}`;
        case "suspend":
            return (
                `an administrator who has verified the person reinstates them: remove from ${suspendedGroupName}, the user enrolls right away, ` +
                `then reactivate the access keys still needed and remove the tag ${FLAGGED_TAG}`
            );
        case "none":
            return "nothing";
    }
}

const DONE: Record<WindowAction, string> = { none: "", remind: "reminded", flag: "flagged", suspend: "suspended" };
/** Report mode changes nothing: the words say what enforce mode would do. */
const WOULD: Record<WindowAction, string> = { none: "", remind: "to remind", flag: "to flag", suspend: "to suspend" };

/** Subject and text of the run's message; undefined when there is nothing to say. */
export function announcement(items: readonly AnnouncedDecision[], awaitingReinstatement: readonly string[], context: AnnouncementContext) {
    const acting = items.filter((i) => i.decision.action !== "none");
    if (acting.length === 0 && awaitingReinstatement.length === 0) {
        return undefined;
    }
    const words = context.mode === "report" ? WOULD : DONE;
    const count = (action: WindowAction) => acting.filter((i) => i.decision.action === action).length;
    const counts = (["suspend", "flag", "remind"] as const).filter((a) => count(a) > 0).map((a) => `${count(a)} ${words[a]}`);
    const subject = `force-mfa enrollment window ${context.day}${context.mode === "report" ? " (report mode)" : ""}: ${[...counts, ...(awaitingReinstatement.length ? [`${awaitingReinstatement.length} awaiting reinstatement`] : [])].join(", ")}`;
    const lines: string[] = [
        context.mode === "report"
            ? "Report mode: nothing was changed in the account. In enforce mode this run would have made the changes listed."
            : "Enforce mode: the changes listed were made.",
        "",
    ];
    for (const { decision, writes } of acting) {
        const changes = writes.length > 0 ? ` ${context.mode === "report" ? "Would change" : "Changes"}: ${writes.map(describeWrite).join("; ")}.` : "";
        const since = decision.countedFromDeviceRemoval ? " since its device was removed" : "";
        const ended = decision.exemptionExpiredOn ? ` (exemption expired on ${decision.exemptionExpiredOn})` : "";
        lines.push(`- ${decision.user}: ${decision.daysWithoutMfa} days without MFA${since}, ${words[decision.action]}${ended}.${changes} Step: ${stepFor(decision.action, context)}.`);
    }
    if (awaitingReinstatement.length > 0) {
        lines.push("", `Enrolled but still in ${context.suspendedGroupName} (an administrator reinstates them): ${awaitingReinstatement.join(", ")}.`);
    }
    return { subject: subject.length > 100 ? `${subject.slice(0, 99)}…` : subject, message: lines.join("\n") };
}
