/**
 * IamChangeWatch: every IAM change of the account re-judged as it happens. CloudTrail's IAM events reach EventBridge
 * in us-east-1; in a stack of another region, a rule there forwards them (with a role allowed only PutEvents on the
 * stack region's default bus), so everything else lives next to the alert topic: a rule → an encrypted SQS queue that
 * gathers a burst (batching window) and retries (then a dead-letter queue, with an alarm on the topic) → the
 * function (the account library's judgement, bundled) → the DynamoDB table of last verdicts → the alert topic.
 * Every document is built from plain names, so all of it is known during preview.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { TopicKey } from "../aws/alertTopic";
import { bundleLambda, LAMBDA_HANDLER, LAMBDA_RUNTIME, lambdaArchive } from "../aws/lambdaBundle";
import { jobExemption } from "../aws/lambdaSettings";
import { lambdaTrustDocument } from "../aws/lambdaRole";
import { resourceTracker } from "../resourceTracker";
import { encodeWatchSettings, WATCH_SETTINGS_VARIABLE, WatchExemption, WatchJobSettings } from "./handler/watchSettings";
import { IAM_EVENTS_REGION, iamChangePattern } from "./watchedEvents";
import { forwarderPolicyDocument, forwarderTrustDocument, watchQueuePolicyDocument, watchRolePolicyDocument } from "./watchPolicies";
import { WatchSettings } from "./watchConfig";

export const WATCH_ENTRY = path.join(__dirname, "handler", "handler.ts");

/** The function's limit: a large batch is a few hundred principals, each a handful of IAM reads. */
export const WATCH_TIMEOUT_SECONDS = 300;
/** Lambda's guidance for an SQS source: the queue's visibility timeout at least six times the function's. */
export const WATCH_VISIBILITY_SECONDS = 6 * WATCH_TIMEOUT_SECONDS;
/** Deliveries of a message before it goes to the dead-letter queue. */
export const WATCH_MAX_RECEIVES = 5;
/** At most this many messages per invocation (a burst of a large `pulumi up`). */
export const WATCH_BATCH_SIZE = 1000;
/** Two invocations at a time at most (the least SQS allows): IAM's request rate is the limit, not Lambda's. */
export const WATCH_MAX_CONCURRENCY = 2;

export interface IamChangeWatchArgs {
    readonly accountId: string;
    readonly region: string;
    readonly settings: WatchSettings;
    readonly topicArn: string;
    readonly topicKey: TopicKey;
    readonly enforcedGroupName: string;
    readonly exemptions: readonly WatchExemption[];
    /** Resources the function must follow (the topic and its key). */
    readonly dependsOn?: pulumi.Resource[];
    readonly tags?: Record<string, string>;
}

export function watchSettingsOf(args: Pick<IamChangeWatchArgs, "settings" | "topicArn" | "enforcedGroupName" | "exemptions">): WatchJobSettings {
    return {
        topicArn: args.topicArn,
        tableName: args.settings.name,
        enforcedGroupName: args.enforcedGroupName,
        mode: args.settings.mode,
        exemptions: args.exemptions.map(jobExemption),
    };
}

export class IamChangeWatch extends pulumi.ComponentResource {
    public readonly function: aws.lambda.Function;
    public readonly role: aws.iam.Role;
    public readonly queue: aws.sqs.Queue;
    public readonly deadLetterQueue: aws.sqs.Queue;
    public readonly table: aws.dynamodb.Table;
    /** The rule in the stack's region that feeds the queue. */
    public readonly rule: aws.cloudwatch.EventRule;
    /** The us-east-1 rule forwarding IAM's events, when the stack is in another region. */
    public readonly forwarder?: aws.cloudwatch.EventRule;
    public readonly code: string;
    /** Every resource this component registered, for tests. */
    public readonly resources: pulumi.Resource[] = [];

