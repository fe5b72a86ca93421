/**
 * `force-mfa:compliance`: the enrollment window's part of the stack config, as one zod schema (types, defaults and
 * rules from one definition). Off by default; `mode: report` decides and notifies without changing anything.
 */
import { z } from "zod";
import { bucketNameProblem } from "../stateBackend/stateBackendConfig";
import { IAM_GROUP_NAME } from "../enforcement/iamNames";
import { DEFAULT_THRESHOLDS } from "./enrollmentWindow";
import { DEFAULT_SUSPENDED_GROUP_NAME } from "./jobPolicies";

/** CloudWatch Logs' retention values. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const days = (fallback: number) =>
    z
        .number({ error: "must be a whole number of days" })
        .int({ error: "must be a whole number of days" })
        .min(0, { error: "must be 0 or more" })
        .max(3650, { error: "must be at most 3650 (ten years)" })
        .default(fallback);

const complianceObject = z.strictObject(
    {
        enabled: z.boolean({ error: "must be true or false" }).default(false),
        mode: z.enum(["report", "enforce"], { error: 'must be "report" (decide and notify, change nothing) or "enforce"' }).default("report"),
        remindAfterDays: days(DEFAULT_THRESHOLDS.remindAfterDays),
        flagAfterDays: days(DEFAULT_THRESHOLDS.flagAfterDays),
        suspendAfterDays: days(DEFAULT_THRESHOLDS.suspendAfterDays),
        suspendedGroupName: z
            .string({ error: "must be an IAM group name" })
            .regex(IAM_GROUP_NAME, { error: "must be an IAM group name (1-128 of letters, digits and +=,.@_-)" })
            .default(DEFAULT_SUSPENDED_GROUP_NAME),
        schedule: z
            .string({ error: "must be an EventBridge schedule expression" })
            .regex(/^(rate|cron)\(\S.*\)$/, { error: 'must be an EventBridge schedule expression, "rate(...)" or "cron(...)"' })
            .default("cron(0 6 * * ? *)"),
        functionName: z
            .string({ error: "must be a Lambda function name" })
            .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "must be a Lambda function name (1-64 of letters, digits, - and _)" })
            .default("force-mfa-enrollment-window"),
        logRetentionDays: z
            .number({ error: "must be a CloudWatch Logs retention value" })
            .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
                error: `must be one of CloudWatch Logs' retention values (${LOG_RETENTION_DAYS.join(", ")})`,
            })
            .default(365),
        createAuditBucket: z.boolean({ error: "must be true or false" }).default(true),
        auditBucketName: z
            .string({ error: "must be an S3 bucket name" })
            .superRefine((name, ctx) => {
                const broken = bucketNameProblem(name);
                if (broken) {
                    ctx.addIssue({ code: "custom", message: `an S3 bucket name ${broken}` });
                }
            })
            .optional(),
    },
    { error: "must be a structured value {enabled, mode, remindAfterDays, ...}" },
);

export const complianceSchema = complianceObject
    .superRefine((value, ctx) => {
        if (value.flagAfterDays < value.remindAfterDays) {
            ctx.addIssue({ code: "custom", path: ["flagAfterDays"], message: `must not be before remindAfterDays (${value.remindAfterDays})` });
        }
        if (value.suspendAfterDays !== 0 && value.suspendAfterDays < value.flagAfterDays) {
            ctx.addIssue({
                code: "custom",
                path: ["suspendAfterDays"],
                message: `must be 0 (suspension off) or not before flagAfterDays (${value.flagAfterDays})`,
            });
        }
        if (!value.createAuditBucket && value.auditBucketName === undefined) {
            ctx.addIssue({ code: "custom", path: ["auditBucketName"], message: "required with createAuditBucket: false (the existing bucket the job writes its reports to)" });
        }
    })
    .prefault({});

export type ComplianceSettings = z.infer<typeof complianceSchema>;

export const COMPLIANCE_KEYS = Object.keys(complianceObject.shape);

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
    return path.reduce<unknown>((value, segment) => (value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[segment] : undefined), raw);
}

/** `compliance.<key>: <rule>, got <value>` lines, every problem at once. */
export function complianceProblems(error: z.ZodError, raw: unknown, key = "compliance"): string[] {
    return error.issues.flatMap((issue) => {
        const path = [key, ...issue.path.map(String)].join(".");
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map((unknown) => `${path}.${unknown}: unknown key (known keys: ${COMPLIANCE_KEYS.join(", ")})`);
        }
        const value = valueAt(raw, issue.path);
        return [`${path}: ${issue.message}${value === undefined ? "" : `, got ${JSON.stringify(value)}`}`];
    });
}

export function parseComplianceSettings(raw: unknown): { settings: ComplianceSettings; problems: [] } | { settings?: undefined; problems: string[] } {
    const parsed = complianceSchema.safeParse(raw);
    return parsed.success ? { settings: parsed.data, problems: [] } : { problems: complianceProblems(parsed.error, raw) };
}
