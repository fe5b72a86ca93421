/**
 * Stack config of detection and privileged access — `detection`, `adminRole`, `stateDeleteGuard`, `stateDeleteMaxMfaAge` — parsed and
 * validated by pure functions. Every problem is reported as one message naming the key and the rule; config.ts
 * collects them with the rest before any resource is registered.
 */
import { EXECUTION_FREQUENCIES, ExecutionFrequency } from "./detection/configRules";
import { DEFAULT_ADMIN_MAX_MFA_AGE_SECONDS, DEFAULT_ADMIN_POLICY_ARN } from "./privilegedAccess/adminRole";
import { DEFAULT_STATE_DELETE_MAX_MFA_AGE_SECONDS } from "./stateBackend/stateDeleteGuard";
import { IAM_USER_OR_ROLE_NAME } from "./enforcement/iamNames";

export const DETECTION_AND_ACCESS_KEYS = ["detection", "adminRole", "stateDeleteGuard", "stateDeleteMaxMfaAge"] as const;

/** Trusted users of the admin role: a list of user names, or every member of the enforced group. */
export const ENFORCED_GROUP_USERS = "enforcedGroup";

export interface ConfigRulesSettings {
    enabled: boolean;
    createRecorder: boolean;
    maximumExecutionFrequency: ExecutionFrequency;
    /** Delivery bucket of a recorder created by the program; default derived from account and region. */
    deliveryBucketName?: string;
}

export interface DetectionSettings {
    enabled: boolean;
    /** Log group of the account's existing multi-region trail (required unless createTrail). */
    cloudTrailLogGroupName?: string;
    createTrail: boolean;
    trailName: string;
    /** Default derived from account and region. */
    trailBucketName?: string;
    trailLogGroupName: string;
    logRetentionDays: number;
    alarmEmails: string[];
    topicName: string;
    kmsKeyArn?: string;
    metricNamespace: string;
    alarmPeriodSeconds: number;
    configRules: ConfigRulesSettings;
}

export interface AdminRoleSettings {
    enabled: boolean;
    name: string;
    /**
     * User names (IAM user names are unique in an account whatever their path; the ARN, path included, is looked up
     * among the users declared in config and those found in the account), or ENFORCED_GROUP_USERS as an explicit
     * choice. Required while the role is enabled; empty (nobody) while it is off and unset.
     */
    trustedUsers: string[] | typeof ENFORCED_GROUP_USERS;
    maxMfaAgeSeconds: number;
    maxSessionDurationSeconds: number;
    policyArn: string;
}

export interface DetectionAndAccessSettings {
    detection: DetectionSettings;
    adminRole: AdminRoleSettings;
    stateDeleteGuard: boolean;
    stateDeleteMaxMfaAge: number;
}

export const DETECTION_FIELDS = [
    "enabled",
    "cloudTrailLogGroupName",
    "createTrail",
    "trailName",
    "trailBucketName",
    "trailLogGroupName",
    "logRetentionDays",
    "alarmEmails",
    "topicName",
    "kmsKeyArn",
    "metricNamespace",
    "alarmPeriodSeconds",
    "configRules",
];
export const CONFIG_RULES_FIELDS = ["enabled", "createRecorder", "maximumExecutionFrequency", "deliveryBucketName"];
export const ADMIN_ROLE_FIELDS = ["enabled", "name", "trustedUsers", "maxMfaAgeSeconds", "maxSessionDurationSeconds", "policyArn"];

/** Retention values CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

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
 * CloudWatch and EventBridge (see detection.ts).
 */
// The program builds its ARNs for the commercial partition only (it refuses other accounts), so ARNs are arn:aws:.
const KMS_KEY_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/(?!aws\/)[A-Za-z0-9/_-]+)$/;
const POLICY_ARN = /^arn:aws:iam::(?:aws|\d{12}):policy\/[\x21-\x7e]+$/;

type Problems = string[];

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownFields(key: string, raw: Record<string, unknown>, allowed: string[], problems: Problems) {
    for (const field of Object.keys(raw)) {
        if (!allowed.includes(field)) {
            problems.push(`${key}.${field}: unknown key (allowed: ${allowed.join(", ")})`);
        }
    }
}

