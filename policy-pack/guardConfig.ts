import { PolicyConfigSchema } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * Configuration of force-mfa-guard. CrossGuard gives each policy its own config; the keys below are declared on
 * every policy that reads them, with the same defaults, so a policy reads the same values whether the CLI sent the
 * schema defaults (it does, through Configure) or not (unit tests, older engines).
 */

export interface Exemption {
    readonly name: string;
    readonly reason: string;
}

export interface GuardConfig {
    readonly enforcedGroupName: string;
    readonly exemptUsers: readonly Exemption[];
    readonly exemptRoles: readonly Exemption[];
    /** Actions a user may perform without MFA, to enroll a device. Everything else must be denied. */
    readonly enrollmentAllowList: readonly string[];
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

const exemptionListSchema: PolicyConfigJSONSchema = {
    type: "array",
    items: {
        type: "object",
        properties: {
            name: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: 1, description: "Why this principal may act without MFA; shown on every preview." },
        },
        required: ["name", "reason"],
        additionalProperties: false,
    },
    default: [],
};

/** JSON-schema properties, per config key; each policy declares the subset it reads. */
export const CONFIG_PROPERTIES: Record<"enforcedGroupName" | "exemptUsers" | "exemptRoles" | "enrollmentAllowList", PolicyConfigJSONSchema> = {
    enforcedGroupName: {
        type: "string",
        minLength: 1,
        default: DEFAULT_ENFORCED_GROUP_NAME,
        description: "The group whose policy every user must be subject to.",
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
        return { name, reason: reason.trim() };
    });
}

/** Reads a policy's config, applying defaults; throws GuardConfigError (the caller fails closed). */
export function readGuardConfig(raw: Record<string, unknown> | undefined): GuardConfig {
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
    return {
        enforcedGroupName,
        exemptUsers: exemptions(config.exemptUsers, "exemptUsers"),
        exemptRoles: exemptions(config.exemptRoles, "exemptRoles"),
        enrollmentAllowList: allowList as string[],
    };
}
