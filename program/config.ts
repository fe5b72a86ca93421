/**
 * The stack's config, validated by pure functions before any resource is registered. Every problem is one line that
 * names the key and the rule; all of them are reported together so a bad config is fixed in one round.
 */
import { DETECTION_AND_ACCESS_KEYS, DetectionAndAccessSettings, parseDetectionAndAccessConfig } from "./detectionAndAccessConfig";
import { DEFAULT_MAX_MFA_AGE_SECONDS } from "./enforcement/forceMfaPolicyDocument";
import { LockMode } from "./stateBackend/terraformBackendBlock";
import { IAM_GROUP_NAME, IAM_PATH, IAM_POLICY_NAME, IAM_USER_OR_ROLE_NAME } from "./enforcement/iamNames";

export const PROJECT = "force-mfa";

export interface DeclaredUser {
    readonly name: string;
    readonly path: string;
    readonly tags: Readonly<Record<string, string>>;
}

export interface Exemption {
    readonly name: string;
    readonly reason: string;
}

/** The whole stack config: enforcement and state backend keys here, detection and privileged access from their parser. */
export interface ForceMfaConfig extends DetectionAndAccessSettings {
    readonly enforcedGroupName: string;
    readonly policyName: string;
    readonly users: readonly DeclaredUser[];
    readonly exemptions: readonly Exemption[];
    readonly allowPasswordChangeWithoutMfa: boolean;
    readonly maxMfaAgeSeconds: number;
    /** Undefined: derived from the account id and region at deploy time. */
    readonly stateBucketName?: string;
    readonly stateKmsKeyArn?: string;
    readonly noncurrentVersionExpirationDays: number;
    readonly lockTableName: string;
    readonly lockMode: LockMode;
    readonly stateKey: string;
    readonly tags: Readonly<Record<string, string>>;
}

export class ConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(
            problems.length === 1
                ? `invalid stack config: ${problems[0]}`
                : `invalid stack config (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
        this.name = "ConfigError";
    }
}

type Kind = "string" | "number" | "boolean" | "structured";

/** Every key this program reads, with how its raw (string) value is decoded. */
const KEYS: Readonly<Record<string, Kind>> = {
    enforcedGroupName: "string",
    policyName: "string",
    users: "structured",
    exemptions: "structured",
    allowPasswordChangeWithoutMfa: "boolean",
    maxMfaAgeSeconds: "number",
    stateBucketName: "string",
    stateKmsKeyArn: "string",
    noncurrentVersionExpirationDays: "number",
    lockTableName: "string",
    lockMode: "string",
    stateKey: "string",
    tags: "structured",
    detection: "structured",
    adminRole: "structured",
    stateDeleteGuard: "boolean",
    stateDeleteMaxMfaAge: "number",
};

export const CONFIG_KEYS = Object.keys(KEYS);

const KMS_KEY_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const DYNAMODB_TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/** S3 general purpose bucket naming rules; returns the rule broken, if any. */
export function bucketNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) {
        return "must be 3 to 63 characters long";
    }
    if (!/^[a-z0-9.-]+$/.test(name)) {
        return "may contain only lower-case letters, digits, dots and hyphens";
    }
    if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) {
        return "must begin and end with a letter or digit";
    }
    if (name.includes("..")) {
        return "must not contain two adjacent dots";
    }
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
        return "must not be formatted as an IP address";
    }
    if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) {
        return "must not use a prefix or suffix that S3 reserves (xn--, sthree-, -s3alias, --ol-s3, ...)";
    }
    return undefined;
}

/**
 * Decodes the CLI's config map (`project:key` → string; structured values arrive as JSON text) into this project's
 * keys. Keys of other namespaces (`aws:region`, ...) belong to providers and are left alone.
 */
export function decodeStackConfig(all: Readonly<Record<string, string>>, problems: string[]): Record<string, unknown> {
    const decoded: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(all)) {
        if (!fullKey.startsWith(`${PROJECT}:`)) {
            continue;
        }
        const key = fullKey.slice(PROJECT.length + 1);
        const kind = KEYS[key];
        if (!kind) {
            problems.push(`${fullKey}: unknown key (known keys: ${CONFIG_KEYS.join(", ")})`);
            continue;
        }
        if (kind === "string") {
            decoded[key] = text;
            continue;
        }
        try {
            decoded[key] = JSON.parse(text);
        } catch {
            problems.push(`${fullKey}: must be ${kind === "structured" ? "a structured (YAML/JSON) value" : `a ${kind}`}, got ${JSON.stringify(text)}`);
        }
    }
    return decoded;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Reader {
    constructor(
        private readonly raw: Record<string, unknown>,
        readonly problems: string[],
    ) {}

    string(key: string, fallback: string, pattern: RegExp, rule: string): string;
    string(key: string, fallback: undefined, pattern: RegExp, rule: string): string | undefined;
    string(key: string, fallback: string | undefined, pattern: RegExp, rule: string): string | undefined {
        const value = this.raw[key];
        if (value === undefined) {
            return fallback;
        }
        if (typeof value !== "string" || !pattern.test(value)) {
            this.problems.push(`${key}: ${rule}, got ${JSON.stringify(value)}`);
            return fallback;
        }
        return value;
    }

    boolean(key: string, fallback: boolean): boolean {
        const value = this.raw[key];
        if (value === undefined) {
            return fallback;
        }
        if (typeof value !== "boolean") {
            this.problems.push(`${key}: must be true or false, got ${JSON.stringify(value)}`);
            return fallback;
        }
        return value;
    }

    integer(key: string, fallback: number, min: number, max: number): number {
        const value = this.raw[key];
        if (value === undefined) {
            return fallback;
        }
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
            this.problems.push(`${key}: must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
            return fallback;
        }
        return value;
    }

    list(key: string): unknown[] {
        const value = this.raw[key];
        if (value === undefined) {
            return [];
        }
        if (!Array.isArray(value)) {
            this.problems.push(`${key}: must be a list, got ${JSON.stringify(value)}`);
            return [];
        }
        return value;
    }
}

