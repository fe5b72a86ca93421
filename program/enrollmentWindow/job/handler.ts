/**
 * The Lambda entry of the enrollment window (bundled by jobBundle.ts). The AWS SDK v3 clients are the runtime's.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { keepAccountAuditReport } from "./accountAuditReport";
import { parseJobSettings } from "./jobSettings";
import { JobOutcome, runEnrollmentWindow } from "./runEnrollmentWindow";

export async function handler(): Promise<Pick<JobOutcome, "mode" | "day" | "announced"> & { actions: number; changes: number }> {
    const settings = parseJobSettings(process.env);
    const s3 = new S3Client({});
    const now = new Date();
    const outcome = await runEnrollmentWindow({ iam: new IAMClient({}), sns: new SNSClient({}), s3 }, settings, {
        now,
        log: (line) => console.log(line),
        keepAuditReport: async (snapshot) => {
            await keepAccountAuditReport(s3, settings, snapshot, now);
        },
    });
    return { mode: outcome.mode, day: outcome.day, announced: outcome.announced, actions: outcome.decisions.length, changes: outcome.applied.length };
}
