/**
 * What the daily enrollment-window job would do, decided offline from the same two exports the account audit reads
 * (parsed by the audit's own parsers) with the job's own decision table.
 */
import { usersOfAccount } from "../../program/enrollmentWindow/accountUsers";
import { decideAll, DEFAULT_THRESHOLDS, EnrollmentThresholds, WindowDecision } from "../../program/enrollmentWindow/decisionTable";
import { DEFAULT_SUSPENDED_GROUP_NAME } from "../../program/enrollmentWindow/jobPolicies";
import { AuditInputs } from "../../account";

export interface EnrollmentWindowPlanOptions {
    readonly now: Date;
    readonly thresholds?: EnrollmentThresholds;
    readonly suspendedGroupName?: string;
}

/** The job's decision, and whether the user is suspended today: the audit reports exactly these users `suspended`. */
export type PlannedAction = WindowDecision & { readonly suspended: boolean };

export interface EnrollmentWindowPlan {
    readonly actions: readonly PlannedAction[];
}

export function enrollmentWindowPlan(inputs: AuditInputs, options: EnrollmentWindowPlanOptions): EnrollmentWindowPlan {
    if (!inputs.credentialReport) {
        throw new Error("the credential report is required");
    }
    const suspendedGroupName = options.suspendedGroupName ?? DEFAULT_SUSPENDED_GROUP_NAME;
    const users = usersOfAccount(inputs.authorizationDetails, inputs.credentialReport, suspendedGroupName);
    const decisions = decideAll(users, {
        thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
        exemptions: inputs.exemptions?.users ?? [],
        now: options.now,
        suspendedGroupName,
    });
    const suspended = new Set(users.filter((u) => u.suspended).map((u) => u.name));
    return { actions: decisions.map((d) => ({ ...d, suspended: suspended.has(d.user) })) };
}

/** The plan for a terminal: one line per user, then the counts. */
export function renderEnrollmentWindowPlan(plan: EnrollmentWindowPlan): string {
    const width = Math.max(4, ...plan.actions.map((a) => a.user.length));
    const lines = plan.actions.map((a) => `${a.action.padEnd(7)} ${a.user.padEnd(width)} ${String(a.daysWithoutMfa).padStart(4)} days  ${a.reason}${a.suspended && !a.reason.includes("still in") ? " (suspended already)" : ""}`);
    const count = (action: string) => plan.actions.filter((a) => a.action === action).length;
    const suspendedNow = plan.actions.filter((a) => a.suspended).length;
    lines.push("", `${plan.actions.length} users: ${count("suspend")} suspend, ${count("flag")} flag, ${count("remind")} remind, ${count("none")} none; ${suspendedNow} suspended now`);
    return `${lines.join("\n")}\n`;
}
