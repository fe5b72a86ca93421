/**
 * What the job has announced today, kept in the audit bucket, so that a second run the same day (a retry, a manual
 * invocation) does not announce the same users again.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { WindowAction } from "../decisionTable";
import { REPORT_PREFIX } from "../jobPolicies";

export interface DayRecord {
    readonly day: string;
    readonly announced: readonly { readonly user: string; readonly action: WindowAction }[];
}

export function dayRecordKey(day: string): string {
    return `${REPORT_PREFIX}enrollment-window/${day}.json`;
}

export async function readDayRecord(s3: S3Client, bucket: string, day: string): Promise<DayRecord> {
    try {
        const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: dayRecordKey(day) }));
        const text = await answer.Body!.transformToString();
        const record = JSON.parse(text) as DayRecord;
        return { day, announced: Array.isArray(record.announced) ? record.announced : [] };
    } catch (err) {
        if ((err as { name?: string }).name === "NoSuchKey") {
            return { day, announced: [] };
        }
        throw err;
    }
}

export async function writeDayRecord(s3: S3Client, bucket: string, record: DayRecord): Promise<void> {
    await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: dayRecordKey(record.day), Body: JSON.stringify(record, null, 2), ContentType: "application/json" }),
    );
}

export function wasAnnounced(record: DayRecord, user: string, action: WindowAction): boolean {
    return record.announced.some((a) => a.user === user && a.action === action);
}