function tagMap(where: string, value: unknown, problems: string[]): Record<string, string> {
    if (value === undefined) {
        return {};
    }
    if (!isObject(value) || Object.values(value).some((v) => typeof v !== "string")) {
        problems.push(`${where}: must be a map of tag names to string values, got ${JSON.stringify(value)}`);
        return {};
    }
    return value as Record<string, string>;
}

function declaredUsers(read: Reader, problems: string[]): DeclaredUser[] {
    const seen = new Set<string>();
    const users: DeclaredUser[] = [];
    read.list("users").forEach((item, i) => {
        const where = `users[${i}]`;
        if (!isObject(item)) {
            problems.push(`${where}: must be an object {name, path?, tags?}, got ${JSON.stringify(item)}`);
            return;
        }
        for (const field of Object.keys(item)) {
            if (!["name", "path", "tags"].includes(field)) {
                problems.push(`${where}.${field}: unknown key (allowed: name, path, tags)`);
            }
        }
        const name = item.name;
        if (typeof name !== "string" || !IAM_USER_OR_ROLE_NAME.test(name)) {
            problems.push(`${where}.name: must be an IAM user name (1-64 of letters, digits and +=,.@_-), got ${JSON.stringify(name)}`);
            return;
        }
        if (seen.has(name.toLowerCase())) {
            problems.push(`${where}.name: "${name}" is declared twice (IAM user names are case-insensitive)`);
            return;
        }
        seen.add(name.toLowerCase());
        const path = item.path ?? "/";
        if (typeof path !== "string" || !IAM_PATH.test(path)) {
            problems.push(`${where}.path: must start and end with "/" (e.g. "/eng/"), got ${JSON.stringify(path)}`);
            return;
        }
        users.push({ name, path, tags: tagMap(`${where}.tags`, item.tags, problems) });
    });
    return users;
}

