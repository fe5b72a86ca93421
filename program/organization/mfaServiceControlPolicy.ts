/**
 * The organization's MFA service control policy, built by a pure function. Attached to the root (or to OUs and
 * accounts), it denies every IAM user of every member account everything but MFA enrollment until the request
 * carries MFA — from the user's first request, whether or not the account's own stack has enrolled the user yet.
 *
 * SCP grammar (AWS Organizations, full IAM language): Version, Statement, Sid, Effect, Action / NotAction,
 * Resource / NotResource, Condition. No Principal element: who is denied is said with `aws:PrincipalArn` conditions.
 * An SCP never applies to the management account, nor to service-linked roles.
 */
import { enrollmentAllowList } from "../enforcement/forceMfaPolicyDocument";
import { actionsByAge, SensitiveActionGroup, staleOrAbsentMfa } from "../sensitiveActions/sensitiveActionDenies";

/** IAM users of any account, with or without a path. Roles, role sessions, the root user and federated users differ. */
export const IAM_USER_PRINCIPALS = "arn:aws:iam::*:user/*";

/** Actions that set or remove a tag, or create a principal with tags: the exemption tag's key is denied on them. */
export const TAGGING_ACTIONS = ["iam:TagUser", "iam:UntagUser", "iam:CreateUser", "iam:TagRole", "iam:UntagRole", "iam:CreateRole"] as const;

/** What would weaken the per-account enforcement: leaving the enforced group, or changing the ForceMFA policy. */
export const TAMPER_ACTIONS = [
    "iam:RemoveUserFromGroup",
    "iam:DeleteGroup",
    "iam:UpdateGroup",
    "iam:DetachGroupPolicy",
    "iam:DeletePolicy",
    "iam:CreatePolicyVersion",
    "iam:DeletePolicyVersion",
    "iam:SetDefaultPolicyVersion",
] as const;

export type ConditionValue = string | readonly string[];

export interface ScpStatement {
    readonly Sid: string;
    readonly Effect: "Deny";
    readonly Action?: readonly string[];
    readonly NotAction?: readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition: Readonly<Record<string, Readonly<Record<string, ConditionValue>>>>;
}

export interface ServiceControlPolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly ScpStatement[];
}

export interface MfaServiceControlPolicyOptions {
    /** As the per-account policy: a user forced to reset the password at first sign-in can do so before enrolling. */
    readonly allowPasswordChangeWithoutMfa: boolean;
    /** Users carrying this tag (any value; write the reason there) are not denied. Only deployer roles may set it. */
    readonly exemptionTagKey?: string;
    /**
     * IAM user ARNs (ArnLike patterns) that are not denied: a plain pattern for good, one with `expiresOn` through that
     * day (UTC) only — the policy itself ends it (aws:CurrentTime), whether or not the stack is deployed again.
     */
    readonly exemptUserArns: readonly ScpExemptUser[];
    /** Roles the infra team deploys through: the only principals allowed to tag the exemption key or tamper. */
    readonly deployerRoleArns: readonly string[];
    /** The per-account stacks' enforced group and ForceMFA policy, protected while deployer roles are configured. */
    readonly enforcedGroupName: string;
    readonly forceMfaPolicyName: string;
    /** Sensitive actions (stack config sensitiveActions): denied to the same users when their MFA is not fresh enough. */
    readonly sensitiveActionGroups?: readonly SensitiveActionGroup[];
}

/** An exempt user ARN pattern, and the last day its exemption counts (none: permanent). */
export type ScpExemptUser = string | { readonly arn: string; readonly expiresOn?: string };

function arnOf(exempt: ScpExemptUser): string {
    return typeof exempt === "string" ? exempt : exempt.arn;
}

function endOf(exempt: ScpExemptUser): string | undefined {
    return typeof exempt === "string" ? undefined : exempt.expiresOn;
}

