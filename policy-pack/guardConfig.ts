import { PolicyConfigSchema } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { exemptionStatus, isCalendarDate, utcDate } from "./verdicts/exemptionTerms";
import { ACTION_PATTERN, DEFAULT_SENSITIVE_ACTION_GROUPS, MFA_AGE_LIMITS, SensitiveActionGroup, sensitiveActionGroupList } from "./iam/sensitiveActions";
import { actionMatches } from "./iam/wildcard";

/**
 * Configuration of force-mfa-guard. CrossGuard gives each policy its own config; the keys below are declared on
 * every policy that reads them, with the same defaults, so a policy reads the same values whether the CLI sent the
 * schema defaults (it does, through Configure) or not (unit tests, older engines).
 */

export interface Exemption {
    readonly name: string;
    readonly reason: string;
    /** Its terms, when given: who approved it, its ticket, the day it began and the last day it counts (UTC). */
    readonly approvedBy?: string;
    readonly ticket?: string;
    readonly grantedOn?: string;
    readonly expiresOn?: string;
}

export interface GuardConfig {
    readonly enforcedGroupName: string;
    /** The exemptions in force: an expired one is no exemption, and is listed apart. */
    readonly exemptUsers: readonly Exemption[];
    readonly exemptRoles: readonly Exemption[];
    /** Exemptions past their expiresOn: they exempt nobody, and mfa-exemptions-visible names each as a violation. */
    readonly expiredUsers: readonly Exemption[];
    readonly expiredRoles: readonly Exemption[];
    /** Actions a user may perform without MFA, to enroll a device. Everything else must be denied. */
    readonly enrollmentAllowList: readonly string[];
    /** Managed policies of these names, attached from outside the stack, are trusted as the MFA deny. */
    readonly enforcementPolicyNames: readonly string[];
    /** The account's quota "Role trust policy length": 2,048 unless raised, at most 4,096. */
    readonly trustPolicyLengthQuota: number;
    /** Actions the stack's users and `sensitiveActionRoles` must be denied unless their MFA is younger than the group's limit. */
    readonly sensitiveActionGroups: readonly SensitiveActionGroup[];
    /** Roles (by name) whose sessions must need fresh MFA for the sensitive actions, as users do. */
    readonly sensitiveActionRoles: readonly string[];
}

/**
 * The program's enrollment allow-list: account info for set-up, creating/enabling/listing/reading/resyncing one's own
 * device. iam:GetMFADevice reads a device's metadata only; AWS's own self-manage-MFA example policy exempts it too.
 */
export const DEFAULT_ENROLLMENT_ALLOW_LIST: readonly string[] = [
    "iam:GetAccountSummary",
    "iam:ListVirtualMFADevices",
    "iam:GetAccountPasswordPolicy",
    "iam:CreateVirtualMFADevice",
    "iam:EnableMFADevice",
    "iam:GetMFADevice",
    "iam:ListMFADevices",
    "iam:ResyncMFADevice",
    "iam:GetUser",
    "iam:ChangePassword",
    "sts:GetSessionToken",
];

export const DEFAULT_ENFORCED_GROUP_NAME = "mfa-enforced";

/** The program's managed policy name (its `policyName` key). */
/** The name the program gives its MFA deny policy by default. */
export const DEFAULT_ENFORCEMENT_POLICY_NAME = "ForceMFA";
export const DEFAULT_ENFORCEMENT_POLICY_NAMES: readonly string[] = [DEFAULT_ENFORCEMENT_POLICY_NAME];

export const DEFAULT_TRUST_POLICY_LENGTH_QUOTA = 2048;

