/**
 * CloudTrail records of IAM calls as EventBridge delivers them ("AWS API Call via CloudTrail", shaped as the
 * CloudTrail record contents and the EventBridge event structure are documented), one sample of request parameters
 * for every watched call, wrapped in the SQS message the watch's queue hands the function.
 */
import { WatchedEventName } from "../../program/watch/watchedEvents";
import { ACCOUNT, FORCE_MFA_ARN } from "./watchFakeAws";

export const CALLER = `arn:aws:iam::${ACCOUNT}:user/mallory`;

/** Request parameters of each watched call, as CloudTrail records them. */
export const SAMPLE_PARAMETERS: Record<WatchedEventName, Record<string, unknown>> = {
    CreateUser: { userName: "alice", path: "/" },
    DeleteUser: { userName: "alice" },
    UpdateUser: { userName: "alice", newUserName: "alice2" },
    PutUserPermissionsBoundary: { userName: "alice", permissionsBoundary: FORCE_MFA_ARN },
    DeleteUserPermissionsBoundary: { userName: "alice" },
    PutUserPolicy: { userName: "alice", policyName: "inline", policyDocument: "{}" },
    DeleteUserPolicy: { userName: "alice", policyName: "inline" },
    AttachUserPolicy: { userName: "alice", policyArn: FORCE_MFA_ARN },
    DetachUserPolicy: { userName: "alice", policyArn: FORCE_MFA_ARN },
    AddUserToGroup: { userName: "alice", groupName: "mfa-enforced" },
    RemoveUserFromGroup: { userName: "alice", groupName: "mfa-enforced" },
    CreateLoginProfile: { userName: "alice", passwordResetRequired: true },
    UpdateLoginProfile: { userName: "alice", passwordResetRequired: false },
    DeleteLoginProfile: { userName: "alice" },
    CreateAccessKey: { userName: "alice" },
    UpdateAccessKey: { userName: "alice", accessKeyId: "AKIAEXAMPLE", status: "Active" },
    DeleteAccessKey: { userName: "alice", accessKeyId: "AKIAEXAMPLE" },
    DeactivateMFADevice: { userName: "alice", serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice` },
    UpdateGroup: { groupName: "mfa-enforced", newPath: "/people/" },
    PutGroupPolicy: { groupName: "mfa-enforced", policyName: "inline", policyDocument: "{}" },
    DeleteGroupPolicy: { groupName: "mfa-enforced", policyName: "inline" },
    AttachGroupPolicy: { groupName: "mfa-enforced", policyArn: FORCE_MFA_ARN },
    DetachGroupPolicy: { groupName: "mfa-enforced", policyArn: FORCE_MFA_ARN },
    CreatePolicyVersion: { policyArn: FORCE_MFA_ARN, policyDocument: "{}", setAsDefault: true },
    SetDefaultPolicyVersion: { policyArn: FORCE_MFA_ARN, versionId: "v2" },
    CreateRole: { roleName: "deploy", assumeRolePolicyDocument: "{}" },
    DeleteRole: { roleName: "deploy" },
    UpdateAssumeRolePolicy: { roleName: "deploy", policyDocument: "{}" },
    PutRolePermissionsBoundary: { roleName: "deploy", permissionsBoundary: FORCE_MFA_ARN },
    DeleteRolePermissionsBoundary: { roleName: "deploy" },
    PutRolePolicy: { roleName: "deploy", policyName: "inline", policyDocument: "{}" },
    DeleteRolePolicy: { roleName: "deploy", policyName: "inline" },
    AttachRolePolicy: { roleName: "deploy", policyArn: FORCE_MFA_ARN },
    DetachRolePolicy: { roleName: "deploy", policyArn: FORCE_MFA_ARN },
};

let sequence = 0;

/** The CloudTrail record of one IAM call. */
export function cloudTrailRecord(eventName: string, requestParameters: Record<string, unknown> | null, extra: Record<string, unknown> = {}) {
    sequence++;
    return {
        eventVersion: "1.09",
        userIdentity: { type: "IAMUser", principalId: "AIDAMALLORY", arn: CALLER, accountId: ACCOUNT, accessKeyId: "ASIAEXAMPLE", userName: "mallory" },
        eventTime: `2026-12-07T10:${String(Math.floor(sequence / 60) % 60).padStart(2, "0")}:${String(sequence % 60).padStart(2, "0")}Z`,
        eventSource: "iam.amazonaws.com",
        eventName,
        awsRegion: "us-east-1",
        sourceIPAddress: "203.0.113.7",
        userAgent: "aws-cli/2.22.0",
        requestParameters,
        responseElements: null,
        requestID: `req-${sequence}`,
        eventID: `evt-${sequence}`,
        readOnly: false,
        eventType: "AwsApiCall",
        managementEvent: true,
        recipientAccountId: ACCOUNT,
        eventCategory: "Management",
        ...extra,
    };
}

/** The EventBridge event of a CloudTrail record. */
export function eventBridgeEvent(detail: Record<string, unknown>) {
    return {
        version: "0",
        id: `eb-${detail.eventID}`,
        "detail-type": "AWS API Call via CloudTrail",
        source: "aws.iam",
        account: ACCOUNT,
        time: detail.eventTime,
        region: "us-east-1",
        resources: [],
        detail,
    };
}

/** The SQS message the queue hands the function. */
export function sqsRecord(detail: Record<string, unknown>, messageId = `msg-${detail.eventID}`) {
    return { messageId, body: JSON.stringify(eventBridgeEvent(detail)) };
}

export function iamCall(eventName: WatchedEventName, parameters: Record<string, unknown> = SAMPLE_PARAMETERS[eventName], extra: Record<string, unknown> = {}) {
    return sqsRecord(cloudTrailRecord(eventName, parameters, extra));
}