/** The first moment an exemption no longer counts: midnight UTC after its last day. */
export function exemptionEndsAt(expiresOn: string): string {
    const next = new Date(`${expiresOn}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().replace(/\.\d{3}Z$/, "Z");
}

type Conditions = Record<string, Record<string, ConditionValue>>;

/**
 * The users the MFA denies apply to, as condition sets: first every user but the exempt (all patterns, dated ones
 * included), then one per expiry day for the patterns ending that day, from the moment they end — less the patterns
 * still exempt then (permanent ones, or ending later), so a user two patterns match keeps the longer exemption.
 */
function enforcedUserSets(exemptUserArns: readonly ScpExemptUser[], exemptionTagKey: string | undefined): { suffix: string; condition: Conditions }[] {
    // Null "true": the statement applies only while the principal has no such tag.
    const untagged: Conditions = exemptionTagKey !== undefined ? { Null: { [`aws:PrincipalTag/${exemptionTagKey}`]: "true" } } : {};
    const all = exemptUserArns.map(arnOf);
    const sets: { suffix: string; condition: Conditions }[] = [
        {
            suffix: "",
            condition: { ArnLike: { "aws:PrincipalArn": IAM_USER_PRINCIPALS }, ...(all.length > 0 ? { ArnNotLike: { "aws:PrincipalArn": all } } : {}), ...untagged },
        },
    ];
    const days = [...new Set(exemptUserArns.map(endOf).filter((d): d is string => d !== undefined))].sort();
    for (const day of days) {
        const ending = exemptUserArns.filter((e) => endOf(e) === day).map(arnOf);
        const stillExempt = exemptUserArns.filter((e) => endOf(e) === undefined || endOf(e)! > day).map(arnOf);
        sets.push({
            suffix: `ExemptionEnded${day.replace(/-/g, "")}`,
            condition: {
                ArnLike: { "aws:PrincipalArn": ending },
                ...(stillExempt.length > 0 ? { ArnNotLike: { "aws:PrincipalArn": stillExempt } } : {}),
                DateGreaterThanEquals: { "aws:CurrentTime": exemptionEndsAt(day) },
                ...untagged,
            },
        });
    }
    return sets;
}

/** Who may do what the protections deny: the deployer roles, whatever their session. */
function exceptDeployers(deployerRoleArns: readonly string[]): Record<string, Record<string, ConditionValue>> {
    return deployerRoleArns.length > 0 ? { ArnNotLike: { "aws:PrincipalArn": [...deployerRoleArns] } } : {};
}

export function mfaServiceControlPolicy(options: MfaServiceControlPolicyOptions): ServiceControlPolicyDocument {
    const { exemptionTagKey, exemptUserArns, deployerRoleArns } = options;
    const [everyoneButExempt, ...endedExemptions] = enforcedUserSets(exemptUserArns, exemptionTagKey);
    const withoutMfa = ({ suffix, condition }: { suffix: string; condition: Conditions }): ScpStatement => ({
        Sid: `DenyIamUsersWithoutMfa${suffix}`,
        Effect: "Deny",
        NotAction: enrollmentAllowList(options.allowPasswordChangeWithoutMfa),
        Resource: "*",
        Condition: {
            // IfExists: requests signed with long-term access keys carry no MFA key at all, and are denied too.
            BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
            ...condition,
        },
    });
    const statements: ScpStatement[] = [
        withoutMfa(everyoneButExempt),
        // Absent MFA is the statement above's; IfExists makes these refuse it as well.
        ...actionsByAge(options.sensitiveActionGroups ?? []).map(
            ({ maxMfaAgeSeconds, actions }): ScpStatement => ({
                Sid: `DenyIamUsersSensitiveActionsMfaOlderThan${maxMfaAgeSeconds}s`,
                Effect: "Deny",
                Action: actions,
                Resource: "*",
                Condition: { ...staleOrAbsentMfa(maxMfaAgeSeconds), ...everyoneButExempt.condition },
            }),
        ),
        // An ended exemption gets the deny without MFA alone: repeating the sensitive actions' lists per expiry day
        // would overrun the SCP's 5,120 characters (the default set alone is about 3,500). Their freshness applies
        // to the user from the next deploy, which leaves the pattern out.
        ...endedExemptions.map(withoutMfa),
    ];
    if (exemptionTagKey !== undefined) {
        statements.push({
            Sid: "ProtectMfaExemptionTag",
            Effect: "Deny",
            Action: [...TAGGING_ACTIONS],
            Resource: "*",
            Condition: {
                // IAM tag keys are unique regardless of case, and so is the aws:PrincipalTag lookup: compare alike.
                "ForAnyValue:StringEqualsIgnoreCase": { "aws:TagKeys": [exemptionTagKey] },
                ...exceptDeployers(deployerRoleArns),
            },
        });
    }
    if (deployerRoleArns.length > 0) {
        statements.push({
            Sid: "ProtectMfaEnforcement",
            Effect: "Deny",
            Action: [...TAMPER_ACTIONS],
            Resource: [`arn:aws:iam::*:group/${options.enforcedGroupName}`, `arn:aws:iam::*:policy/${options.forceMfaPolicyName}`],
            Condition: exceptDeployers(deployerRoleArns),
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** The text sent to AWS: no whitespace, since every character sent counts against the size limit. */
export function serviceControlPolicyText(document: ServiceControlPolicyDocument): string {
    return JSON.stringify(document);
}
