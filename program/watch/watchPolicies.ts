/**
 * The IAM documents of the watch, built from plain strings (account, region, names) so every one is known during
 * preview: the function's role (reads only what a judgement needs; writes only its state table, its queue's
 * messages, the alert topic and its logs — no IAM write at all, but in enforce mode adding users to the enforced group), the queue's policy (the watch's rules only), and
 * the role EventBridge uses in us-east-1 to forward IAM's events to the stack's region.
 */
import { TopicKey, topicKeyStatement } from "../aws/alertTopic";
import { writeOwnLogsStatement } from "../aws/lambdaRole";

export interface WatchRoleScope {
    readonly accountId: string;
    readonly region: string;
    readonly functionName: string;
    readonly queueArn: string;
    readonly tableArn: string;
    readonly topicArn: string;
    readonly topicKey: TopicKey;
    /** In enforce mode, the enforced group: the one group the function may add users to. */
    readonly enrollInto?: string;
}

/** The IAM reads of accountReader.ts, each on the resources it names. */
export const WATCH_IAM_READS = {
    user: ["iam:GetUser", "iam:ListGroupsForUser", "iam:ListUserPolicies", "iam:GetUserPolicy", "iam:ListAttachedUserPolicies"],
    group: ["iam:GetGroup", "iam:ListGroupPolicies", "iam:GetGroupPolicy", "iam:ListAttachedGroupPolicies"],
    role: ["iam:GetRole"],
    policy: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListEntitiesForPolicy"],
} as const;

export function watchRolePolicyDocument(scope: WatchRoleScope) {
    const iam = (kind: string) => `arn:aws:iam::${scope.accountId}:${kind}/*`;
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadUsers", Effect: "Allow", Action: [...WATCH_IAM_READS.user], Resource: iam("user") },
            { Sid: "ReadGroups", Effect: "Allow", Action: [...WATCH_IAM_READS.group], Resource: iam("group") },
            { Sid: "ReadRoles", Effect: "Allow", Action: [...WATCH_IAM_READS.role], Resource: iam("role") },
            // AWS managed policies (AdministratorAccess, ...) are read like the account's own.
            { Sid: "ReadPolicies", Effect: "Allow", Action: [...WATCH_IAM_READS.policy], Resource: [iam("policy"), "arn:aws:iam::aws:policy/*"] },
            { Sid: "ConsumeTheQueue", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: scope.queueArn },
            { Sid: "KeepVerdicts", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], Resource: scope.tableArn },
            { Sid: "Alert", Effect: "Allow", Action: "sns:Publish", Resource: scope.topicArn },
            topicKeyStatement(scope),
            writeOwnLogsStatement(scope),
            // enforce mode's only write: a new user into the enforced group, at whatever path the group has.
            ...(scope.enrollInto
                ? [
                      {
                          Sid: "EnrollNewUsers",
                          Effect: "Allow",
                          Action: "iam:AddUserToGroup",
                          Resource: [`arn:aws:iam::${scope.accountId}:group/${scope.enrollInto}`, `arn:aws:iam::${scope.accountId}:group/*/${scope.enrollInto}`],
                      },
                  ]
                : []),
        ],
    };
}

/** Only the watch's own rule (in the stack's region) may send to its queue. */
export function watchQueuePolicyDocument(queueArn: string, ruleArn: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "TheWatchRuleSends",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sqs:SendMessage",
                Resource: queueArn,
                Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
            },
        ],
    };
}

/** EventBridge, for this account's rules only, assumes the forwarding role. */
export function forwarderTrustDocument(accountId: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}

/** Forwarding puts events on the stack region's default bus, and nowhere else. */
export function forwarderPolicyDocument(busArn: string) {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "ForwardToTheStackRegion", Effect: "Allow", Action: "events:PutEvents", Resource: busArn }],
    };
}