/** A sensitive-action group's name, as the program's config takes it. */
const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const exemptionListSchema: PolicyConfigJSONSchema = {
    type: "array",
    items: {
        type: "object",
        properties: {
            name: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: 1, description: "Why this principal may act without MFA; shown on every preview." },
            approvedBy: { type: "string", minLength: 1, description: "Who approved the exemption." },
            ticket: { type: "string", minLength: 1, description: "The ticket that records it." },
            grantedOn: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "The day it was granted (YYYY-MM-DD)." },
            expiresOn: {
                type: "string",
                pattern: "^\\d{4}-\\d{2}-\\d{2}$",
                description: "The last day it counts (YYYY-MM-DD, UTC); after it the principal is judged like every other. Left out: permanent.",
            },
        },
        required: ["name", "reason"],
        additionalProperties: false,
    },
    default: [],
};

/** JSON-schema properties, per config key; each policy declares the subset it reads. */
export const CONFIG_PROPERTIES: Record<
    | "enforcedGroupName"
    | "exemptUsers"
    | "exemptRoles"
    | "enrollmentAllowList"
    | "enforcementPolicyNames"
    | "trustPolicyLengthQuota"
    | "sensitiveActionGroups"
    | "sensitiveActionRoles",
    PolicyConfigJSONSchema
> = {
    enforcedGroupName: {
        type: "string",
        minLength: 1,
        default: DEFAULT_ENFORCED_GROUP_NAME,
        description:
            "The group whose policy every user must be subject to. Where a stack does not declare it, membership in it is trusted as the MFA deny (the force-mfa stack proves it).",
    },
    enforcementPolicyNames: {
        type: "array",
        items: { type: "string", pattern: "^[\\w+=,.@-]{1,128}$" },
        default: [...DEFAULT_ENFORCEMENT_POLICY_NAMES],
        description: "Customer managed policies of these names, attached from outside the stack, are trusted as the MFA deny (the force-mfa stack proves them).",
    },
    trustPolicyLengthQuota: {
        type: "integer",
        minimum: 2048,
        maximum: 4096,
        default: DEFAULT_TRUST_POLICY_LENGTH_QUOTA,
        description: 'The account\'s IAM quota "Role trust policy length" (2,048 unless raised, at most 4,096): longer trust policies are refused by AWS.',
    },
    exemptUsers: { ...exemptionListSchema, description: "IAM users allowed to act without MFA, each with a reason." },
    exemptRoles: { ...exemptionListSchema, description: "IAM roles whose trust may omit MFA, each with a reason." },
    enrollmentAllowList: {
        type: "array",
        // The service may not be a wildcard: "*:*" would exempt everything and silently turn the pack off.
        items: { type: "string", pattern: "^[A-Za-z0-9?-]*[A-Za-z0-9-][A-Za-z0-9*?-]*:[A-Za-z0-9*?]+$" },
        default: [...DEFAULT_ENROLLMENT_ALLOW_LIST],
        description: "Actions allowed without MFA so users can enroll; every other action must be denied without MFA.",
    },
    sensitiveActionGroups: {
        type: "object",
        propertyNames: { pattern: GROUP_NAME.source },
        additionalProperties: {
            type: "object",
            properties: {
                maxMfaAgeSeconds: { type: "integer", minimum: MFA_AGE_LIMITS.min, maximum: MFA_AGE_LIMITS.max },
                actions: { type: "array", minItems: 1, items: { type: "string", pattern: ACTION_PATTERN.source } },
            },
            required: ["maxMfaAgeSeconds", "actions"],
            additionalProperties: false,
        },
        minProperties: 1,
        default: DEFAULT_SENSITIVE_ACTION_GROUPS,
        description:
            "Named groups of actions that need MFA younger than maxMfaAgeSeconds (the program's sensitiveActions.groups; the default is the program's default set).",
    },
    sensitiveActionRoles: {
        type: "array",
        items: { type: "string", pattern: "^[\\w+=,.@-]{1,64}$" },
        default: [],
        description: "Roles (by name) whose sessions must be denied the sensitive actions without fresh MFA: the admin role and the program's sensitiveActions.roles.",
    },
};

export type ConfigKey = keyof typeof CONFIG_PROPERTIES;

