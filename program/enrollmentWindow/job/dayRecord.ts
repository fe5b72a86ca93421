/**
 * What the job has announced today, kept in the audit bucket, so that a second run the same day (a retry, a manual
 * invocation) does not announce the same users again.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { WindowAction } from "../decisionTable";
import { REPORT_PREFIX } from "../jobPolicies";
import { readAuditObject, writeAuditObject } from "./auditObjects";

export interface DayRecord {
    readonly day: string;
    readonly announced: readonly { readonly user: string; readonly action: WindowAction }[];
}

export function dayRecordKey(day: string): string {
    return `${REPORT_PREFIX}enrollment-window/${day}.json`;
}

export async function readDayRecord(s3: S3Client, bucket: string, day: string): Promise<DayRecord> {
    const record = (await readAuditObject(s3, bucket, dayRecordKey(day))) as Partial<DayRecord> | undefined;
    return { day, announced: Array.isArray(record?.announced) ? record.announced : [] };
}

export async function writeDayRecord(s3: S3Client, bucket: string, record: DayRecord): Promise<void> {
    await writeAuditObject(s3, bucket, dayRecordKey(record.day), record);
}

export function wasAnnounced(record: DayRecord, user: string, action: WindowAction): boolean {
    return record.announced.some((a) => a.user === user && a.action === action);
}
