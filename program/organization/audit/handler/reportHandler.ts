/** The Lambda entry of the run's last step (bundled by program/aws/lambdaBundle.ts); the SDK v3 clients are the runtime's. */
import { S3Client } from "@aws-sdk/client-s3";
import { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { parseAuditSettings } from "./auditSettings";
import { throttledAsRetryable } from "./throttling";
import { ReportInput, ReportSummary, runWriteReport } from "./writeReport";

export async function handler(event: ReportInput): Promise<ReportSummary> {
    const settings = parseAuditSettings(process.env);
    const region = process.env.AWS_REGION;
    if (!region) {
        throw new Error("AWS_REGION is not set (the Lambda runtime sets it)");
    }
    const clients = { s3: new S3Client({}), ...(settings.securityHub ? { securityHub: new SecurityHubClient({ maxAttempts: 8, retryMode: "adaptive" }) } : {}) };
    const summary = await throttledAsRetryable("writing the organization report", () => runWriteReport(clients, settings, event, { now: new Date(), region }));
    console.log(JSON.stringify(summary));
    return summary;
}
