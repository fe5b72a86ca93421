/**
 * The account audit report: what the JSON output holds (documented in docs/account-audit.md, schema in auditReport.schema.json),
 * what the terminal summary and the HTML page show.
 */

/** Worst first: the order of severity the terminal, the page and the findings sort by. */
export const STATUSES = ["escapes", "unenforced", "locked-out", "unverifiable", "suspended", "not-applicable", "exempt", "enforced"] as const;
export type PrincipalStatus = (typeof STATUSES)[number];

export const PRINCIPAL_TYPES = ["user", "group", "role"] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/**
 * One request that gets through without MFA — the principal's own policies allow it, nothing denies it — or, for a
 * lock-out, one enrollment request that is blocked.
 */
export interface Witness {
    readonly action: string;
    /** `MFA absent (long-term access keys)` or `MFA "false" (session without MFA)`. */
    readonly mfaContext: string;
    /** The resource the request names: a concrete ARN, or `*` for an action that takes none. */
    readonly resource?: string;
    /** Who makes the request: the user, or the principal a role's trust admits. */
    readonly principal?: string;
    /** The context keys the request carries (the MFA key when present, the principal's keys). */
    readonly contextKeys?: Readonly<Record<string, string>>;
    /** `<document>: statement "<sid>"` that allows the request. */
    readonly allowedBy?: string;
    /** Whether that statement names its actions with Action or NotAction. */
    readonly allowElement?: "Action" | "NotAction";
    /** The permissions boundary statement that allows it too. */
    readonly boundaryAllowedBy?: string;
    /** The action is denied on some resources but not all. */
    readonly onSomeResources?: boolean;
    /** How the principal is reached: the documents that apply to it (group, policy, version), in order. */
    readonly path: readonly string[];
    /** Why the denies present let the action through, as the pack explains it. */
    readonly why: readonly string[];
}

export interface AccessKey {
    readonly active: boolean;
    readonly lastRotated?: string;
    readonly lastUsedDate?: string;
    readonly lastUsedService?: string;
    readonly lastUsedRegion?: string;
}

/** A user's facts from the credential report. */
export interface Credentials {
    readonly mfaActive: boolean;
    readonly passwordEnabled?: boolean;
    readonly passwordLastUsed?: string;
    readonly accessKeysActive: number;
    readonly accessKeys: readonly AccessKey[];
    readonly createdAt?: string;
    /** Whole days since the user was created, while it has no MFA device; absent once MFA is active. */
    readonly daysWithoutMfa?: number;
}

export interface PrincipalVerdict {
    readonly type: PrincipalType;
    readonly name: string;
    readonly arn?: string;
    readonly path?: string;
    readonly status: PrincipalStatus;
    /** Why: the evidence of enforcement, the escape, the exemption's reason, the lock-out, or what could not be verified. */
    readonly reason: string;
    readonly witness?: Witness;
    readonly fix?: string;
    /** The fix without the principal's name, shared by every principal that takes the same step (the page groups by it). */
    readonly fixSummary?: string;
    /** Users: the groups they are in. */
    readonly groups?: readonly string[];
    /** Roles: created and trusted by an AWS service. */
    readonly serviceLinked?: boolean;
    /**
     * Roles: who assumes it — `iam` (IAM principals: MFA belongs in its trust), or one whose sessions carry no MFA:
     * `identity-center`, `service-linked`, `service-chain`, `service`, `federated`.
     */
    readonly roleKind?: "identity-center" | "service-linked" | "service-chain" | "service" | "federated" | "iam";
    /** Users: from the credential report, when given. */
    readonly credentials?: Credentials;
    /** Further findings of the pack on this principal (e.g. a lock-out of a user that also escapes). */
    readonly notes?: readonly string[];
    /** Users and roles people assume: which sensitive-action groups it could use without fresh MFA. */
    readonly sensitiveActions?: SensitiveActionCoverage;
}

/** A principal against the sensitive-action groups: every group checked, and each one it gets through. */
export interface SensitiveActionCoverage {
    readonly groups: readonly string[];
    readonly gaps: readonly {
        readonly group: string;
        readonly maxMfaAgeSeconds: number;
        /** One action of the group it can use, and the request it gets through with. */
        readonly action: string;
        readonly mfaContext: string;
        /** Why the denies present fall short, as the pack says it. */
        readonly why: string;
    }[];
}

/**
 * The kind of root's MFA, from what AWS reports: `virtual-totp`, `hardware-totp`, `fido` (a security key or a
 * passkey); `not-virtual` when only the virtual MFA devices were given (no virtual device is root's); `none`, `unknown`.
 */
export type RootMfaType = "virtual-totp" | "hardware-totp" | "fido" | "not-virtual" | "none" | "unknown";

export interface RootMfaDeviceFacts {
    readonly serialNumber: string;
    readonly kind: "virtual-totp" | "hardware-totp" | "fido";
    readonly enableDate?: string;
    readonly certifications?: Readonly<Record<string, string>>;
}

export interface RootFacts {
    readonly arn?: string;
    /** Root has no password, access keys nor signing certificates (centralized root access): a pass. */
    readonly credentialsRemoved?: boolean;
    /** undefined without a credential report. */
    readonly mfaActive?: boolean;
    readonly mfaType: RootMfaType;
    readonly mfaDevices?: readonly RootMfaDeviceFacts[];
    readonly accessKeysPresent?: boolean;
    readonly accessKeys?: readonly AccessKey[];
    readonly passwordLastUsed?: string;
    readonly reason: string;
}

export type StatusCounts = Record<PrincipalStatus, number>;

export interface AuditSummary {
    readonly principals: number;
    readonly byStatus: StatusCounts;
    readonly byType: Record<PrincipalType, StatusCounts & { readonly total: number }>;
    readonly rootMfaActive?: boolean;
    /** Users and roles that can use an action of a sensitive-action group without fresh MFA. */
    readonly sensitiveActionGaps: number;
}

export interface AuditReport {
    readonly account?: string;
    readonly generatedAt: string;
    readonly enforcedGroupName: string;
    /** When the credential report was generated, if its JSON answer said so. */
    readonly credentialReportGeneratedAt?: string;
    readonly principals: readonly PrincipalVerdict[];
    readonly root: RootFacts;
    /** Findings on no principal: a managed policy that blocks enrollment, an exemption that names nobody. */
    readonly findings: readonly string[];
    readonly summary: AuditSummary;
}

export function emptyCounts(): StatusCounts {
    return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}