export function configSchema(keys: readonly ConfigKey[]): PolicyConfigSchema {
    return { properties: Object.fromEntries(keys.map((k) => [k, CONFIG_PROPERTIES[k]])) };
}

export class GuardConfigError extends Error {
    constructor(reason: string) {
        super(`force-mfa-guard config: ${reason}`);
        this.name = "GuardConfigError";
    }
}

const TERMS = ["approvedBy", "ticket", "grantedOn", "expiresOn"] as const;

function exemptions(raw: unknown, key: string): Exemption[] {
    if (raw === undefined) {
        return [];
    }
    if (!Array.isArray(raw)) {
        throw new GuardConfigError(`${key} must be a list of {name, reason}`);
    }
    return raw.map((item, i) => {
        const name = (item as { name?: unknown })?.name;
        const reason = (item as { reason?: unknown })?.reason;
        if (typeof name !== "string" || name.trim() === "") {
            throw new GuardConfigError(`${key}[${i}] needs a non-empty "name"`);
        }
        if (typeof reason !== "string" || reason.trim() === "") {
            throw new GuardConfigError(`${key}[${i}] (${name}) needs a non-empty "reason": exemptions must say why`);
        }
        const terms: Record<string, string> = {};
        for (const term of TERMS) {
            const value = (item as Record<string, unknown>)[term];
            if (value === undefined) {
                continue;
            }
            if (typeof value !== "string" || value.trim() === "") {
                throw new GuardConfigError(`${key}[${i}] (${name}): "${term}" must be a non-empty string`);
            }
            if ((term === "grantedOn" || term === "expiresOn") && !isCalendarDate(value)) {
                throw new GuardConfigError(`${key}[${i}] (${name}): "${term}" must be a date that exists, YYYY-MM-DD, got ${JSON.stringify(value)}`);
            }
            terms[term] = value.trim();
        }
        return { name, reason: reason.trim(), ...terms };
    });
}

/** Through its expiresOn day (UTC) an exemption counts. */
export function isExpired(exemption: Exemption, today: string): boolean {
    return exemptionStatus(exemption, today) === "expired";
}

/**
 * Reads a policy's config, applying defaults; throws GuardConfigError (the caller fails closed). `today` (UTC,
 * YYYY-MM-DD, the clock's by default) decides which exemptions have expired.
 */
export function readGuardConfig(raw: Record<string, unknown> | undefined, today: string = utcDate()): GuardConfig {
    const config = raw ?? {};
    const enforcedGroupName = config.enforcedGroupName ?? DEFAULT_ENFORCED_GROUP_NAME;
    if (typeof enforcedGroupName !== "string" || enforcedGroupName === "") {
        throw new GuardConfigError("enforcedGroupName must be a non-empty string");
    }
    const allowList = config.enrollmentAllowList ?? DEFAULT_ENROLLMENT_ALLOW_LIST;
    if (!Array.isArray(allowList) || allowList.some((a) => typeof a !== "string" || !/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/.test(a))) {
        throw new GuardConfigError('enrollmentAllowList must be a list of actions such as "iam:EnableMFADevice"');
    }
    const everyService = allowList.find((a) => /^[*?]+:/.test(a));
    if (everyService !== undefined) {
        throw new GuardConfigError(`enrollmentAllowList: "${everyService}" names every service; list the enrollment actions of a service, e.g. "iam:EnableMFADevice"`);
    }
    const policyNames = config.enforcementPolicyNames ?? DEFAULT_ENFORCEMENT_POLICY_NAMES;
    if (!Array.isArray(policyNames) || policyNames.some((n) => typeof n !== "string" || !/^[\w+=,.@-]{1,128}$/.test(n))) {
        throw new GuardConfigError("enforcementPolicyNames must be a list of IAM policy names such as \"ForceMFA\"");
    }
    const quota = config.trustPolicyLengthQuota ?? DEFAULT_TRUST_POLICY_LENGTH_QUOTA;
    if (typeof quota !== "number" || !Number.isInteger(quota) || quota < 2048 || quota > 4096) {
        throw new GuardConfigError("trustPolicyLengthQuota must be an integer from 2048 to 4096 (IAM's default and the most it can be raised to)");
    }
    const sensitiveActionGroups = readSensitiveActionGroups(config.sensitiveActionGroups, allowList as string[]);
    const sensitiveActionRoles = config.sensitiveActionRoles ?? [];
    if (!Array.isArray(sensitiveActionRoles) || sensitiveActionRoles.some((n) => typeof n !== "string" || !/^[\w+=,.@-]{1,64}$/.test(n))) {
        throw new GuardConfigError("sensitiveActionRoles must be a list of IAM role names");
    }
    const users = exemptions(config.exemptUsers, "exemptUsers");
    const roles = exemptions(config.exemptRoles, "exemptRoles");
    return {
        enforcedGroupName,
        exemptUsers: users.filter((e) => !isExpired(e, today)),
        exemptRoles: roles.filter((e) => !isExpired(e, today)),
        expiredUsers: users.filter((e) => isExpired(e, today)),
        expiredRoles: roles.filter((e) => isExpired(e, today)),
        enrollmentAllowList: allowList as string[],
        enforcementPolicyNames: policyNames as string[],
        trustPolicyLengthQuota: quota,
        sensitiveActionGroups,
        sensitiveActionRoles: sensitiveActionRoles as string[],
    };
}