    constructor(name: string, args: IamChangeWatchArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:watch:IamChangeWatch", name, {}, opts);
        const parent = { parent: this };
        const track = resourceTracker(this.resources);
        const { settings, tags, accountId, region } = args;
        const resourceName = settings.name;
        this.code = bundleLambda(WATCH_ENTRY);

        this.table = track(
            new aws.dynamodb.Table(
                `${name}-verdicts`,
                {
                    name: resourceName,
                    billingMode: "PAY_PER_REQUEST",
                    hashKey: "principal",
                    attributes: [{ name: "principal", type: "S" }],
                    serverSideEncryption: { enabled: true },
                    pointInTimeRecovery: { enabled: true },
                    tags,
                },
                parent,
            ),
        );

        this.deadLetterQueue = track(
            new aws.sqs.Queue(`${name}-dead-letters`, { name: `${resourceName}-dead-letters`, sqsManagedSseEnabled: true, messageRetentionSeconds: 1_209_600, tags }, parent),
        );
        this.queue = track(
            new aws.sqs.Queue(
                `${name}-queue`,
                {
                    name: resourceName,
                    sqsManagedSseEnabled: true,
                    visibilityTimeoutSeconds: WATCH_VISIBILITY_SECONDS,
                    messageRetentionSeconds: 345_600,
                    redrivePolicy: this.deadLetterQueue.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: WATCH_MAX_RECEIVES })),
                    tags,
                },
                parent,
            ),
        );

        // The rule in the stack's region: IAM's own events when the stack is in us-east-1, else the forwarded ones.
        const pattern = JSON.stringify(iamChangePattern());
        this.rule = track(new aws.cloudwatch.EventRule(`${name}-rule`, { name: resourceName, description: "force-mfa watch: IAM changes to re-judge", eventPattern: pattern, tags }, parent));
        const ruleArn = `arn:aws:events:${region}:${accountId}:rule/${resourceName}`;
        const queuePolicy = track(
            new aws.sqs.QueuePolicy(`${name}-queue-policy`, { queueUrl: this.queue.url, policy: this.queue.arn.apply((arn) => JSON.stringify(watchQueuePolicyDocument(arn, ruleArn))) }, parent),
        );
        track(new aws.cloudwatch.EventTarget(`${name}-rule-target`, { rule: this.rule.name, arn: this.queue.arn }, { parent: this, dependsOn: [queuePolicy] }));

        if (region !== IAM_EVENTS_REGION) {
            // The same per-resource `region` of the stack's provider, so the forwarder needs no second provider.
            const busArn = `arn:aws:events:${region}:${accountId}:event-bus/default`;
            const forwarderRole = track(
                new aws.iam.Role(`${name}-forwarder-role`, { name: `${resourceName}-forwarder`, assumeRolePolicy: JSON.stringify(forwarderTrustDocument(accountId)), tags }, parent),
            );
            const forwarderPolicy = track(
                new aws.iam.RolePolicy(`${name}-forwarder-policy`, { role: forwarderRole.name, name: "ForwardIamEvents", policy: JSON.stringify(forwarderPolicyDocument(busArn)) }, parent),
            );
            this.forwarder = track(
                new aws.cloudwatch.EventRule(
                    `${name}-forwarder`,
                    { region: IAM_EVENTS_REGION, name: `${resourceName}-forwarder`, description: `force-mfa watch: IAM changes forwarded to ${region}`, eventPattern: pattern, tags },
                    parent,
                ),
            );
            track(
                new aws.cloudwatch.EventTarget(
                    `${name}-forwarder-target`,
                    { region: IAM_EVENTS_REGION, rule: this.forwarder.name, arn: busArn, roleArn: forwarderRole.arn },
                    { parent: this, dependsOn: [forwarderPolicy] },
                ),
            );
        }

        const logGroup = track(new aws.cloudwatch.LogGroup(`${name}-logs`, { name: `/aws/lambda/${resourceName}`, retentionInDays: settings.logRetentionDays, tags }, parent));
        this.role = track(new aws.iam.Role(`${name}-role`, { name: resourceName, assumeRolePolicy: JSON.stringify(lambdaTrustDocument()), tags }, parent));
        const rolePolicy = track(
            new aws.iam.RolePolicy(
                `${name}-role-policy`,
                {
                    role: this.role.name,
                    name: "IamChangeWatch",
                    policy: pulumi.all([this.queue.arn, this.table.arn]).apply(([queueArn, tableArn]) =>
                        JSON.stringify(
                            watchRolePolicyDocument({
                                accountId,
                                region,
                                functionName: resourceName,
                                queueArn,
                                tableArn,
                                topicArn: args.topicArn,
                                topicKey: args.topicKey,
                                ...(settings.mode === "enforce" ? { enrollInto: args.enforcedGroupName } : {}),
                            }),
                        ),
                    ),
                },
                parent,
            ),
        );
        this.function = track(
            new aws.lambda.Function(
                `${name}-function`,
                {
                    name: resourceName,
                    description: "force-mfa watch: re-judges the principals each IAM change affects, alerts on a new escape or lock-out",
                    runtime: LAMBDA_RUNTIME,
                    handler: LAMBDA_HANDLER,
                    // The evaluator reads the pack's compiled action catalog next to its code.
                    code: lambdaArchive(this.code),
                    role: this.role.arn,
                    timeout: WATCH_TIMEOUT_SECONDS,
                    memorySize: 1024,
                    environment: { variables: { [WATCH_SETTINGS_VARIABLE]: encodeWatchSettings(watchSettingsOf(args)) } },
                    tags,
                },
                { parent: this, dependsOn: [logGroup, rolePolicy, ...(args.dependsOn ?? [])] },
            ),
        );
        track(
            new aws.lambda.EventSourceMapping(
                `${name}-source`,
                {
                    eventSourceArn: this.queue.arn,
                    functionName: this.function.arn,
                    batchSize: WATCH_BATCH_SIZE,
                    maximumBatchingWindowInSeconds: settings.batchWindowSeconds,
                    functionResponseTypes: ["ReportBatchItemFailures"],
                    scalingConfig: { maximumConcurrency: WATCH_MAX_CONCURRENCY },
                },
                { parent: this, dependsOn: [rolePolicy] },
            ),
        );
        // A message the function could not handle after every retry is a change nobody judged: that is an alert too.
        track(
            new aws.cloudwatch.MetricAlarm(
                `${name}-dead-letters-alarm`,
                {
                    name: `${resourceName}-dead-letters`,
                    alarmDescription: `force-mfa watch: IAM changes the watch could not judge are in ${resourceName}-dead-letters; read them, fix the cause, and redrive them`,
                    namespace: "AWS/SQS",
                    metricName: "ApproximateNumberOfMessagesVisible",
                    dimensions: { QueueName: this.deadLetterQueue.name },
                    statistic: "Maximum",
                    period: 300,
                    evaluationPeriods: 1,
                    threshold: 0,
                    comparisonOperator: "GreaterThanThreshold",
                    treatMissingData: "notBreaching",
                    alarmActions: [args.topicArn],
                    tags,
                },
                { parent: this, dependsOn: args.dependsOn ?? [] },
            ),
        );
        this.registerOutputs({ functionName: this.function.name, queueUrl: this.queue.url, tableName: this.table.name });
    }
}
