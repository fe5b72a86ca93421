/**
 * Detection's part of the stack config, `detection`: the console sign-in alarm, its topic and key, the trail it may
 * create, and the AWS Config rules with the recorder they may create. A key that only configures what a switch leaves
 * out is an error (as lockTableName with lockMode s3) while the switch is on; turning detection or configRules off
 * keeps every setting, so the switch flips back without rewriting config.
 */
import { z } from "zod";
import { broken, configPart, flag, InputProblem, isObject, list, section, text } from "../configParts";
import { LOG_RETENTION_DAYS } from "../aws/logRetention";
import { EXECUTION_FREQUENCIES } from "./configRules";

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const BUCKET_NAME = /^(?!xn--)(?!sthree-)(?!.*-s3alias$)(?!.*--ol-s3$)(?!\d+\.\d+\.\d+\.\d+$)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
/** 228 at most: the alarm is named `<topicName>-console-signin-without-mfa`, and CloudWatch allows 255. */
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,228}$/;
/**
 * CloudTrail trail names: 3-128 of letters, digits, . _ -; starting and ending with a letter or digit; no two of . _ -
 * next to each other (`a--b`, `my-_x`); not in IP address format.
 */
const TRAIL_NAME = /^(?!\d+\.\d+\.\d+\.\d+$)(?!.*[._-]{2})[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/;
/** A metric filter's namespace: 1-255 characters without : * $ (its API pattern); AWS/ is reserved for AWS services. */
const METRIC_NAMESPACE = /^(?!AWS\/)[^:*$]{1,255}$/;
/**
 * A key ARN, or the ARN of an alias of one's own. `alias/aws/...` names an AWS managed key, whose policy cannot admit
 * CloudWatch and EventBridge (see mfaDetection.ts).
 */
// The program builds its ARNs for the commercial partition only (it refuses other accounts), so ARNs are arn:aws:.
const KMS_KEY_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/(?!aws\/)[A-Za-z0-9/_-]+)$/;

const configRules = section({
    enabled: flag(true),
    createRecorder: flag(false),
    maximumExecutionFrequency: z.enum(EXECUTION_FREQUENCIES, broken(`must be one of ${EXECUTION_FREQUENCIES.join(", ")}`)).default("TwentyFour_Hours"),
    /** Delivery bucket of a recorder created by the program; default derived from account and region. */
    deliveryBucketName: text(BUCKET_NAME, "must be a valid S3 bucket name").optional(),
})
    // Always present, undefined when derived.
    .transform((rules) => ({ ...rules, deliveryBucketName: rules.deliveryBucketName }));

const detection = section({
    enabled: flag(true),
    /** Log group of the account's existing multi-region trail (required unless createTrail). */
    cloudTrailLogGroupName: text(LOG_GROUP_NAME, "must be a CloudWatch Logs group name (1-512 of letters, digits, . - _ / #)").optional(),
    createTrail: flag(false),
    trailName: text(
        TRAIL_NAME,
        "must be a CloudTrail trail name (3-128 of letters, digits, . _ -; starting and ending with a letter or digit; no adjacent . _ -; not an IP address)",
    ).default("force-mfa-trail"),
    /** Default derived from account and region. */
    trailBucketName: text(BUCKET_NAME, "must be a valid S3 bucket name").optional(),
    trailLogGroupName: text(LOG_GROUP_NAME, "must be a CloudWatch Logs group name").default("force-mfa-cloudtrail"),
    logRetentionDays: z.literal(LOG_RETENTION_DAYS, broken(`must be one of CloudWatch Logs' retention values (${LOG_RETENTION_DAYS.join(", ")})`)).default(365),
    alarmEmails: list(z.email({ pattern: EMAIL, ...broken("must be an e-mail address (name@domain.tld)") }), "must be a list of e-mail addresses")
        .superRefine(
            (emails, ctx) => {
                const repeated = emails.find((e, i) => emails.indexOf(e) !== i);
                if (repeated !== undefined) {
                    ctx.addIssue({ code: "custom", message: `each address may appear once, ${JSON.stringify(repeated)} is repeated` });
                }
            },
            { when: (payload) => Array.isArray(payload.value) },
        )
        .default([]),
    topicName: text(
        TOPIC_NAME,
        "must be an SNS topic name of 1-228 letters, digits, - _ (the alarm's name, <topicName>-console-signin-without-mfa, may have 255)",
    ).default("force-mfa-alerts"),
    kmsKeyArn: text(
        KMS_KEY_ARN,
        "must be the ARN of a customer managed KMS key (arn:aws:kms:<region>:<account>:key/<id>, or an alias/<name> of it) whose policy lets cloudwatch.amazonaws.com and events.amazonaws.com use it; AWS managed keys (alias/aws/sns, any alias/aws/...) cannot be used",
    ).optional(),
    metricNamespace: text(METRIC_NAMESPACE, "must be a CloudWatch namespace (1-255 characters without : * $, not starting with the reserved AWS/)").default("ForceMfa"),
    alarmPeriodSeconds: z
        .number(broken("must be a multiple of 60 from 60 to 86400"))
        .multipleOf(60, broken("must be a multiple of 60 from 60 to 86400"))
        .min(60, broken("must be a multiple of 60 from 60 to 86400"))
        .max(86400, broken("must be a multiple of 60 from 60 to 86400"))
        .default(300),
    configRules: configRules.prefault({}),
});