function bool(key: string, value: unknown, fallback: boolean, problems: Problems): boolean {
    if (value === undefined) {
        return fallback;
    }
    if (typeof value !== "boolean") {
        problems.push(`${key}: must be true or false, got ${JSON.stringify(value)}`);
        return fallback;
    }
    return value;
}

function str(key: string, value: unknown, pattern: RegExp, rule: string, problems: Problems): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== "string" || !pattern.test(value)) {
        problems.push(`${key}: ${rule}, got ${JSON.stringify(value)}`);
        return undefined;
    }
    return value;
}

function int(key: string, value: unknown, fallback: number, min: number, max: number, problems: Problems): number {
    if (value === undefined) {
        return fallback;
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        problems.push(`${key}: must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
        return fallback;
    }
    return value;
}

function section(key: string, value: unknown, allowed: string[], problems: Problems): Record<string, unknown> {
    if (value === undefined) {
        return {};
    }
    if (!isObject(value)) {
        problems.push(`${key}: must be an object with the keys ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
        return {};
    }
    unknownFields(key, value, allowed, problems);
    return value;
}

/** True when every given switch is absent or a boolean: only then can "not used with" be decided. */
function switchesWellFormed(...values: unknown[]): boolean {
    return values.every((v) => v === undefined || typeof v === "boolean");
}

/**
 * Keys that only configure what a switch leaves out (as lockTableName with lockMode s3): a value that silently does
 * nothing misleads whoever reads the config, so it is an error. Checked only while the section is on: turning
 * detection or configRules off keeps every setting, so the switch flips back without rewriting config. Returns the
 * section without the reported keys, so that they are not also checked for format.
 */
function withoutUnusedKeys(
    key: string,
    raw: Record<string, unknown>,
    unused: readonly string[],
    why: string,
    problems: Problems,
): Record<string, unknown> {
    const rest = { ...raw };
    for (const field of unused) {
        if (raw[field] !== undefined) {
            problems.push(`${key}.${field}: ${why}`);
            delete rest[field];
        }
    }
    return rest;
}

/** Keys that configure only the trail the program creates (detection.ts reads them only with `trail`). */
export const CREATED_TRAIL_KEYS = ["trailName", "trailBucketName", "trailLogGroupName", "logRetentionDays"] as const;

export function parseDetection(value: unknown, problems: Problems): DetectionSettings {
    const wellFormed = value === undefined || isObject(value);
    const given = section("detection", value, DETECTION_FIELDS, problems);
    const enabled = bool("detection.enabled", given.enabled, true, problems);
    const createTrail = bool("detection.createTrail", given.createTrail, false, problems);
    const decidable = wellFormed && enabled && switchesWellFormed(given.enabled, given.createTrail);
    let raw = given;
    if (decidable && createTrail) {
        raw = withoutUnusedKeys(
            "detection",
            raw,
            ["cloudTrailLogGroupName"],
            "not used with detection.createTrail: true (the alarm watches the created trail's log group, detection.trailLogGroupName); remove it, or set createTrail: false to use that log group",
            problems,
        );
    } else if (decidable) {
        raw = withoutUnusedKeys(
            "detection",
            raw,
            CREATED_TRAIL_KEYS,
            "only used with detection.createTrail: true (it configures the trail the program creates); remove it, or set createTrail: true",
            problems,
        );
    }
    const cloudTrailLogGroupName = str(
        "detection.cloudTrailLogGroupName",
        raw.cloudTrailLogGroupName,
        LOG_GROUP_NAME,
        "must be a CloudWatch Logs group name (1-512 of letters, digits, . - _ / #)",
        problems,
    );
    let alarmEmails: string[] = [];
    if (raw.alarmEmails !== undefined) {
        if (!Array.isArray(raw.alarmEmails)) {
            problems.push(`detection.alarmEmails: must be a list of e-mail addresses, got ${JSON.stringify(raw.alarmEmails)}`);
        } else {
            raw.alarmEmails.forEach((email, i) => {
                if (typeof email !== "string" || !EMAIL.test(email)) {
                    problems.push(`detection.alarmEmails[${i}]: must be an e-mail address (name@domain.tld), got ${JSON.stringify(email)}`);
                }
            });
            const duplicates = raw.alarmEmails.filter((e, i) => raw.alarmEmails && (raw.alarmEmails as unknown[]).indexOf(e) !== i);
            if (duplicates.length > 0) {
                problems.push(`detection.alarmEmails: each address may appear once, ${JSON.stringify(duplicates[0])} is repeated`);
            }
            alarmEmails = raw.alarmEmails.filter((e): e is string => typeof e === "string");
        }
    }
    let rules = section("detection.configRules", raw.configRules, CONFIG_RULES_FIELDS, problems);
    const rulesEnabled = bool("detection.configRules.enabled", rules.enabled, true, problems);
    const createRecorder = bool("detection.configRules.createRecorder", rules.createRecorder, false, problems);
    if (decidable && rulesEnabled && !createRecorder && switchesWellFormed(rules.enabled, rules.createRecorder)) {
        rules = withoutUnusedKeys(
            "detection.configRules",
            rules,
            ["deliveryBucketName"],
            "only used with detection.configRules.createRecorder: true (it names the bucket of the recorder the program creates); remove it, or set createRecorder: true",
            problems,
        );
    }
    const frequency = raw.configRules !== undefined ? rules.maximumExecutionFrequency : undefined;
    if (frequency !== undefined && !EXECUTION_FREQUENCIES.includes(frequency as ExecutionFrequency)) {
        problems.push(`detection.configRules.maximumExecutionFrequency: must be one of ${EXECUTION_FREQUENCIES.join(", ")}, got ${JSON.stringify(frequency)}`);
    }
    const settings: DetectionSettings = {
        enabled,
        cloudTrailLogGroupName,
        createTrail,
        trailName: str("detection.trailName", raw.trailName, TRAIL_NAME, "must be a CloudTrail trail name (3-128 of letters, digits, . _ -; starting and ending with a letter or digit; no adjacent . _ -; not an IP address)", problems) ?? "force-mfa-trail",
        trailBucketName: str("detection.trailBucketName", raw.trailBucketName, BUCKET_NAME, "must be a valid S3 bucket name", problems),
        trailLogGroupName:
            str("detection.trailLogGroupName", raw.trailLogGroupName, LOG_GROUP_NAME, "must be a CloudWatch Logs group name", problems) ?? "force-mfa-cloudtrail",
        logRetentionDays: 365,
        alarmEmails,
        topicName: str("detection.topicName", raw.topicName, TOPIC_NAME, "must be an SNS topic name of 1-228 letters, digits, - _ (the alarm's name, <topicName>-console-signin-without-mfa, may have 255)", problems) ?? "force-mfa-alerts",
        kmsKeyArn: str(
            "detection.kmsKeyArn",
            raw.kmsKeyArn,
            KMS_KEY_ARN,
            "must be the ARN of a customer managed KMS key (arn:aws:kms:<region>:<account>:key/<id>, or an alias/<name> of it) whose policy lets cloudwatch.amazonaws.com and events.amazonaws.com use it; AWS managed keys (alias/aws/sns, any alias/aws/...) cannot be used",
            problems,
        ),
        metricNamespace: str("detection.metricNamespace", raw.metricNamespace, METRIC_NAMESPACE, "must be a CloudWatch namespace (1-255 characters without : * $, not starting with the reserved AWS/)", problems) ?? "ForceMfa",
        alarmPeriodSeconds: 300,
        configRules: {
            enabled: rulesEnabled,
            createRecorder,
            maximumExecutionFrequency: EXECUTION_FREQUENCIES.includes(frequency as ExecutionFrequency) ? (frequency as ExecutionFrequency) : "TwentyFour_Hours",
            deliveryBucketName: str("detection.configRules.deliveryBucketName", rules.deliveryBucketName, BUCKET_NAME, "must be a valid S3 bucket name", problems),
        },
    };
    if (raw.logRetentionDays !== undefined) {
        if (typeof raw.logRetentionDays !== "number" || !LOG_RETENTION_DAYS.includes(raw.logRetentionDays)) {
            problems.push(`detection.logRetentionDays: must be one of CloudWatch Logs' retention values (${LOG_RETENTION_DAYS.join(", ")}), got ${JSON.stringify(raw.logRetentionDays)}`);
        } else {
            settings.logRetentionDays = raw.logRetentionDays;
        }
    }
    if (raw.alarmPeriodSeconds !== undefined) {
        const period = raw.alarmPeriodSeconds;
        if (typeof period !== "number" || !Number.isInteger(period) || period < 60 || period > 86400 || period % 60 !== 0) {
            problems.push(`detection.alarmPeriodSeconds: must be a multiple of 60 from 60 to 86400, got ${JSON.stringify(period)}`);
        } else {
            settings.alarmPeriodSeconds = period;
        }
    }
    // Only for a well-formed section: a malformed one has already been reported once.
    if (decidable && !createTrail && raw.cloudTrailLogGroupName === undefined) {
        problems.push(
            "detection.cloudTrailLogGroupName: required while detection is enabled and detection.createTrail is false — name the CloudWatch Logs " +
                "group of the account's multi-region trail, set detection.createTrail: true, or set detection.enabled: false",
        );
    }
    return settings;
}

export function parseAdminRole(value: unknown, problems: Problems): AdminRoleSettings {
    const raw = section("adminRole", value, ADMIN_ROLE_FIELDS, problems);
    const enabled = bool("adminRole.enabled", raw.enabled, false, problems);
    // No default: trusting "every enrolled user" by default would let any IAM user of the account assume an
    // AdministratorAccess role. Unset while the role is off: it trusts nobody.
    let trustedUsers: AdminRoleSettings["trustedUsers"] = [];
    if (raw.trustedUsers === undefined) {
        if (raw.enabled === true) {
            problems.push(
                `adminRole.trustedUsers: required while adminRole.enabled is true — list the administrators' IAM user names, or write "${ENFORCED_GROUP_USERS}" to trust every enrolled user (every member of the enforced group)`,
            );
        }
    } else if (raw.trustedUsers === ENFORCED_GROUP_USERS) {
        trustedUsers = ENFORCED_GROUP_USERS;
    } else if (!Array.isArray(raw.trustedUsers) || raw.trustedUsers.length === 0) {
        problems.push(
            `adminRole.trustedUsers: must be "${ENFORCED_GROUP_USERS}" (every member of the enforced group) or a non-empty list of IAM user names, got ${JSON.stringify(raw.trustedUsers)}`,
        );
    } else {
        const names: string[] = [];
        raw.trustedUsers.forEach((name, i) => {
            if (typeof name !== "string" || !IAM_USER_OR_ROLE_NAME.test(name)) {
                problems.push(`adminRole.trustedUsers[${i}]: must be an IAM user name (1-64 of letters, digits, + = , . @ _ -), got ${JSON.stringify(name)}`);
            } else if (names.some((n) => n.toLowerCase() === name.toLowerCase())) {
                // IAM user names are unique regardless of case.
                problems.push(`adminRole.trustedUsers[${i}]: "${name}" is listed twice`);
            } else {
                names.push(name);
            }
        });
        trustedUsers = names;
    }
    const maxSessionDurationSeconds = int("adminRole.maxSessionDurationSeconds", raw.maxSessionDurationSeconds, 3600, 3600, 43200, problems);
    return {
        enabled,
        name: str("adminRole.name", raw.name, IAM_USER_OR_ROLE_NAME, "must be an IAM role name (1-64 of letters, digits, + = , . @ _ -)", problems) ?? "mfa-admin",
        trustedUsers,
        maxMfaAgeSeconds: int("adminRole.maxMfaAgeSeconds", raw.maxMfaAgeSeconds, DEFAULT_ADMIN_MAX_MFA_AGE_SECONDS, 60, 129600, problems),
        maxSessionDurationSeconds,
        policyArn:
            str("adminRole.policyArn", raw.policyArn, POLICY_ARN, "must be an IAM policy ARN (arn:aws:iam::aws:policy/... or arn:aws:iam::<account>:policy/...)", problems) ??
            DEFAULT_ADMIN_POLICY_ARN,
    };
}

/** The four keys of detection, privileged access and the state delete guard from the raw stack config values (undefined = not set). */
export function parseDetectionAndAccessConfig(raw: Partial<Record<(typeof DETECTION_AND_ACCESS_KEYS)[number], unknown>>, problems: Problems): DetectionAndAccessSettings {
    return {
        detection: parseDetection(raw.detection, problems),
        adminRole: parseAdminRole(raw.adminRole, problems),
        stateDeleteGuard: bool("stateDeleteGuard", raw.stateDeleteGuard, true, problems),
        stateDeleteMaxMfaAge: int("stateDeleteMaxMfaAge", raw.stateDeleteMaxMfaAge, DEFAULT_STATE_DELETE_MAX_MFA_AGE_SECONDS, 60, 3600, problems),
    };
}

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
