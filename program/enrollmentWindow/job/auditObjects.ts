/**
 * The job's JSON files in the audit bucket (the day record, the device history): read as parsed JSON, a missing one
 * read as undefined (the role may list the bucket, so a missing key is NoSuchKey, not AccessDenied).
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

export async function readAuditObject(s3: S3Client, bucket: string, key: string): Promise<unknown> {
    try {
        const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return JSON.parse(await answer.Body!.transformToString());
    } catch (err) {
        if ((err as { name?: string }).name === "NoSuchKey") {
            return undefined;
        }
        throw err;
    }
}

export async function writeAuditObject(s3: S3Client, bucket: string, key: string, value: unknown): Promise<void> {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(value, null, 2), ContentType: "application/json" }));
}
