/** `--fail-on`: which findings make the audit exit 1. */
import { AuditReport } from "./reportModel";

export const FAIL_ON_CONDITIONS = ["escapes", "unenforced", "locked-out", "unverifiable", "suspended", "root-without-mfa", "root-access-keys", "root-virtual-mfa", "sensitive-actions"] as const;
export type FailOnCondition = (typeof FAIL_ON_CONDITIONS)[number];

/**
 * Fails closed: a principal without the MFA deny fails whether or not it can act today (unenforced), and what
 * cannot be verified, and a root user without MFA, fail like an escape. Suspension is the project's own doing.
 */
export const DEFAULT_FAIL_ON: readonly FailOnCondition[] = ["escapes", "unenforced", "locked-out", "unverifiable", "root-without-mfa"];

export class FailOnError extends Error {}

/** A comma-separated list of conditions, or `none` (always exit 0 on good input). */
export function parseFailOn(text: string): FailOnCondition[] {
    const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
    if (items.length === 1 && items[0] === "none") {
        return [];
    }
    const unknown = items.filter((i) => !(FAIL_ON_CONDITIONS as readonly string[]).includes(i));
    if (items.length === 0 || unknown.length > 0) {
        throw new FailOnError(`--fail-on: ${unknown.length > 0 ? `"${unknown[0]}" is not a condition` : "names no condition"}; use "none" or a comma-separated list of ${FAIL_ON_CONDITIONS.join(", ")}`);
    }
    return [...new Set(items as FailOnCondition[])];
}

/** What the report holds of the chosen conditions, one line each; empty when the audit passes. */
export function failures(report: Pick<AuditReport, "root" | "summary">, failOn: readonly FailOnCondition[]): string[] {
    const found: string[] = [];
    for (const condition of failOn) {
        if (condition === "root-without-mfa" && report.root.mfaActive === false && !report.root.credentialsRemoved) {
            found.push("root-without-mfa: the root user has no MFA");
        } else if (condition === "root-access-keys" && report.root.accessKeysPresent) {
            found.push("root-access-keys: the root user has active access keys");
        } else if (condition === "root-virtual-mfa" && report.root.mfaType === "virtual-totp") {
            found.push("root-virtual-mfa: the root user's MFA is a virtual device");
        } else if (condition === "sensitive-actions" && report.summary.sensitiveActionGaps > 0) {
            found.push(`sensitive-actions: ${report.summary.sensitiveActionGaps} principal(s) can use a sensitive action without fresh MFA`);
        } else if (condition === "escapes" || condition === "unenforced" || condition === "locked-out" || condition === "unverifiable" || condition === "suspended") {
            const count = report.summary.byStatus[condition];
            if (count > 0) {
                found.push(`${condition}: ${count} principal(s)`);
            }
        }
    }
    return found;
}

export function exitCode(report: Pick<AuditReport, "root" | "summary">, failOn: readonly FailOnCondition[]): 0 | 1 {
    return failures(report, failOn).length > 0 ? 1 : 0;
}