/**
 * The sensitive-action groups, checked as the program checks its own: a group may not match an enrollment action
 * (users need those without MFA), so the pack never demands a deny that locks enrollment out.
 */
function readSensitiveActionGroups(raw: unknown, allowList: readonly string[]): SensitiveActionGroup[] {
    if (raw === undefined) {
        return sensitiveActionGroupList(DEFAULT_SENSITIVE_ACTION_GROUPS);
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw) || Object.keys(raw).length === 0) {
        throw new GuardConfigError("sensitiveActionGroups must be a map of group names to {maxMfaAgeSeconds, actions} (leave it out for the default set)");
    }
    for (const [name, group] of Object.entries(raw as Record<string, unknown>)) {
        const where = `sensitiveActionGroups.${name}`;
        if (!GROUP_NAME.test(name)) {
            throw new GuardConfigError(`${where}: a group name is 1-64 of letters, digits, _ . - (starting with a letter or digit)`);
        }
        const { maxMfaAgeSeconds, actions } = (typeof group === "object" && group !== null ? group : {}) as Record<string, unknown>;
        if (typeof maxMfaAgeSeconds !== "number" || !Number.isInteger(maxMfaAgeSeconds) || maxMfaAgeSeconds < MFA_AGE_LIMITS.min || maxMfaAgeSeconds > MFA_AGE_LIMITS.max) {
            throw new GuardConfigError(`${where}.maxMfaAgeSeconds must be an integer from ${MFA_AGE_LIMITS.min} to ${MFA_AGE_LIMITS.max}`);
        }
        if (!Array.isArray(actions) || actions.length === 0 || actions.some((a) => typeof a !== "string" || !ACTION_PATTERN.test(a))) {
            throw new GuardConfigError(`${where}.actions must list action patterns such as "kms:ScheduleKeyDeletion" (wildcards in the action part only)`);
        }
        for (const pattern of actions as string[]) {
            const enrollment = allowList.find((a) => !/[*?]/.test(a) && actionMatches(pattern, a));
            if (enrollment !== undefined) {
                throw new GuardConfigError(`${where}: "${pattern}" matches ${enrollment}, which users need without MFA to enroll a device; list the sensitive actions more narrowly`);
            }
        }
    }
    return sensitiveActionGroupList(raw as Record<string, { maxMfaAgeSeconds: number; actions: string[] }>);
}
