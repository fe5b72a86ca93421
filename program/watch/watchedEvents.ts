/**
 * The CloudTrail IAM events the watch re-judges on, derived from what the evaluator reads: each kind of IAM input the
 * pack's graph takes (IAM_TYPES: users, groups, roles, managed policies, inline policies, attachments, memberships,
 * login profiles, exclusive sets) and the credentials the account audit reports beside each user (access keys, MFA
 * devices) maps to the API calls that change it. The mapped type makes a kind the evaluator gains a compile error
 * here until its events are listed; the rule's list is the union, never typed a second time.
 *
 * Calls that change no principal's verdict are left out on purpose, so they never wake the function: CreateGroup
 * (no members yet), DeleteGroup and DeletePolicy (refused by IAM while anything is attached or a member),
 * CreatePolicy (attached to nobody yet), DeletePolicyVersion (the default version cannot be deleted) and
 * DeleteVirtualMFADevice (refused while the device is assigned: DeactivateMFADevice comes first, and is watched).
 */
import { IAM_TYPES } from "../../account";

/** Who an event affects, read from its request parameters (watch/handler/eventPrincipals.ts). */
export type Affects = "user" | "renamedUser" | "groupMembers" | "renamedGroup" | "policyHolders" | "role";

/** Every watched call and whom it affects: the handler's one table of event names. */
export const EVENT_AFFECTS = {
    CreateUser: "user",
    DeleteUser: "user",
    UpdateUser: "renamedUser",
    PutUserPermissionsBoundary: "user",
    DeleteUserPermissionsBoundary: "user",
    PutUserPolicy: "user",
    DeleteUserPolicy: "user",
    AttachUserPolicy: "user",
    DetachUserPolicy: "user",
    AddUserToGroup: "user",
    RemoveUserFromGroup: "user",
    CreateLoginProfile: "user",
    UpdateLoginProfile: "user",
    DeleteLoginProfile: "user",
    CreateAccessKey: "user",
    UpdateAccessKey: "user",
    DeleteAccessKey: "user",
    DeactivateMFADevice: "user",
    UpdateGroup: "renamedGroup",
    PutGroupPolicy: "groupMembers",
    DeleteGroupPolicy: "groupMembers",
    AttachGroupPolicy: "groupMembers",
    DetachGroupPolicy: "groupMembers",
    CreatePolicyVersion: "policyHolders",
    SetDefaultPolicyVersion: "policyHolders",
    CreateRole: "role",
    DeleteRole: "role",
    UpdateAssumeRolePolicy: "role",
    PutRolePermissionsBoundary: "role",
    DeleteRolePermissionsBoundary: "role",
    PutRolePolicy: "role",
    DeleteRolePolicy: "role",
    AttachRolePolicy: "role",
    DetachRolePolicy: "role",
} as const satisfies Record<string, Affects>;

export type WatchedEventName = keyof typeof EVENT_AFFECTS;

/** The evaluator's kinds of input, and the credentials the audit reads beside each user. */
export type InputKind = keyof typeof IAM_TYPES | "accessKey" | "mfaDevice";

const USER_POLICY_LINKS = ["AttachUserPolicy", "DetachUserPolicy"] as const;
const GROUP_POLICY_LINKS = ["AttachGroupPolicy", "DetachGroupPolicy"] as const;
const ROLE_POLICY_LINKS = ["AttachRolePolicy", "DetachRolePolicy"] as const;
const MEMBERSHIP = ["AddUserToGroup", "RemoveUserFromGroup"] as const;

/** For each kind of input, the calls that change it. */
export const EVENTS_BY_INPUT: { readonly [K in InputKind]: readonly WatchedEventName[] } = {
    user: ["CreateUser", "DeleteUser", "UpdateUser", "PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary"],
    group: ["UpdateGroup"],
    role: ["CreateRole", "DeleteRole", "UpdateAssumeRolePolicy", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary"],
    policy: ["CreatePolicyVersion", "SetDefaultPolicyVersion"],
    groupPolicy: ["PutGroupPolicy", "DeleteGroupPolicy"],
    userPolicy: ["PutUserPolicy", "DeleteUserPolicy"],
    rolePolicy: ["PutRolePolicy", "DeleteRolePolicy"],
    groupPolicyAttachment: GROUP_POLICY_LINKS,
    userPolicyAttachment: USER_POLICY_LINKS,
    rolePolicyAttachment: ROLE_POLICY_LINKS,
    policyAttachment: [...USER_POLICY_LINKS, ...GROUP_POLICY_LINKS, ...ROLE_POLICY_LINKS],
    groupMembership: MEMBERSHIP,
    userGroupMembership: MEMBERSHIP,
    userLoginProfile: ["CreateLoginProfile", "UpdateLoginProfile", "DeleteLoginProfile"],
    groupPolicyAttachmentsExclusive: GROUP_POLICY_LINKS,
    groupPoliciesExclusive: ["PutGroupPolicy", "DeleteGroupPolicy"],
    userPolicyAttachmentsExclusive: USER_POLICY_LINKS,
    userPoliciesExclusive: ["PutUserPolicy", "DeleteUserPolicy"],
    accessKey: ["CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey"],
    mfaDevice: ["DeactivateMFADevice"],
};

/** The rule's event names: every call of every kind of input, once, sorted. */
export const WATCHED_EVENTS: readonly WatchedEventName[] = [...new Set(Object.values(EVENTS_BY_INPUT).flat())].sort();

export function isWatchedEvent(name: string): name is WatchedEventName {
    return Object.prototype.hasOwnProperty.call(EVENT_AFFECTS, name);
}

/**
 * The EventBridge pattern: CloudTrail's record of each watched IAM call that succeeded (a refused call changes
 * nothing). IAM is global and CloudTrail delivers its events to EventBridge in us-east-1.
 */
export function iamChangePattern() {
    return {
        source: ["aws.iam"],
        "detail-type": ["AWS API Call via CloudTrail"],
        detail: { eventSource: ["iam.amazonaws.com"], eventName: [...WATCHED_EVENTS], errorCode: [{ exists: false }] },
    };
}

/** The region CloudTrail delivers IAM's events to EventBridge in. */
export const IAM_EVENTS_REGION = "us-east-1";
