/**
 * MfaConfigRules: AWS Config managed rules that re-check MFA and group membership continuously — catching drift the
 * deploy-time enrollment cannot (a user created by hand tomorrow is outside the enforced group until the next
 * `pulumi up`) — and an EventBridge rule sending every NON_COMPLIANT verdict of these rules to the alert topic.
 *
 * Trigger types (AWS Config managed-rule reference):
 *   IAM_USER_MFA_ENABLED, MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS, ROOT_ACCOUNT_HARDWARE_MFA_ENABLED — periodic: they get
 *     `maximumExecutionFrequency` (daily by default);
 *   IAM_USER_GROUP_MEMBERSHIP_CHECK — configuration changes on AWS::IAM::User: evaluated whenever the recorder sees a
 *     user change. AWS rejects a maximum execution frequency on a change-triggered managed rule, so none is set.
 *
 * Optionally (`createRecorder`) the component creates the account's configuration recorder — recording only the IAM
 * resource types these rules read, to keep the per-configuration-item cost small — with its role (AWS managed policy
 * AWS_ConfigRole), a delivery channel to a private encrypted bucket, and the recorder status (enabled). An account
 * allows one recorder per region: leave `createRecorder` off where one exists.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketArn, createAuditBucket, PolicyStatement } from "../aws/auditBucket";
import { serviceTrustDocument } from "./serviceTrust";
import { resourceTracker } from "../resourceTracker";

export const CONFIG_ROLE_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole";

export const EXECUTION_FREQUENCIES = ["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"] as const;
export type ExecutionFrequency = (typeof EXECUTION_FREQUENCIES)[number];

/** IAM types the recorder records when this program creates it. IAM types are global; recorded in this region only. */
export const RECORDED_RESOURCE_TYPES = ["AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Policy", "AWS::IAM::Role"];

export interface ManagedRuleSpec {
    /** Suffix of the rule name. */
    key: string;
    identifier: string;
    periodic: boolean;
    description: string;
}

export const MFA_RULES: readonly ManagedRuleSpec[] = [
    { key: "iam-user-mfa-enabled", identifier: "IAM_USER_MFA_ENABLED", periodic: true, description: "Every IAM user has MFA enabled." },
    {
        key: "mfa-enabled-for-console-access",
        identifier: "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS",
        periodic: true,
        description: "Every IAM user with a console password has MFA enabled.",
    },
    {
        key: "root-hardware-mfa",
        identifier: "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED",
        periodic: true,
        description: "The root user signs in with a hardware MFA device.",
    },
    {
        key: "user-in-enforced-group",
        identifier: "IAM_USER_GROUP_MEMBERSHIP_CHECK",
        periodic: false,
        description: "Every IAM user is a member of the MFA-enforced group.",
    },
];

export interface RecorderSettings {
    /** Delivery bucket name (globally unique); known during preview. */
    bucketName: pulumi.Input<string>;
    noncurrentVersionExpirationDays: number;
}

export interface MfaConfigRulesArgs {
    accountId: pulumi.Input<string>;
    /** Name prefix of the rules (e.g. "force-mfa"). */
    namePrefix: string;
    /** The enforced group: parameter `groupNames` of IAM_USER_GROUP_MEMBERSHIP_CHECK. */
    enforcedGroupName: string;
    /** Periodic rules run at least this often. */
    maximumExecutionFrequency: ExecutionFrequency;
    /** The alert topic (MfaDetection.topicArn). */
    topicArn: pulumi.Input<string>;
    /** Create the configuration recorder, its role, delivery channel and bucket. */
    recorder?: RecorderSettings;
    tags?: Record<string, string>;
}

export function ruleName(namePrefix: string, spec: ManagedRuleSpec): string {
    return `${namePrefix}-${spec.key}`;
}

/** The EventBridge pattern: a compliance change of one of these rules to NON_COMPLIANT. */
export function complianceChangePattern(ruleNames: string[]) {
    return {
        source: ["aws.config"],
        "detail-type": ["Config Rules Compliance Change"],
        detail: {
            messageType: ["ComplianceChangeNotification"],
            configRuleName: ruleNames,
            newEvaluationResult: { complianceType: ["NON_COMPLIANT"] },
        },
    };
}

/** The statements AWS Config needs on its delivery bucket, scoped to this account by aws:SourceAccount. */
export function configBucketStatements(bucketName: string, accountId: string): PolicyStatement[] {
    const arn = bucketArn(bucketName);
    const fromThisAccount = { StringEquals: { "aws:SourceAccount": accountId } };
    return [
        {
            Sid: "ConfigBucketPermissionsCheck",
            Effect: "Allow",
            Principal: { Service: "config.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: arn,
            Condition: fromThisAccount,
        },
        {
            Sid: "ConfigBucketExistenceCheck",
            Effect: "Allow",
            Principal: { Service: "config.amazonaws.com" },
            Action: "s3:ListBucket",
            Resource: arn,
            Condition: fromThisAccount,
        },
        {
            Sid: "ConfigBucketDelivery",
            Effect: "Allow",
            Principal: { Service: "config.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${arn}/AWSLogs/${accountId}/Config/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": accountId } },
        },
    ];
}

/**
 * The recorder role's own S3 permissions. AWS Config writes to the bucket by assuming the role it was given (the
 * managed AWS_ConfigRole grants only the read APIs it records with), so the role needs them as well as the bucket
 * policy's service-principal grants above.
 */
