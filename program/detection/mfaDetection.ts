/**
 * MfaDetection: an alarm on every console sign-in of an IAM user without MFA (CIS AWS Foundations, "console sign-in
 * without MFA" metric filter on the CloudTrail log group), and the encrypted SNS topic that carries it and the AWS
 * Config findings of configRules.ts to the configured e-mail addresses.
 *
 * Optionally the component also creates the multi-region trail that feeds the log group (cloudTrail.ts).
 *
 * Every policy document here is built from plain strings (names, account id, region) so that it is known during
 * preview.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createMfaTrail, TrailSettings } from "./cloudTrail";
import { resourceTracker } from "../resourceTracker";

export type { TrailSettings } from "./cloudTrail";

/** CIS AWS Foundations Benchmark: console sign-in of an IAM user that succeeded without MFA. */
export const CONSOLE_SIGNIN_WITHOUT_MFA_PATTERN =
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }';

export const CONSOLE_SIGNIN_WITHOUT_MFA_METRIC = "ConsoleSignInWithoutMfa";

export interface MfaDetectionArgs {
    accountId: pulumi.Input<string>;
    region: pulumi.Input<string>;
    /** Existing CloudTrail log group (multi-region trail delivering to CloudWatch Logs in this region). Ignored when `trail` is set. */
    cloudTrailLogGroupName?: string;
    /** Create the trail, its bucket and its log group. */
    trail?: TrailSettings;
    /** E-mail addresses subscribed to the alert topic (each must confirm the subscription). */
    alarmEmails: string[];
    /** CloudWatch metric namespace of the sign-in metric. */
    metricNamespace: string;
    /** Alarm period in seconds (any sign-in without MFA in one period raises the alarm). */
    alarmPeriodSeconds: number;
    /** Name of the SNS topic. */
    topicName: string;
    /**
     * A customer managed KMS key for the topic. Unset: the component creates one. The AWS managed key alias/aws/sns is
     * NOT usable: its key policy cannot be changed and does not let CloudWatch alarms or EventBridge use the key, so
     * their publications to the topic would fail silently. A configured key must grant cloudwatch.amazonaws.com and
     * events.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.
     */
    kmsKeyArn?: string;
    tags?: Record<string, string>;
}

/**
 * Key policy of the topic's key: the account administers it; CloudWatch alarms and EventBridge may use it to publish.
 *
 * CloudWatch only on behalf of this account (`aws:SourceAccount`): without it, the service could be made to use the
 * key for another account's alarms (confused deputy). EventBridge gets no such condition on purpose: the SNS developer
 * guide states that aws:SourceAccount and aws:SourceArn in a KMS key policy are not supported for EventBridge-to-
 * encrypted-topic delivery, so the condition would silently drop every Config finding. Its publishing stays limited by
 * the topic policy (aws:SourceArn: this account's rules).
 */
export function topicKeyPolicyDocument(accountId: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministersKey",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                Sid: "ThisAccountsAlarmsUseKey",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
            {
                Sid: "EventBridgeUsesKey",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            },
        ],
    };
}

