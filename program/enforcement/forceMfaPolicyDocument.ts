/**
 * The ForceMFA managed policy, built by a pure function. It fixes the gaps of the policy in common circulation:
 * users can enable the device they create (the seed-era policy never allowed iam:EnableMFADevice), devices may have
 * any name (`mfa/*`), users with a path (`user/eng/alice`) are covered, and the deny uses `BoolIfExists` so requests
 * signed with long-term access keys (MFA key absent) are denied too.
 */

import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../account";
import { SensitiveActionGroup, sensitiveActionDenyStatements } from "../sensitiveActions/sensitiveActionDenies";

export const CHANGE_PASSWORD_ACTION = "iam:ChangePassword";

/**
 * Actions allowed without MFA, so a user can set up MFA; everything else is denied until MFA is present. The pack's
 * default allow-list (what its evaluator accepts) less the password change, which allowPasswordChangeWithoutMfa adds.
 */
export const ENROLLMENT_ACTIONS: readonly string[] = DEFAULT_ENROLLMENT_ALLOW_LIST.filter((action) => action !== CHANGE_PASSWORD_ACTION);

export const DEFAULT_MAX_MFA_AGE_SECONDS = 43200;

export interface ForceMfaPolicyOptions {
    /** A user forced to reset the password at first sign-in is otherwise locked out before enrolling. */
    readonly allowPasswordChangeWithoutMfa: boolean;
    /** Requests whose MFA is older than this are denied, so a stolen session dies. */
    readonly maxMfaAgeSeconds: number;
    /** Actions that need fresher MFA (sensitiveActions): denied when the MFA is older than their group's limit. */
    readonly sensitiveActionGroups?: readonly SensitiveActionGroup[];
}

export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action?: string | readonly string[];
    readonly NotAction?: readonly string[];
    readonly Resource?: string | readonly string[];
    readonly NotResource?: string | readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

// `${aws:username}` must reach AWS literally, so these are plain strings, never template literals.
const OWN_USER = ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"];

/** The actions the deny exempts: enrollment, plus changing one's own password unless switched off. */
/** Enrollment actions whose resource is a user: without MFA, allowed on one's own user only. */
const OWN_USER_ACTIONS: ReadonlySet<string> = new Set(["iam:EnableMFADevice", "iam:GetMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser", CHANGE_PASSWORD_ACTION]);

export function enrollmentAllowList(allowPasswordChangeWithoutMfa: boolean): string[] {
    return allowPasswordChangeWithoutMfa ? [...ENROLLMENT_ACTIONS, CHANGE_PASSWORD_ACTION] : [...ENROLLMENT_ACTIONS];
}

export function forceMfaPolicyDocument(options: ForceMfaPolicyOptions): PolicyDocument {
    const { maxMfaAgeSeconds } = options;
    if (!Number.isInteger(maxMfaAgeSeconds) || maxMfaAgeSeconds < 900 || maxMfaAgeSeconds > 129600) {
        throw new RangeError(`maxMfaAgeSeconds must be an integer from 900 to 129600, got ${maxMfaAgeSeconds}`);
    }
    const withoutMfa = enrollmentAllowList(options.allowPasswordChangeWithoutMfa);
    const onOwnUserOnly = withoutMfa.filter((action) => OWN_USER_ACTIONS.has(action));
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AllowViewAccountInfoForSetUp",
                Effect: "Allow",
                Action: ["iam:GetAccountSummary", "iam:ListVirtualMFADevices", "iam:GetAccountPasswordPolicy"],
                Resource: "*",
            },
            {
                // STS needs no Allow for GetSessionToken (it authenticates the MFA); stated so an evaluator agrees.
                Sid: "AllowGetSessionToken",
                Effect: "Allow",
                Action: "sts:GetSessionToken",
                Resource: "*",
            },
            {
                Sid: "AllowCreateVirtualMfaDevice",
                Effect: "Allow",
                Action: "iam:CreateVirtualMFADevice",
                Resource: "arn:aws:iam::*:mfa/*",
            },
            {
                Sid: "AllowEnrollOwnMfaDevice",
                Effect: "Allow",
                Action: ["iam:EnableMFADevice", "iam:GetMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser"],
                Resource: OWN_USER,
            },
            {
                // Allowed here; whether it works without MFA is decided by the deny's NotAction below.
                Sid: "AllowChangeOwnPassword",
                Effect: "Allow",
                Action: CHANGE_PASSWORD_ACTION,
                Resource: OWN_USER,
            },
            {
                // Removing one's own device is allowed only with MFA, so a stolen password cannot strip it.
                Sid: "AllowDeactivateOwnMfaDeviceWithMfa",
                Effect: "Allow",
                Action: "iam:DeactivateMFADevice",
                Resource: OWN_USER,
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
            },
            {
                Sid: "DenyAllExceptEnrollmentWithoutMfa",
                Effect: "Deny",
                NotAction: withoutMfa,
                Resource: "*",
                Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
            },
            {
                // The deny above exempts the enrollment actions on every user; without MFA they may only touch one's
                // own user, so an administrator's password alone cannot enrol a device (or reset a password) for
                // someone else.
                Sid: "DenyEnrollmentOnOtherUsersWithoutMfa",
                Effect: "Deny",
                Action: onOwnUserOnly,
                NotResource: OWN_USER,
                Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
            },
            {
                // Absent age (no MFA) is the statement above; this one ends sessions whose MFA has grown old.
                Sid: "DenyAllExceptEnrollmentWithStaleMfa",
                Effect: "Deny",
                NotAction: withoutMfa,
                Resource: "*",
                Condition: { NumericGreaterThan: { "aws:MultiFactorAuthAge": String(maxMfaAgeSeconds) } },
            },
            {
                Sid: "DenyEnrollmentOnOtherUsersWithStaleMfa",
                Effect: "Deny",
                Action: onOwnUserOnly,
                NotResource: OWN_USER,
                Condition: { NumericGreaterThan: { "aws:MultiFactorAuthAge": String(maxMfaAgeSeconds) } },
            },
            // Never an enrollment action (the config refuses them), so enrollment stays as above.
            ...sensitiveActionDenyStatements(options.sensitiveActionGroups ?? []),
        ],
    };
}
