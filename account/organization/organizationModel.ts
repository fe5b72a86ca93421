/**
 * The organization report: every member account's audit in one document (documented in docs/organization-audit.md,
 * schema in account/output/organizationReport.schema.json). Each account keeps its counts, its root user, its
 * findings and the principals that need someone's attention — not the enforced ones, so the report of a thousand
 * accounts stays the size of what is wrong in them.
 */
import { AuditSummary, PrincipalStatus, PrincipalVerdict, RootFacts, StatusCounts } from "../report/reportModel";
import { AccountFailureReason } from "./accountAuditResult";

/**
 * Worst first, the order the accounts are listed in. `critical`: a principal acts without MFA, or the root user has no
 * MFA or has access keys; `high`: principals without the MFA deny, or locked out of enrolling; `not-audited`: nothing
 * is known of the account; `medium`: something could not be verified (a principal, or root without a credential
 * report); `low`: none of these.
 */
export const RISKS = ["critical", "high", "not-audited", "medium", "low"] as const;
export type Risk = (typeof RISKS)[number];

/** The statuses an account's entry lists its principals of: all but `enforced` and `not-applicable`. */
export const LISTED_STATUSES: readonly PrincipalStatus[] = ["escapes", "unenforced", "locked-out", "unverifiable", "suspended", "exempt"];

interface AccountEntryBase {
    readonly accountId: string;
    readonly accountName?: string;
    readonly risk: Risk;
    /** Why the account has its risk, one line each (empty when low). */
    readonly riskReasons: readonly string[];
}

export interface AuditedAccountEntry extends AccountEntryBase {
    readonly status: "audited";
    readonly generatedAt: string;
    readonly enforcedGroupName: string;
    readonly credentialReportGeneratedAt?: string;
    readonly summary: AuditSummary;
    readonly root: RootFacts;
    readonly findings: readonly string[];
    /** The principals whose status is one of LISTED_STATUSES, worst first, with witness and fix. */
    readonly principals: readonly PrincipalVerdict[];
}

export interface FailedAccountEntry extends AccountEntryBase {
    readonly status: "failed";
    readonly failure: { readonly reason: AccountFailureReason; readonly detail: string };
}

export type OrganizationAccount = AuditedAccountEntry | FailedAccountEntry;

export interface OrganizationTotals {
    readonly accounts: number;
    readonly audited: number;
    readonly failed: number;
    readonly byRisk: Record<Risk, number>;
    readonly failuresByReason: Record<AccountFailureReason, number>;
    /** Over the audited accounts. */
    readonly principals: number;
    readonly byStatus: StatusCounts;
    readonly rootWithoutMfa: number;
    readonly rootAccessKeys: number;
    /** Audited accounts whose root user is not known (no credential report). */
    readonly rootUnknown: number;
    /** Users and roles that can use an action of a sensitive-action group without fresh MFA (summary.sensitiveActionGaps). */
    readonly sensitiveActionGaps: number;
}

export interface OrganizationReport {
    readonly generatedAt: string;
    readonly totals: OrganizationTotals;
    /** Riskiest first (RISKS), then most escapes, unenforced, locked-out and unverifiable principals, then by id. */
    readonly accounts: readonly OrganizationAccount[];
}
