/**
 * One member account's audit, as the organization report collects it: the account's report (the same JSON the account
 * audit writes), or why it could not be audited. JSON-serializable, so a Step Functions item's Lambda can write it to
 * the audit bucket and the report step (or the offline CLI) read it back.
 */
import { AuditReport } from "../report/reportModel";

/** An account's report as the account audit's --json writes it (renderJsonReport): the report and its schemaVersion. */
export type AuditReportJson = AuditReport & { readonly schemaVersion: number };

/** Why an account was not audited: its audit role is missing, AWS refused a call, AWS kept throttling, anything else. */
export const ACCOUNT_FAILURE_REASONS = ["role-missing", "access-denied", "throttled", "error"] as const;
export type AccountFailureReason = (typeof ACCOUNT_FAILURE_REASONS)[number];

export interface AuditedAccount {
    readonly accountId: string;
    readonly accountName?: string;
    readonly status: "audited";
    readonly report: AuditReportJson;
}

export interface FailedAccount {
    readonly accountId: string;
    readonly accountName?: string;
    readonly status: "failed";
    readonly reason: AccountFailureReason;
    /** What failed, in words: the file and place of bad input, the API error. */
    readonly detail: string;
}

export type AccountAuditResult = AuditedAccount | FailedAccount;

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

export function accountAuditFailure(accountId: string, reason: AccountFailureReason, detail: string, accountName?: string): FailedAccount {
    return { accountId, ...(accountName !== undefined ? { accountName } : {}), status: "failed", reason, detail };
}
