/**
 * What the organization audit's three functions are told by the program, in one environment variable (JSON), checked
 * on every invocation so a broken deployment fails loudly instead of auditing the wrong accounts or bucket.
 */
import { SettingsReader } from "../../../aws/lambdaSettings";

export const AUDIT_SETTINGS_VARIABLE = "FORCE_MFA_ORGANIZATION_AUDIT";

/** The target naming the whole organization (organization.audit.targets). */
export const WHOLE_ORGANIZATION_TARGET = "root";

export interface AuditJobSettings {
    readonly bucketName: string;
    /** The account the audit runs in: read with the function's own role, no audit role there. */
    readonly auditAccountId: string;
    /** The audit role's name in every member account. */
    readonly roleName: string;
    /** "root" alone (every account), or OU ids (their accounts and those of the OUs under them). */
    readonly targets: readonly string[];
    /** Import the findings into this account's Security Hub. */
    readonly securityHub: boolean;
}

const reader = new SettingsReader(AUDIT_SETTINGS_VARIABLE);

export function parseAuditSettings(environment: Readonly<Record<string, string | undefined>>): AuditJobSettings {
    const value = reader.read(environment);
    const targets = value?.targets;
    if (!Array.isArray(targets) || targets.length === 0 || targets.some((t) => typeof t !== "string" || !(t === WHOLE_ORGANIZATION_TARGET || /^ou-[0-9a-z]+-[0-9a-z]+$/.test(t)))) {
        reader.fail(`targets must be a non-empty list of "${WHOLE_ORGANIZATION_TARGET}" or OU ids, got ${JSON.stringify(targets)}`);
    }
    if (!/^\d{12}$/.test(value.auditAccountId)) {
        reader.fail(`auditAccountId must be a 12-digit account id, got ${JSON.stringify(value.auditAccountId)}`);
    }
    if (typeof value.securityHub !== "boolean") {
        reader.fail(`securityHub must be true or false, got ${JSON.stringify(value.securityHub)}`);
    }
    return {
        bucketName: reader.text(value.bucketName, "bucketName"),
        auditAccountId: value.auditAccountId,
        roleName: reader.text(value.roleName, "roleName"),
        targets,
        securityHub: value.securityHub,
    };
}

export function encodeAuditSettings(settings: AuditJobSettings): string {
    return JSON.stringify(settings);
}
