/**
 * The Lambda entry of the watch (bundled by program/aws/lambdaBundle.ts), fed by an SQS event source mapping with
 * ReportBatchItemFailures. The AWS SDK v3 clients are the runtime's; IAM's with adaptive retries, because a burst
 * of events meets IAM's low request rate.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { IAMClient } from "@aws-sdk/client-iam";
import { SNSClient } from "@aws-sdk/client-sns";
import { BatchOutcome, runWatch, SqsRecord } from "./runWatch";
import { parseWatchSettings } from "./watchSettings";

export async function handler(event: { Records?: readonly SqsRecord[] }): Promise<Pick<BatchOutcome, "batchItemFailures">> {
    const settings = parseWatchSettings(process.env);
    const clients = {
        // IAM is global: its one endpoint, whatever region the function runs in.
        iam: new IAMClient({ maxAttempts: 10, retryMode: "adaptive" }),
        sns: new SNSClient({}),
        ddb: new DynamoDBClient({}),
    };
    const outcome = await runWatch(clients, settings, event.Records ?? [], { now: new Date(), log: (line) => console.log(line) });
    return { batchItemFailures: outcome.batchItemFailures };
}
