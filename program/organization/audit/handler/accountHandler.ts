/** The Lambda entry of one Distributed Map item (bundled by program/aws/lambdaBundle.ts); the SDK v3 clients are the runtime's. */
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import { AccountCredentials, runAuditAccount } from "./auditAccount";
import { AccountItem, AccountOutcome } from "./auditRun";
import { parseAuditSettings } from "./auditSettings";
import { throttledAsRetryable } from "./throttling";

export async function handler(event: AccountItem): Promise<AccountOutcome> {
    const settings = parseAuditSettings(process.env);
    const clients = {
        sts: new STSClient({}),
        s3: new S3Client({}),
        // IAM's request rate is per account: adaptive retries first, then the state machine's backoff.
        iam: (credentials?: AccountCredentials) => new IAMClient({ maxAttempts: 8, retryMode: "adaptive", ...(credentials ? { credentials } : {}) }),
    };
    const outcome = await throttledAsRetryable(`account ${event.account?.accountId}`, () => runAuditAccount(clients, settings, event, { now: new Date() }));
    console.log(JSON.stringify({ run: event.run, ...outcome }));
    return outcome;
}
