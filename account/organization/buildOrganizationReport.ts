/**
 * The organization report from its accounts' audits. An account's audit is reduced to its entry as soon as it is
 * known (organizationAccount), so a caller that judges accounts one at a time — the offline CLI, the report Lambda
 * reading the bucket — holds one full report at a time, never the organization's.
 */
import { emptyCounts, STATUSES } from "../report/reportModel";
import { ACCOUNT_FAILURE_REASONS, AccountAuditResult, AccountFailureReason } from "./accountAuditResult";
import { AuditedAccountEntry, LISTED_STATUSES, OrganizationAccount, OrganizationReport, Risk, RISKS } from "./organizationModel";

function rootFails(root: AuditedAccountEntry["root"]): { withoutMfa: boolean; accessKeys: boolean } {
    return { withoutMfa: root.mfaActive === false && !root.credentialsRemoved, accessKeys: root.accessKeysPresent === true };
}

function riskOf(entry: Pick<AuditedAccountEntry, "summary" | "root">): { risk: Risk; riskReasons: string[] } {
    const count = entry.summary.byStatus;
    const root = rootFails(entry.root);
    const reasons: [Risk, string][] = [];
    const add = (risk: Risk, n: number, what: string) => n > 0 && reasons.push([risk, `${n} principal(s) ${what}`]);
    add("critical", count.escapes, "act without MFA");
    if (root.withoutMfa) reasons.push(["critical", "the root user has no MFA"]);
    if (root.accessKeys) reasons.push(["critical", "the root user has access keys"]);
    add("high", count.unenforced, "not subject to the MFA deny");
    add("high", count["locked-out"], "locked out of enrolling MFA");
    add("medium", count.unverifiable, "not verifiable");
    if (entry.root.mfaActive === undefined && !entry.root.credentialsRemoved) reasons.push(["medium", "the root user's MFA is not known (no credential report)"]);
    const risk = reasons.map(([r]) => r).sort((a, b) => RISKS.indexOf(a) - RISKS.indexOf(b))[0] ?? "low";
    return { risk, riskReasons: reasons.map(([, text]) => text) };
}

/** An account's entry in the organization report: its counts, root, findings and the principals that need attention. */
export function organizationAccount(result: AccountAuditResult): OrganizationAccount {
    const named = { accountId: result.accountId, ...(result.accountName !== undefined ? { accountName: result.accountName } : {}) };
    if (result.status === "failed") {
        return { ...named, status: "failed", risk: "not-audited", riskReasons: [`not audited (${result.reason}): ${result.detail}`], failure: { reason: result.reason, detail: result.detail } };
    }
    const r = result.report;
    const body = {
        generatedAt: r.generatedAt,
        enforcedGroupName: r.enforcedGroupName,
        ...(r.credentialReportGeneratedAt ? { credentialReportGeneratedAt: r.credentialReportGeneratedAt } : {}),
        summary: r.summary,
        root: r.root,
        findings: r.findings,
        principals: r.principals.filter((p) => LISTED_STATUSES.includes(p.status)),
    };
    return { ...named, status: "audited", ...riskOf(body), ...body };
}

/** Riskiest first; within a risk, the most escapes, then unenforced, locked-out and unverifiable principals; then by id. */
export function compareAccountRisk(a: OrganizationAccount, b: OrganizationAccount): number {
    const counts = (x: OrganizationAccount) => (x.status === "audited" ? [x.summary.byStatus.escapes, x.summary.byStatus.unenforced, x.summary.byStatus["locked-out"], x.summary.byStatus.unverifiable] : [0, 0, 0, 0]);
    const [ca, cb] = [counts(a), counts(b)];
    return RISKS.indexOf(a.risk) - RISKS.indexOf(b.risk) || ca.map((n, i) => cb[i] - n).find((d) => d !== 0) || a.accountId.localeCompare(b.accountId);
}

/** The report of accounts already reduced to their entries (organizationAccount). */
export function organizationReportOf(accounts: readonly OrganizationAccount[], generatedAt: Date): OrganizationReport {
    const byRisk = Object.fromEntries(RISKS.map((r) => [r, 0])) as Record<Risk, number>;
    const failuresByReason = Object.fromEntries(ACCOUNT_FAILURE_REASONS.map((r) => [r, 0])) as Record<AccountFailureReason, number>;
    const byStatus = emptyCounts();
    let principals = 0;
    let rootWithoutMfa = 0;
    let rootAccessKeys = 0;
    let rootUnknown = 0;
    let sensitiveActionGaps = 0;
    const seen = new Set<string>();
    for (const a of accounts) {
        if (seen.has(a.accountId)) {
            throw new Error(`account ${a.accountId} is in the organization report twice`);
        }
        seen.add(a.accountId);
        byRisk[a.risk]++;
        if (a.status === "failed") {
            failuresByReason[a.failure.reason]++;
            continue;
        }
        principals += a.summary.principals;
        sensitiveActionGaps += a.summary.sensitiveActionGaps;
        STATUSES.forEach((s) => (byStatus[s] += a.summary.byStatus[s]));
        const root = rootFails(a.root);
        rootWithoutMfa += root.withoutMfa ? 1 : 0;
        rootAccessKeys += root.accessKeys ? 1 : 0;
        rootUnknown += a.root.mfaActive === undefined && !a.root.credentialsRemoved ? 1 : 0;
    }
    const failed = accounts.filter((a) => a.status === "failed").length;
    return {
        generatedAt: generatedAt.toISOString(),
        totals: { accounts: accounts.length, audited: accounts.length - failed, failed, byRisk, failuresByReason, principals, byStatus, rootWithoutMfa, rootAccessKeys, rootUnknown, sensitiveActionGaps },
        accounts: [...accounts].sort(compareAccountRisk),
    };
}

export function buildOrganizationReport(accounts: readonly AccountAuditResult[], generatedAt: Date): OrganizationReport {
    return organizationReportOf(accounts.map(organizationAccount), generatedAt);
}