function exemptions(read: Reader, problems: string[]): Exemption[] {
    const result: Exemption[] = [];
    read.list("exemptions").forEach((item, i) => {
        const where = `exemptions[${i}]`;
        if (!isObject(item)) {
            problems.push(`${where}: must be an object {name, reason}, got ${JSON.stringify(item)}`);
            return;
        }
        for (const field of Object.keys(item)) {
            if (!["name", "reason"].includes(field)) {
                problems.push(`${where}.${field}: unknown key (allowed: name, reason)`);
            }
        }
        if (typeof item.name !== "string" || !IAM_USER_OR_ROLE_NAME.test(item.name)) {
            problems.push(`${where}.name: must be an IAM user name, got ${JSON.stringify(item.name)}`);
            return;
        }
        if (typeof item.reason !== "string" || item.reason.trim() === "") {
            problems.push(`${where}.reason: an exemption of "${item.name}" needs a non-empty reason (it is shown to auditors)`);
            return;
        }
        result.push({ name: item.name, reason: item.reason.trim() });
    });
    return result;
}

/** Validates decoded config values; throws ConfigError listing every problem. */
export function parseForceMfaConfig(raw: Record<string, unknown>, earlierProblems: readonly string[] = []): ForceMfaConfig {
    const problems = [...earlierProblems];
    const read = new Reader(raw, problems);
    const stateBucketName = read.string("stateBucketName", undefined, /^.*$/s, "must be a string");
    if (stateBucketName !== undefined) {
        const broken = bucketNameProblem(stateBucketName);
        if (broken) {
            problems.push(`stateBucketName: an S3 bucket name ${broken}, got ${JSON.stringify(stateBucketName)}`);
        }
    }
    const lockMode = read.string("lockMode", "dynamodb", /^(dynamodb|s3)$/, 'must be "dynamodb" or "s3"') as LockMode;
    const config: ForceMfaConfig = {
        enforcedGroupName: read.string("enforcedGroupName", "mfa-enforced", IAM_GROUP_NAME, "must be an IAM group name (1-128 of letters, digits and +=,.@_-)"),
        policyName: read.string("policyName", "ForceMFA", IAM_POLICY_NAME, "must be an IAM policy name (1-128 of letters, digits and +=,.@_-)"),
        users: declaredUsers(read, problems),
        exemptions: exemptions(read, problems),
        allowPasswordChangeWithoutMfa: read.boolean("allowPasswordChangeWithoutMfa", true),
        maxMfaAgeSeconds: read.integer("maxMfaAgeSeconds", DEFAULT_MAX_MFA_AGE_SECONDS, 900, 129600),
        stateBucketName,
        stateKmsKeyArn: read.string("stateKmsKeyArn", undefined, KMS_KEY_ARN, "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)"),
        noncurrentVersionExpirationDays: read.integer("noncurrentVersionExpirationDays", 90, 1, 36500),
        lockTableName: read.string("lockTableName", "terraform-lock", DYNAMODB_TABLE_NAME, "must be a DynamoDB table name (3-255 of letters, digits and _.-)"),
        lockMode,
        stateKey: read.string("stateKey", "terraform.tfstate", /^[^\s/][\x21-\x7e]{0,1023}$/, "must be an S3 object key without spaces or a leading /"),
        tags: tagMap("tags", raw.tags, problems),
        ...parseDetectionAndAccessConfig(Object.fromEntries(DETECTION_AND_ACCESS_KEYS.map((k) => [k, raw[k]])), problems),
    };
    // IAM user names are unique regardless of case: "Bob" and "bob" are the same user.
    const exempt = new Set<string>();
    config.exemptions.forEach((e, i) => {
        if (exempt.has(e.name.toLowerCase())) {
            problems.push(`exemptions[${i}].name: "${e.name}" is exempted twice`);
        }
        exempt.add(e.name.toLowerCase());
    });
    if (lockMode === "s3" && raw.lockTableName !== undefined) {
        problems.push('lockTableName: not used with lockMode "s3" (Terraform >= 1.10 locks in S3); remove it or use lockMode "dynamodb"');
    }
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }
    return config;
}

/** From the CLI's config map to a validated config: the one call the entry point makes. */
export function loadForceMfaConfig(all: Readonly<Record<string, string>>): ForceMfaConfig {
    const problems: string[] = [];
    const raw = decodeStackConfig(all, problems);
    return parseForceMfaConfig(raw, problems);
}