/** Keys that configure only the trail the program creates (mfaDetection.ts reads them only with `trail`). */
export const CREATED_TRAIL_KEYS = ["trailName", "trailBucketName", "trailLogGroupName", "logRetentionDays"] as const;

/** True when every given switch is absent or a boolean: only then can "not used with" be decided. */
function wellFormedSwitches(...values: unknown[]): boolean {
    return values.every((v) => v === undefined || typeof v === "boolean");
}

function unused(section: Record<string, unknown>, path: string[], keys: readonly string[], why: string): InputProblem[] {
    return keys.filter((key) => section[key] !== undefined).map((key) => ({ path: [...path, key], message: why, unused: true }));
}

/**
 * The switches of `detection` as written: what they leave out must not be set, what they need must be. Only for a
 * well-formed section while detection is on: a malformed one is reported once, for its format.
 */
function detectionSwitches(input: Readonly<Record<string, unknown>>): InputProblem[] {
    const given = input.detection === undefined ? {} : input.detection;
    if (!isObject(given) || given.enabled === false || !wellFormedSwitches(given.enabled, given.createTrail)) {
        return [];
    }
    const problems =
        given.createTrail === true
            ? unused(
                  given,
                  ["detection"],
                  ["cloudTrailLogGroupName"],
                  "not used with detection.createTrail: true (the alarm watches the created trail's log group, detection.trailLogGroupName); remove it, or set createTrail: false to use that log group",
              )
            : unused(
                  given,
                  ["detection"],
                  CREATED_TRAIL_KEYS,
                  "only used with detection.createTrail: true (it configures the trail the program creates); remove it, or set createTrail: true",
              );
    const rules = given.configRules === undefined ? {} : given.configRules;
    if (isObject(rules) && rules.enabled !== false && rules.createRecorder !== true && wellFormedSwitches(rules.enabled, rules.createRecorder)) {
        problems.push(
            ...unused(
                rules,
                ["detection", "configRules"],
                ["deliveryBucketName"],
                "only used with detection.configRules.createRecorder: true (it names the bucket of the recorder the program creates); remove it, or set createRecorder: true",
            ),
        );
    }
    if (given.createTrail !== true && given.cloudTrailLogGroupName === undefined) {
        problems.push({
            path: ["detection", "cloudTrailLogGroupName"],
            message:
                "required while detection is enabled and detection.createTrail is false — name the CloudWatch Logs group of the account's multi-region " +
                "trail, set detection.createTrail: true, or set detection.enabled: false",
        });
    }
    return problems;
}

export const detectionConfig = configPart({ detection: detection.prefault({}) }, detectionSwitches);

export type DetectionSettings = z.output<typeof detection>;
export type ConfigRulesSettings = z.output<typeof configRules>;

export const DETECTION_FIELDS = Object.keys(detection.shape);
export const CONFIG_RULES_FIELDS = Object.keys(configRules.in.shape);

/** The region of a KMS key or alias ARN (`arn:<partition>:kms:<region>:...`). */
export function kmsKeyRegion(kmsKeyArn: string): string {
    return kmsKeyArn.split(":")[3];
}

/**
 * SNS encrypts a topic only with a key of the topic's own region; the stack's region is known only at deploy time, so
 * this runs with the account facts, before any resource is registered. Undefined when the key fits.
 */
export function kmsKeyRegionProblem(kmsKeyArn: string, region: string): string | undefined {
    const keyRegion = kmsKeyRegion(kmsKeyArn);
    if (keyRegion === region) {
        return undefined;
    }
    return (
        `detection.kmsKeyArn: must be a key in the stack's region ${region} (SNS encrypts a topic only with a key of its own region), ` +
        `got a key in ${keyRegion}; for a multi-Region key (mrk-...), give the ARN of its replica in ${region}`
    );
}

/** Default bucket names (globally unique through account and region). */
export function defaultTrailBucketName(accountId: string, region: string): string {
    return `force-mfa-cloudtrail-${accountId}-${region}`;
}

export function defaultConfigBucketName(accountId: string, region: string): string {
    return `force-mfa-config-${accountId}-${region}`;
}
