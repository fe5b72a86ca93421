/**
 * The sensitive actions that need fresh MFA when no list is given — the program's `sensitiveActions.groups` and the
 * pack's `sensitiveActionGroups` default to it, so what the program denies is what the pack proves: what an attacker with a
 * stolen (or merely old) session would use to escalate, destroy data or cover tracks. Ages: five minutes for what
 * destroys or blinds (buckets, keys, logs), fifteen for changes of permissions, credentials and the organization.
 *
 * Deliberately absent: a user's own self-service (iam:ChangePassword and the enrollment actions are refused in any
 * group; iam:CreateAccessKey is left out so users keep creating their own keys within the ordinary session), object
 * deletes (routine work; the state bucket has its own guard) and reads.
 */
export interface SensitiveActionGroupSettings {
    readonly maxMfaAgeSeconds: number;
    readonly actions: readonly string[];
}

/** A group by name, as the denies are built and proven. */
export interface SensitiveActionGroup extends SensitiveActionGroupSettings {
    readonly name: string;
}

/** The age limits IAM sessions allow: a minute at least, twelve hours (an MFA session's longest) at most. */
export const MFA_AGE_LIMITS = { min: 60, max: 43200 } as const;

/** Groups sorted by name, from their settings by name: stable documents and messages. */
export function sensitiveActionGroupList(groups: Readonly<Record<string, SensitiveActionGroupSettings>>): SensitiveActionGroup[] {
    return Object.entries(groups)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, g]) => ({ name, maxMfaAgeSeconds: g.maxMfaAgeSeconds, actions: [...g.actions] }));
}

export const DEFAULT_SENSITIVE_ACTION_GROUPS: Readonly<Record<string, SensitiveActionGroupSettings>> = {
    "iam-permissions": {
        maxMfaAgeSeconds: 900,
        actions: [
            "iam:Attach*Policy",
            "iam:Detach*Policy",
            "iam:Put*Policy",
            "iam:Delete*Policy",
            "iam:CreatePolicyVersion",
            "iam:DeletePolicyVersion",
            "iam:SetDefaultPolicyVersion",
            "iam:UpdateAssumeRolePolicy",
            "iam:*PermissionsBoundary",
            "iam:AddUserToGroup",
            "iam:RemoveUserFromGroup",
        ],
    },
    "iam-credentials": {
        maxMfaAgeSeconds: 900,
        actions: [
            "iam:CreateLoginProfile",
            "iam:UpdateLoginProfile",
            "iam:DeleteLoginProfile",
            "iam:DeactivateMFADevice",
            "iam:DeleteVirtualMFADevice",
            "iam:UpdateAccountPasswordPolicy",
        ],
    },
    "s3-bucket-destruction": { maxMfaAgeSeconds: 300, actions: ["s3:DeleteBucket*", "s3:PutBucketPolicy"] },
    "kms-key-destruction": { maxMfaAgeSeconds: 300, actions: ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DeleteImportedKeyMaterial"] },
    "audit-logging": {
        maxMfaAgeSeconds: 300,
        actions: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "config:Stop*", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel"],
    },
    "organizations-writes": {
        maxMfaAgeSeconds: 900,
        actions: [
            "organizations:Attach*",
            "organizations:Detach*",
            "organizations:Create*",
            "organizations:Delete*",
            "organizations:Disable*",
            "organizations:Enable*",
            "organizations:Leave*",
            "organizations:Move*",
            "organizations:Remove*",
            "organizations:Update*",
            "organizations:Put*",
            "organizations:Register*",
            "organizations:Deregister*",
            "organizations:Invite*",
            "organizations:CloseAccount",
        ],
    },
};

/** `service:Action` with wildcards in the action part only: a wildcard service would name every service. */
export const ACTION_PATTERN = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
