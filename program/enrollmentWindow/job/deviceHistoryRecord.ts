/**
 * The device history (deviceHistory.ts) in the audit bucket, next to the day records: one file, rewritten when a run
 * sees something new (the bucket's versions keep every earlier state for an auditor).
 */
import { S3Client } from "@aws-sdk/client-s3";
import { DeviceHistory, EMPTY_DEVICE_HISTORY, parseDeviceHistory } from "../deviceHistory";
import { REPORT_PREFIX } from "../jobPolicies";
import { readAuditObject, writeAuditObject } from "./auditObjects";

export const DEVICE_HISTORY_KEY = `${REPORT_PREFIX}enrollment-window/mfa-device-history.json`;

export async function readDeviceHistory(s3: S3Client, bucket: string): Promise<DeviceHistory> {
    const value = await readAuditObject(s3, bucket, DEVICE_HISTORY_KEY);
    return value === undefined ? EMPTY_DEVICE_HISTORY : parseDeviceHistory(value, `s3://${bucket}/${DEVICE_HISTORY_KEY}`);
}

export async function writeDeviceHistory(s3: S3Client, bucket: string, history: DeviceHistory): Promise<void> {
    await writeAuditObject(s3, bucket, DEVICE_HISTORY_KEY, history);
}