/** Topic policy: only this account's CloudWatch alarms and EventBridge rules may publish. */
export function topicPolicyDocument(topicArn: string, accountId: string, region: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CloudWatchAlarmsPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${region}:${accountId}:alarm:*` } },
            },
            {
                Sid: "EventBridgeRulesPublish",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { ArnLike: { "aws:SourceArn": `arn:aws:events:${region}:${accountId}:rule/*` } },
            },
        ],
    };
}

export class MfaDetection extends pulumi.ComponentResource {
    public readonly topic: aws.sns.Topic;
    public readonly topicArn: pulumi.Output<string>;
    public readonly logGroupName: string;
    public readonly metricFilter: aws.cloudwatch.LogMetricFilter;
    public readonly alarm: aws.cloudwatch.MetricAlarm;
    public readonly trail?: aws.cloudtrail.Trail;
    /** Every resource this component registered, for tests and for callers that need to wait on them. */
    public readonly resources: pulumi.Resource[] = [];

    constructor(name: string, args: MfaDetectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:detection:MfaDetection", name, {}, opts);
        const parent = { parent: this };
        const track = resourceTracker(this.resources);
        if (!args.trail && !args.cloudTrailLogGroupName) {
            throw new Error("MfaDetection: either a CloudTrail log group name or trail settings are required");
        }

        // --- Alert topic, encrypted with a customer managed key (see kmsKeyArn above for why not alias/aws/sns).
        let kmsKeyArn: pulumi.Input<string>;
        if (args.kmsKeyArn) {
            kmsKeyArn = args.kmsKeyArn;
        } else {
            const key = track(
                new aws.kms.Key(
                    `${name}-topic-key`,
                    {
                        description: "Encrypts the force-mfa alert topic; usable by CloudWatch alarms and EventBridge",
                        enableKeyRotation: true,
                        deletionWindowInDays: 30,
                        policy: pulumi.output(args.accountId).apply((id) => JSON.stringify(topicKeyPolicyDocument(id))),
                        tags: args.tags,
                    },
                    parent,
                ),
            );
            track(new aws.kms.Alias(`${name}-topic-key-alias`, { name: `alias/${args.topicName}`, targetKeyId: key.keyId }, parent));
            kmsKeyArn = key.arn;
        }
        this.topic = track(new aws.sns.Topic(`${name}-topic`, { name: args.topicName, kmsMasterKeyId: kmsKeyArn, tags: args.tags }, parent));
        this.topicArn = this.topic.arn;
        // The topic ARN is derived from its name so the policy is a known string during preview.
        const knownTopicArn = pulumi.interpolate`arn:aws:sns:${args.region}:${args.accountId}:${args.topicName}`;
        track(
            new aws.sns.TopicPolicy(
                `${name}-topic-policy`,
                {
                    arn: this.topic.arn,
                    policy: pulumi
                        .all([knownTopicArn, args.accountId, args.region])
                        .apply(([arn, id, region]) => JSON.stringify(topicPolicyDocument(arn, id, region))),
                },
                parent,
            ),
        );
        // Named by address, not position: reordering the list must not replace subscriptions (each replacement sends
        // a new confirmation mail, and an unconfirmed subscription cannot be deleted through the API).
        for (const email of args.alarmEmails) {
            track(new aws.sns.TopicSubscription(`${name}-email-${email}`, { topic: this.topic.arn, protocol: "email", endpoint: email }, parent));
        }

        // --- Optional trail feeding the log group.
        let logGroupDependency: pulumi.Resource[] = [];
        if (args.trail) {
            this.logGroupName = args.trail.logGroupName;
            const created = createMfaTrail(name, args.trail, args, this, track);
            logGroupDependency = [created.logGroup];
            this.trail = created.trail;
        } else {
            this.logGroupName = args.cloudTrailLogGroupName as string;
        }
        // --- Metric filter and alarm.
        this.metricFilter = track(
            new aws.cloudwatch.LogMetricFilter(
                `${name}-console-signin-without-mfa`,
                {
                    name: CONSOLE_SIGNIN_WITHOUT_MFA_METRIC,
                    logGroupName: this.logGroupName,
                    pattern: CONSOLE_SIGNIN_WITHOUT_MFA_PATTERN,
                    metricTransformation: { name: CONSOLE_SIGNIN_WITHOUT_MFA_METRIC, namespace: args.metricNamespace, value: "1" },
                },
                { parent: this, dependsOn: logGroupDependency },
            ),
        );
        this.alarm = track(
            new aws.cloudwatch.MetricAlarm(
                `${name}-console-signin-without-mfa-alarm`,
                {
                    name: `${args.topicName}-console-signin-without-mfa`,
                    alarmDescription:
                        "An IAM user signed in to the AWS console without MFA (CloudTrail ConsoleLogin, MFAUsed != Yes). " +
                        "Check the user's MFA device and the sign-in's source.",
                    namespace: args.metricNamespace,
                    metricName: CONSOLE_SIGNIN_WITHOUT_MFA_METRIC,
                    statistic: "Sum",
                    period: args.alarmPeriodSeconds,
                    evaluationPeriods: 1,
                    threshold: 1,
                    comparisonOperator: "GreaterThanOrEqualToThreshold",
                    treatMissingData: "notBreaching",
                    alarmActions: [this.topic.arn],
                    tags: args.tags,
                },
                { parent: this, dependsOn: [this.metricFilter] },
            ),
        );

        this.registerOutputs({ topicArn: this.topicArn, logGroupName: this.logGroupName, alarmName: this.alarm.name });
    }
}
