/**
 * The Lambda entry of the enrollment window (bundled by jobBundle.ts). The AWS SDK v3 clients are the runtime's.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { parseJobSettings } from "./jobSettings";
import { JobOutcome, runEnrollmentWindow } from "./runEnrollmentWindow";

export async function handler(): Promise<Pick<JobOutcome, "mode" | "day" | "announced"> & { actions: number; changes: number }> {
    const settings = parseJobSettings(process.env);
    const outcome = await runEnrollmentWindow({ iam: new IAMClient({}), sns: new SNSClient({}), s3: new S3Client({}) }, settings, {
        now: new Date(),
        log: (line) => console.log(line),
    });
    return { mode: outcome.mode, day: outcome.day, announced: outcome.announced, actions: outcome.decisions.length, changes: outcome.applied.length };
}
