/**
 * The organization audit's terminal summary: totals, then the accounts that are not low risk, riskiest first, one
 * line each with why (the page and the JSON have every principal), and every account that was not audited.
 */
import { OrganizationReport, RISKS } from "../organization/organizationModel";
import { RISK_TITLES } from "./organizationPage";
import { statusCounts } from "./terminalSummary";

/** Enough to act on in a terminal; the rest is in --html and --json. */
const LISTED_ACCOUNTS = 25;

export function renderOrganizationSummary(report: OrganizationReport): string {
    const t = report.totals;
    const lines = [
        `Organization audited at ${report.generatedAt}: ${t.accounts} accounts, ${t.audited} audited, ${t.failed} not audited`,
        `Risk: ${RISKS.map((r) => `${t.byRisk[r]} ${RISK_TITLES[r].toLowerCase()}`).join(", ")}`,
        `${t.principals} principals: ${statusCounts(t.byStatus)}`,
        `Root users: ${t.rootWithoutMfa} without MFA, ${t.rootAccessKeys} with access keys, ${t.rootUnknown} not known (no credential report)`,
        `Sensitive actions: ${t.sensitiveActionGaps} users and roles can use one without fresh MFA`,
    ];
    const risky = report.accounts.filter((a) => a.risk !== "low" && a.status === "audited");
    if (risky.length > 0) {
        lines.push("", "Accounts at risk, riskiest first:");
        for (const a of risky.slice(0, LISTED_ACCOUNTS)) {
            lines.push(`  ${a.accountId}${a.accountName ? ` (${a.accountName})` : ""} ${RISK_TITLES[a.risk].toLowerCase()}: ${a.riskReasons.join("; ")}`);
        }
        if (risky.length > LISTED_ACCOUNTS) {
            lines.push(`  … and ${risky.length - LISTED_ACCOUNTS} more (--html FILE or --json for every account and principal)`);
        }
    }
    const failed = report.accounts.filter((a) => a.status === "failed");
    if (failed.length > 0) {
        lines.push("", "Not audited:");
        for (const a of failed) {
            lines.push(`  ${a.accountId}${a.accountName ? ` (${a.accountName})` : ""}: ${a.failure.reason}: ${a.failure.detail}`);
        }
    }
    return `${lines.join("\n")}\n`;
}
