/** The job's settings as the stack encodes them, shared by the job's tests (each overrides what it tests). */
import { JobSettings } from "../../../../program/enrollmentWindow/job/jobSettings";

export const JOB_SETTINGS: JobSettings = {
    mode: "report",
    thresholds: { remindAfterDays: 0, flagAfterDays: 7, suspendAfterDays: 14 },
    exemptions: [{ name: "breakglass", reason: "hardware MFA in the safe" }],
    suspendedGroupName: "mfa-suspended",
    topicArn: "arn:aws:sns:eu-central-1:123456789012:force-mfa-alerts",
    auditBucketName: "force-mfa-audit-123456789012-eu-central-1",
    enforcedGroupName: "mfa-enforced",
};
