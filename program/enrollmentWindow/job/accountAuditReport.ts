/**
 * The account audit report of the run (the audit's own builder and renderers, JSON and HTML), kept in the audit
 * bucket under `force-mfa/audit/<day>/`: where the enrollment window and the account audit meet.
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { parseVirtualMfaDevices } from "../../../account";
import { renderHtmlReport } from "../../../account";
import { renderJsonReport } from "../../../account";
import { buildAuditReport } from "../../../account";
import { REPORT_PREFIX } from "../jobPolicies";
import { AccountSnapshot } from "./accountSnapshot";
import { JobSettings } from "./jobSettings";

export function auditReportKeys(day: string): { json: string; html: string } {
    const base = `${REPORT_PREFIX}audit/${day}/account-audit`;
    return { json: `${base}.json`, html: `${base}.html` };
}

export async function keepAccountAuditReport(s3: S3Client, settings: JobSettings, snapshot: AccountSnapshot, now: Date): Promise<{ json: string; html: string }> {
    // Dates as the AWS CLI writes them (ISO text), which is what the parser reads.
    const devices = parseVirtualMfaDevices(JSON.parse(JSON.stringify(snapshot.raw.virtualMfaDevices)), "ListVirtualMFADevices");
    const report = await buildAuditReport(
        {
            authorizationDetails: snapshot.details,
            credentialReport: snapshot.report,
            virtualMfaDevices: devices,
            exemptions: { users: settings.exemptions, roles: [], ...(settings.enforcedGroupName ? { enforcedGroupName: settings.enforcedGroupName } : {}) },
            sources: { authorizationDetails: "GetAccountAuthorizationDetails", credentialReport: "GetCredentialReport" },
        },
        { now },
    );
    const keys = auditReportKeys(now.toISOString().slice(0, 10));
    await s3.send(new PutObjectCommand({ Bucket: settings.auditBucketName, Key: keys.json, Body: renderJsonReport(report), ContentType: "application/json" }));
    await s3.send(new PutObjectCommand({ Bucket: settings.auditBucketName, Key: keys.html, Body: renderHtmlReport(report), ContentType: "text/html; charset=utf-8" }));
    return keys;
}
