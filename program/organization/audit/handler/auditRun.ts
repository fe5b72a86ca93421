/**
 * One run of the organization audit in the audit bucket, and what the state machine hands from step to step. A run
 * is named by its start date and its execution's name, so runs list in order:
 *   organization-audit/<run>/accounts.json            the accounts to audit (the Distributed Map's items)
 *   organization-audit/<run>/accounts/<id>.json       each account's result (audited, or failed with its reason)
 *   organization-audit/<run>/organization-report.json and .html
 *   organization-audit/map-runs/...                   the Distributed Map's own result files (ResultWriter)
 */
export const AUDIT_PREFIX = "organization-audit/";
export const MAP_RESULTS_PREFIX = `${AUDIT_PREFIX}map-runs`;

/** Why a run started: a schedule's input names it; a run started by hand without input is on demand. */
export const RUN_PURPOSES = ["weekly-check", "quarterly-report", "on-demand"] as const;
export type RunPurpose = (typeof RUN_PURPOSES)[number];

export function runKeys(run: string) {
    const base = `${AUDIT_PREFIX}${run}/`;
    return {
        base,
        accountsList: `${base}accounts.json`,
        accountsPrefix: `${base}accounts/`,
        account: (accountId: string) => `${base}accounts/${accountId}.json`,
        reportJson: `${base}organization-report.json`,
        reportHtml: `${base}organization-report.html`,
    };
}

/** A run's name: `<YYYY-MM-DD>-<purpose>-<execution name>`; S3-key and session-name safe. */
export function runName(startTime: string, purpose: RunPurpose, executionName: string): string {
    const day = /^\d{4}-\d{2}-\d{2}/.exec(startTime)?.[0];
    if (day === undefined) {
        throw new Error(`the execution's start time is not an ISO date: ${JSON.stringify(startTime)}`);
    }
    return `${day}-${purpose}-${executionName.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

/** One account to audit, as the list function writes it and the Distributed Map reads it. */
export interface AccountToAudit {
    readonly accountId: string;
    readonly accountName?: string;
}

/** The list function's answer, the state machine's state from then on. */
export interface RunListing {
    readonly run: string;
    readonly purpose: RunPurpose;
    readonly bucket: string;
    readonly accountsKey: string;
    readonly accounts: number;
}

/** An error as Step Functions catches it (Catch's ResultPath). */
export interface CaughtError {
    readonly Error: string;
    readonly Cause?: string;
}

/** One item of the Distributed Map: the account, its run, and after a failed audit, the error caught. */
export interface AccountItem {
    readonly run: string;
    readonly account: AccountToAudit;
    readonly error?: CaughtError;
}

/** What the item function returns (the Distributed Map's results: small, the account's JSON is in the bucket). */
export interface AccountOutcome {
    readonly accountId: string;
    readonly status: "audited" | "failed";
    readonly reason?: string;
    readonly key: string;
}
