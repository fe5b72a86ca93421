/**
 * The IAM documents of the enrollment window: the suspension group's deny of everything, and the job's role, which
 * reads the account and writes only what the window's actions need — each write scoped to its resource. Built from
 * plain strings (account, region, names) so that every document is known during preview.
 */
import { TopicKey, topicKeyStatement } from "../aws/alertTopic";
import { writeOwnLogsStatement } from "../aws/lambdaRole";
import { FLAGGED_TAG } from "./enrollmentWrites";

/** The suspension group's default, defined once in the account library (the audit reads members of it as suspended). */
export { DEFAULT_SUSPENDED_GROUP_NAME } from "../../account";

/** Where the job writes in the audit bucket (its day records and the account audit reports). */
export const REPORT_PREFIX = "force-mfa/";

/**
 * The suspension group's policy: every action on every resource is denied — enrollment included, because a suspended
 * user's password or keys are exactly what an attacker may hold, and enrolling a device of their own would hand them
 * the account.
 */
export function suspendedGroupPolicyDocument() {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "DenyEverythingWhileSuspended", Effect: "Deny", Action: "*", Resource: "*" }],
    };
}

export interface JobRoleScope {
    readonly accountId: string;
    readonly region: string;
    readonly suspendedGroupName: string;
    readonly topicArn: string;
    /** The topic's KMS key (alertTopic.ts). */
    readonly topicKey: TopicKey;
    readonly auditBucketName: string;
    readonly functionName: string;
}

/** The job's permissions. IAM writes: the flag tag on users, adding to the suspension group, deactivating keys. */
export function jobRolePolicyDocument(scope: JobRoleScope) {
    const users = `arn:aws:iam::${scope.accountId}:user/*`;
    const bucket = `arn:aws:s3:::${scope.auditBucketName}`;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                // These actions support no resource-level permissions.
                Sid: "ReadTheAccount",
                Effect: "Allow",
                Action: ["iam:GenerateCredentialReport", "iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails", "iam:ListVirtualMFADevices"],
                Resource: "*",
            },
            { Sid: "ReadUsersDevicesTagsAndKeys", Effect: "Allow", Action: ["iam:ListMFADevices", "iam:ListUserTags", "iam:ListAccessKeys"], Resource: users },
            {
                Sid: "FlagUsers",
                Effect: "Allow",
                Action: "iam:TagUser",
                Resource: users,
                Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": [FLAGGED_TAG] }, Null: { "aws:TagKeys": "false" } },
            },
            {
                Sid: "SuspendIntoTheGroup",
                Effect: "Allow",
                Action: "iam:AddUserToGroup",
                Resource: `arn:aws:iam::${scope.accountId}:group/${scope.suspendedGroupName}`,
            },
            { Sid: "DeactivateSuspendedKeys", Effect: "Allow", Action: "iam:UpdateAccessKey", Resource: users },
            { Sid: "Announce", Effect: "Allow", Action: "sns:Publish", Resource: scope.topicArn },
            topicKeyStatement(scope),
            { Sid: "WriteReports", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${bucket}/${REPORT_PREFIX}*` },
            // Without it, reading today's record before it exists is AccessDenied instead of NoSuchKey.
            { Sid: "TellMissingRecords", Effect: "Allow", Action: "s3:ListBucket", Resource: bucket },
            writeOwnLogsStatement(scope),
        ],
    };
}
