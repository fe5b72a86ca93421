/**
 * One item of the Distributed Map: one member account audited. Assume the account's audit role (the auditing account
 * itself is read with the function's own role: the StackSet never reaches it), read what the account audit reads,
 * judge it with judgeAccountExport — the CLI audit's and the pack's evaluator — and write the account's result to
 * the run's `accounts/<id>.json`.
 *
 * A refusal (the role missing or not trusting the job role, an IAM call denied) is the account's result, recorded
 * as failed; throttling is thrown as `Throttled`, which the state machine retries with backoff. After the state
 * machine gives up on an account, it calls this function again with the error it caught, and the failure is recorded.
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { IAMClient } from "@aws-sdk/client-iam";
import { AccountAuditResult, accountAuditFailure, Exemption, judgeAccountExport } from "../../../../account";
import { AccountAnswers, readAccountAnswers, Sleep } from "../../../enrollmentWindow/job/accountSnapshot";
import { auditRoleArn, AUDIT_ROLE_SESSION_SECONDS } from "../auditRoleTemplate";
import { AccountItem, AccountOutcome, CaughtError, runKeys } from "./auditRun";
import { AuditJobSettings } from "./auditSettings";
import { caughtReason, errorText, isAccessDenied, isThrottling, ThrottledError } from "./auditErrors";

export interface AccountCredentials {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
}

export interface AccountClients {
    readonly sts: STSClient;
    readonly s3: S3Client;
    /** An IAM client with the given credentials, or with the function's own (for the auditing account). */
    readonly iam: (credentials?: AccountCredentials) => IAMClient;
}

export interface AccountRun {
    readonly now: Date;
    readonly sleep?: Sleep;
}

/**
 * The audit role in a member account is judged like every role, and it lets a Lambda function in (no MFA): it is
 * exempt, with its reason, so every account's report names it rather than counting it as an escape.
 */
export function auditRoleExemption(settings: Pick<AuditJobSettings, "roleName" | "auditAccountId">): Exemption {
    return {
        name: settings.roleName,
        reason:
            `force-mfa's organization audit role: allowed only to read IAM's authorization details, credential report and virtual MFA devices, ` +
            `assumed only by the audit job's role in ${settings.auditAccountId}, a Lambda function, which cannot present MFA`,
    };
}

/** The session name CloudTrail shows in the member account: the run it belongs to. */
export function sessionName(run: string): string {
    return `force-mfa-audit-${run}`.replace(/[^\w+=,.@-]/g, "_").slice(0, 64);
}

class AccountRefused extends Error {
    constructor(
        readonly reason: "role-missing" | "access-denied",
        message: string,
    ) {
        super(message);
    }
}

async function iamOf(clients: AccountClients, settings: AuditJobSettings, item: AccountItem): Promise<IAMClient> {
    const accountId = item.account.accountId;
    if (accountId === settings.auditAccountId) {
        return clients.iam();
    }
    const roleArn = auditRoleArn(accountId, settings.roleName);
    try {
        const answer = await clients.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName(item.run), DurationSeconds: AUDIT_ROLE_SESSION_SECONDS }));
        const c = answer.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
            throw new Error(`sts:AssumeRole of ${roleArn} returned no credentials`);
        }
        return clients.iam({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });
    } catch (err) {
        if (isThrottling(err)) {
            throw new ThrottledError(`sts:AssumeRole of ${roleArn}: ${errorText(err)}`);
        }
        if (isAccessDenied(err)) {
            // STS says the same whether the role is missing or does not trust the caller.
            throw new AccountRefused(
                "role-missing",
                `sts:AssumeRole of ${roleArn} was refused (${errorText(err)}): the audit role is missing in the account (the StackSet's instance not deployed there yet?) or does not trust this job's role`,
            );
        }
        throw err;
    }
}

async function readMember(clients: AccountClients, settings: AuditJobSettings, item: AccountItem, run: AccountRun): Promise<AccountAnswers> {
    const iam = await iamOf(clients, settings, item);
    try {
        return await readAccountAnswers(iam, run.sleep);
    } catch (err) {
        if (isThrottling(err)) {
            throw new ThrottledError(`reading account ${item.account.accountId}: ${errorText(err)}`);
        }
        if (isAccessDenied(err)) {
            throw new AccountRefused("access-denied", `reading account ${item.account.accountId} was refused (${errorText(err)}): an SCP, a permissions boundary or a changed audit role denies the read`);
        }
        throw err;
    }
}

async function judged(clients: AccountClients, settings: AuditJobSettings, item: AccountItem, run: AccountRun): Promise<AccountAuditResult> {
    const { accountId, accountName } = item.account;
    try {
        const answers = await readMember(clients, settings, item, run);
        return await judgeAccountExport({
            accountId,
            accountName,
            export: answers.authorizationDetailsPages,
            credentialReport: answers.credentialReportCsv,
            // Dates as the AWS CLI writes them (ISO text), which is what the parser reads.
            virtualMfaDevices: JSON.parse(JSON.stringify(answers.virtualMfaDevices)),
            exemptions: { users: [], roles: [auditRoleExemption(settings)] },
            now: run.now,
            sources: { export: `${accountId}: GetAccountAuthorizationDetails`, credentialReport: `${accountId}: GetCredentialReport`, virtualMfaDevices: `${accountId}: ListVirtualMFADevices` },
        });
    } catch (err) {
        if (err instanceof AccountRefused) {
            return accountAuditFailure(accountId, err.reason, err.message, accountName);
        }
        throw err;
    }
}

/** The error the state machine caught, in words: a Lambda error's Cause is its JSON (errorType, errorMessage). */
export function caughtDetail(error: CaughtError): string {
    let message = error.Cause ?? "";
    try {
        const cause = JSON.parse(message);
        message = typeof cause?.errorMessage === "string" ? cause.errorMessage : message;
    } catch {
        // A Cause that is not JSON is already the message.
    }
    return `the account's audit failed after the state machine's retries: ${error.Error}${message ? `: ${message}` : ""}`;
}

export async function runAuditAccount(clients: AccountClients, settings: AuditJobSettings, item: AccountItem, run: AccountRun): Promise<AccountOutcome> {
    const { accountId, accountName } = item.account;
    if (!/^\d{12}$/.test(accountId ?? "")) {
        throw new Error(`the item's account id must be 12 digits, got ${JSON.stringify(accountId)}`);
    }
    const result = item.error ? accountAuditFailure(accountId, caughtReason(item.error.Error), caughtDetail(item.error), accountName) : await judged(clients, settings, item, run);
    const key = runKeys(item.run).account(accountId);
    await clients.s3.send(new PutObjectCommand({ Bucket: settings.bucketName, Key: key, Body: JSON.stringify(result), ContentType: "application/json" }));
    return { accountId, status: result.status, ...(result.status === "failed" ? { reason: result.reason } : {}), key };
}