export function configDeliveryRoleDocument(bucketName: string, accountId: string) {
    const arn = bucketArn(bucketName);
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ConfigChecksBucket", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: arn },
            {
                Sid: "ConfigDelivers",
                Effect: "Allow",
                Action: "s3:PutObject",
                Resource: `${arn}/AWSLogs/${accountId}/Config/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
        ],
    };
}

export class MfaConfigRules extends pulumi.ComponentResource {
    public readonly rules: aws.cfg.Rule[] = [];
    public readonly eventRule: aws.cloudwatch.EventRule;
    public readonly recorder?: aws.cfg.Recorder;
    public readonly resources: pulumi.Resource[] = [];

    constructor(name: string, args: MfaConfigRulesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:detection:MfaConfigRules", name, {}, opts);
        const parent = { parent: this };
        const track = resourceTracker(this.resources);

        let ruleDependencies: pulumi.Resource[] = [];
        if (args.recorder) {
            const settings = args.recorder;
            const role = track(
                new aws.iam.Role(
                    `${name}-recorder-role`,
                    {
                        description: "AWS Config recorder of the force-mfa program",
                        assumeRolePolicy: pulumi.output(args.accountId).apply((id) => JSON.stringify(serviceTrustDocument("config.amazonaws.com", id))),
                        tags: args.tags,
                    },
                    parent,
                ),
            );
            const rolePolicy = track(
                new aws.iam.RolePolicyAttachment(`${name}-recorder-role-policy`, { role: role.name, policyArn: CONFIG_ROLE_POLICY_ARN }, parent),
            );
            const deliveryPolicy = track(
                new aws.iam.RolePolicy(
                    `${name}-recorder-delivery`,
                    {
                        role: role.id,
                        policy: pulumi
                            .all([settings.bucketName, args.accountId])
                            .apply(([bucketName, id]) => JSON.stringify(configDeliveryRoleDocument(bucketName, id))),
                    },
                    parent,
                ),
            );
            const bucket = createAuditBucket(
                `${name}-delivery-bucket`,
                {
                    bucketName: settings.bucketName,
                    noncurrentVersionExpirationDays: settings.noncurrentVersionExpirationDays,
                    serviceStatements: pulumi
                        .all([settings.bucketName, args.accountId])
                        .apply(([bucketName, id]) => configBucketStatements(bucketName, id)),
                    tags: args.tags,
                },
                this,
            );
            Object.values(bucket).forEach((r) => track(r));
            const recorder = track(
                new aws.cfg.Recorder(
                    `${name}-recorder`,
                    {
                        name: "default",
                        roleArn: role.arn,
                        recordingGroup: {
                            allSupported: false,
                            includeGlobalResourceTypes: false,
                            recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }],
                            resourceTypes: RECORDED_RESOURCE_TYPES,
                        },
                    },
                    { parent: this, dependsOn: [rolePolicy] },
                ),
            );
            this.recorder = recorder;
            const channel = track(
                new aws.cfg.DeliveryChannel(
                    `${name}-delivery-channel`,
                    { name: "default", s3BucketName: settings.bucketName, snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" } },
                    // Config checks the bucket policy when the channel is created, and needs a recorder first.
                    { parent: this, dependsOn: [recorder, bucket.policy, deliveryPolicy] },
                ),
            );
            const status = track(
                new aws.cfg.RecorderStatus(`${name}-recorder-status`, { name: recorder.name, isEnabled: true }, { parent: this, dependsOn: [channel] }),
            );
            ruleDependencies = [recorder, channel, status];
        }

        for (const spec of MFA_RULES) {
            this.rules.push(
                track(
                    new aws.cfg.Rule(
                        `${name}-${spec.key}`,
                        {
                            name: ruleName(args.namePrefix, spec),
                            description: spec.description,
                            source: { owner: "AWS", sourceIdentifier: spec.identifier },
                            ...(spec.periodic ? { maximumExecutionFrequency: args.maximumExecutionFrequency } : { scope: { complianceResourceTypes: ["AWS::IAM::User"] } }),
                            ...(spec.identifier === "IAM_USER_GROUP_MEMBERSHIP_CHECK"
                                ? { inputParameters: JSON.stringify({ groupNames: args.enforcedGroupName }) }
                                : {}),
                            tags: args.tags,
                        },
                        // A rule needs a recorder; when this program creates it, the rule waits for it to be running.
                        { parent: this, dependsOn: ruleDependencies },
                    ),
                ),
            );
        }

        const ruleNames = MFA_RULES.map((spec) => ruleName(args.namePrefix, spec));
        this.eventRule = track(
            new aws.cloudwatch.EventRule(
                `${name}-noncompliant`,
                {
                    name: `${args.namePrefix}-mfa-noncompliant`,
                    description: "AWS Config MFA rules turned NON_COMPLIANT",
                    eventPattern: JSON.stringify(complianceChangePattern(ruleNames)),
                    tags: args.tags,
                },
                parent,
            ),
        );
        track(
            new aws.cloudwatch.EventTarget(
                `${name}-noncompliant-to-topic`,
                { rule: this.eventRule.name, arn: args.topicArn, targetId: "alert-topic" },
                parent,
            ),
        );
        this.registerOutputs({ ruleNames, eventRuleArn: this.eventRule.arn });
    }
}
