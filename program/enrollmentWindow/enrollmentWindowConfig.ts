/**
 * The enrollment window's part of the stack config, the key `compliance` (its name from before the capability had
 * one; config keys never change): the daily job's switch, mode and thresholds, the suspension group, and the audit
 * bucket it writes to. Off by default; `mode: report` decides and notifies without changing anything.
 */
import { z } from "zod";
import { broken, configPart, flag, InputProblem, integer, isObject, section, text } from "../configParts";
import { IAM_GROUP_NAME } from "../aws/iamNames";
import { LOG_RETENTION_DAYS } from "../aws/logRetention";
import { bucketNameProblem } from "../aws/s3BucketNames";
import { DEFAULT_THRESHOLDS } from "./decisionTable";
import { DEFAULT_SUSPENDED_GROUP_NAME } from "./jobPolicies";

const days = (fallback: number) => integer(0, 3650).default(fallback);

const compliance = section({
    enabled: flag(false),
    mode: z.enum(["report", "enforce"], broken('must be "report" (decide and notify, change nothing) or "enforce"')).default("report"),
    remindAfterDays: days(DEFAULT_THRESHOLDS.remindAfterDays),
    flagAfterDays: days(DEFAULT_THRESHOLDS.flagAfterDays),
    /** 0 switches suspension off. */
    suspendAfterDays: days(DEFAULT_THRESHOLDS.suspendAfterDays),
    suspendedGroupName: text(IAM_GROUP_NAME, "must be an IAM group name (1-128 of letters, digits and +=,.@_-)").default(DEFAULT_SUSPENDED_GROUP_NAME),
    schedule: text(/^(rate|cron)\(\S.*\)$/, 'must be an EventBridge schedule expression, "rate(...)" or "cron(...)"').default("cron(0 6 * * ? *)"),
    functionName: text(/^[A-Za-z0-9_-]{1,64}$/, "must be a Lambda function name (1-64 of letters, digits, - and _)").default("force-mfa-enrollment-window"),
    logRetentionDays: z.literal(LOG_RETENTION_DAYS, broken(`must be one of CloudWatch Logs' retention values (${LOG_RETENTION_DAYS.join(", ")})`)).default(365),
    createAuditBucket: flag(true),
    /** Default (created bucket) derived from account and region; required to reuse an existing bucket. */
    auditBucketName: z
        .string(broken("must be an S3 bucket name"))
        .superRefine((name, ctx) => {
            const problem = bucketNameProblem(name);
            if (problem) {
                ctx.addIssue({ code: "custom", message: `an S3 bucket name ${problem}, got ${JSON.stringify(name)}` });
            }
        })
        .optional(),
});

function given(value: unknown, fallback: number): number | undefined {
    if (value === undefined) {
        return fallback;
    }
    return typeof value === "number" ? value : undefined;
}

/** Thresholds in order, a name for a reused bucket, the alert topic the job announces to. Judged as written. */
function enrollmentWindowRules(input: Readonly<Record<string, unknown>>): InputProblem[] {
    const written = input.compliance ?? {};
    if (!isObject(written)) {
        return [];
    }
    const problems: InputProblem[] = [];
    const remind = given(written.remindAfterDays, DEFAULT_THRESHOLDS.remindAfterDays);
    const flagDay = given(written.flagAfterDays, DEFAULT_THRESHOLDS.flagAfterDays);
    const suspend = given(written.suspendAfterDays, DEFAULT_THRESHOLDS.suspendAfterDays);
    if (remind !== undefined && flagDay !== undefined && flagDay < remind) {
        problems.push({ path: ["compliance", "flagAfterDays"], message: `must not be before remindAfterDays (${remind}), got ${flagDay}` });
    }
    if (flagDay !== undefined && suspend !== undefined && suspend !== 0 && suspend < flagDay) {
        problems.push({ path: ["compliance", "suspendAfterDays"], message: `must be 0 (suspension off) or not before flagAfterDays (${flagDay}), got ${suspend}` });
    }
    if (written.createAuditBucket === false && written.auditBucketName === undefined) {
        problems.push({ path: ["compliance", "auditBucketName"], message: "required with createAuditBucket: false (the existing bucket the job writes its reports to)" });
    }
    const detection = input.detection;
    if (written.enabled === true && isObject(detection) && detection.enabled === false) {
        problems.push({
            path: ["compliance", "enabled"],
            message: "needs detection.enabled: the job announces each run on the alert topic that detection creates; turn detection on, or compliance off",
        });
    }
    return problems;
}

export const enrollmentWindowConfig = configPart({ compliance: compliance.prefault({}) }, enrollmentWindowRules);

export type EnrollmentWindowSettings = z.output<typeof compliance>;

export const COMPLIANCE_FIELDS = Object.keys(compliance.shape);
