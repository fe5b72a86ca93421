/** The Lambda entry of the run's first step (bundled by program/aws/lambdaBundle.ts); the SDK v3 clients are the runtime's. */
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { RunListing } from "./auditRun";
import { parseAuditSettings } from "./auditSettings";
import { ListInput, runListAccounts } from "./listAccounts";
import { throttledAsRetryable } from "./throttling";

export async function handler(event: ListInput): Promise<RunListing> {
    const settings = parseAuditSettings(process.env);
    // Organizations' list calls have a low request rate: adaptive retries, then the state machine's backoff.
    const clients = { organizations: new OrganizationsClient({ maxAttempts: 8, retryMode: "adaptive" }), s3: new S3Client({}) };
    const listing = await throttledAsRetryable("listing the accounts", () => runListAccounts(clients, settings, event));
    console.log(JSON.stringify({ run: listing.run, purpose: listing.purpose, accounts: listing.accounts }));
    return listing;
}
