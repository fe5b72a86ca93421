/**
 * The run's last step: the organization report from every account's result in the bucket. Each result is reduced to
 * its account's entry as soon as it is read (organizationAccount), so the function holds one account's full report
 * at a time, not the organization's. An account of the run's list without a result (its item failed even to record
 * its failure) is in the report as failed, never left out. Writes the report's JSON and HTML next to the results,
 * and when Security Hub is on, imports the findings in batches of 100 (BatchImportFindings' limit) into this
 * account's Security Hub — as this account's findings, naming each member account, since the default product takes
 * only the caller's account.
 */
import { GetObjectCommand, paginateListObjectsV2, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { BatchImportFindingsCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import {
    ACCOUNT_FAILURE_REASONS,
    AccountAuditResult,
    accountAuditFailure,
    OrganizationAccount,
    organizationAccount,
    organizationAsffFindings,
    OrganizationReport,
    organizationReportOf,
    renderOrganizationHtml,
    renderOrganizationJson,
} from "../../../../account";
import { AccountToAudit, CaughtError, RunPurpose, runKeys } from "./auditRun";
import { AuditJobSettings } from "./auditSettings";

export const FINDINGS_BATCH = 100;
/** Accounts' results read at once: S3 serves many more, the function's memory holds these few full reports. */
const READS_AT_ONCE = 8;

export interface ReportInput {
    readonly run: string;
    readonly purpose: RunPurpose;
    readonly accountsKey: string;
    /** The Distributed Map's output: its ResultWriter's details, or the error it failed with (too many failures). */
    readonly map?: Partial<CaughtError> & Record<string, unknown>;
}

export interface ReportClients {
    readonly s3: S3Client;
    readonly securityHub?: SecurityHubClient;
}

export interface ReportRun {
    readonly now: Date;
    readonly region: string;
}

export interface ReportSummary {
    readonly run: string;
    readonly purpose: RunPurpose;
    readonly accounts: number;
    readonly audited: number;
    readonly failed: number;
    readonly byRisk: OrganizationReport["totals"]["byRisk"];
    readonly reportKeys: { readonly json: string; readonly html: string };
    readonly findingsImported?: number;
}

export class SecurityHubImportError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SecurityHubImportFailed";
    }
}

async function readText(s3: S3Client, bucket: string, key: string): Promise<string> {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!answer.Body) {
        throw new Error(`s3://${bucket}/${key} has no body`);
    }
    return answer.Body.transformToString();
}

function accountList(text: string, key: string): AccountToAudit[] {
    const list = JSON.parse(text);
    if (!Array.isArray(list) || list.some((a) => typeof a?.accountId !== "string")) {
        throw new Error(`${key} is not the run's list of accounts ([{ accountId, accountName? }])`);
    }
    return list;
}

/** A result as written by the item function, checked: another account's result, or none readable, is a failure of this one. */
function resultOf(account: AccountToAudit, text: string, key: string): AccountAuditResult {
    let result: AccountAuditResult | undefined;
    try {
        result = JSON.parse(text);
    } catch {
        // Reported below.
    }
    const valid =
        result?.accountId === account.accountId &&
        ((result.status === "audited" && typeof result.report === "object" && result.report !== null) ||
            (result.status === "failed" && (ACCOUNT_FAILURE_REASONS as readonly string[]).includes(result.reason) && typeof result.detail === "string"));
    return valid ? result! : accountAuditFailure(account.accountId, "error", `${key} is not this account's audit result`, account.accountName);
}

async function entries(s3: S3Client, bucket: string, run: string, accounts: readonly AccountToAudit[]): Promise<OrganizationAccount[]> {
    const keys = runKeys(run);
    const written = new Set<string>();
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: keys.accountsPrefix })) {
        (page.Contents ?? []).forEach((o) => o.Key && written.add(o.Key));
    }
    const out: OrganizationAccount[] = new Array(accounts.length);
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < accounts.length; i = next++) {
            const account = accounts[i];
            const key = keys.account(account.accountId);
            const result = written.has(key)
                ? resultOf(account, await readText(s3, bucket, key), key)
                : accountAuditFailure(account.accountId, "error", "no result was recorded for the account: its item failed even to record its failure (see the Distributed Map's results)", account.accountName);
            out[i] = organizationAccount(result);
        }
    };
    await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, accounts.length) }, worker));
    return out;
}

async function importFindings(securityHub: SecurityHubClient, findings: readonly Record<string, unknown>[]): Promise<number> {
    let imported = 0;
    const refused: string[] = [];
    for (let i = 0; i < findings.length; i += FINDINGS_BATCH) {
        const batch = findings.slice(i, i + FINDINGS_BATCH);
        const answer = await securityHub.send(new BatchImportFindingsCommand({ Findings: batch as never }));
        imported += answer.SuccessCount ?? 0;
        refused.push(...(answer.FailedFindings ?? []).map((f) => `${f.Id}: ${f.ErrorCode} ${f.ErrorMessage}`));
    }
    if (refused.length > 0) {
        throw new SecurityHubImportError(`Security Hub refused ${refused.length} of ${findings.length} findings (the report is written): ${refused.slice(0, 5).join("; ")}${refused.length > 5 ? "; ..." : ""}`);
    }
    return imported;
}

export async function runWriteReport(clients: ReportClients, settings: AuditJobSettings, input: ReportInput, run: ReportRun): Promise<ReportSummary> {
    const bucket = settings.bucketName;
    const accounts = accountList(await readText(clients.s3, bucket, input.accountsKey), input.accountsKey);
    const report = organizationReportOf(await entries(clients.s3, bucket, input.run, accounts), run.now);
    const keys = runKeys(input.run);
    await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: keys.reportJson, Body: renderOrganizationJson(report), ContentType: "application/json" }));
    await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: keys.reportHtml, Body: renderOrganizationHtml(report), ContentType: "text/html; charset=utf-8" }));
    const summary: ReportSummary = {
        run: input.run,
        purpose: input.purpose,
        accounts: report.totals.accounts,
        audited: report.totals.audited,
        failed: report.totals.failed,
        byRisk: report.totals.byRisk,
        reportKeys: { json: keys.reportJson, html: keys.reportHtml },
    };
    if (!settings.securityHub) {
        return summary;
    }
    if (!clients.securityHub) {
        throw new Error("securityHub is on, but the function was given no Security Hub client");
    }
    const findings = organizationAsffFindings(report, { region: run.region, importerAccountId: settings.auditAccountId });
    return { ...summary, findingsImported: await importFindings(clients.securityHub, findings) };
}
