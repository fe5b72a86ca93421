/**
 * EnrollmentWindowJob: the daily Lambda function that reminds, flags and suspends users who never enroll, run by an
 * EventBridge schedule with a role scoped to what it touches; the suspension group and its deny of everything; the
 * audit bucket the job keeps its records and the account audit reports in (created, or an existing one reused).
 * Every document is built from plain names, so all of it is known during preview.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAuditBucket } from "../aws/auditBucket";
import { EnrollmentWindowSettings } from "./enrollmentWindowConfig";
import { WindowExemption } from "./decisionTable";
import { encodeJobSettings, JobSettings, SETTINGS_VARIABLE } from "./job/jobSettings";
import { lambdaArchive } from "../aws/lambdaBundle";
import { buildJobBundle, JOB_HANDLER, JOB_RUNTIME } from "./jobBundle";
import { lambdaTrustDocument } from "../aws/lambdaRole";
import { JobRoleScope, jobRolePolicyDocument, suspendedGroupPolicyDocument } from "./jobPolicies";
import { resourceTracker } from "../resourceTracker";

export interface EnrollmentWindowJobArgs {
    readonly accountId: string;
    readonly region: string;
    readonly settings: EnrollmentWindowSettings;
    /** The stack's exemptions: these users are never reminded, flagged or suspended. */
    readonly exemptions: readonly WindowExemption[];
    /** The alert topic (detection's), built from its name so it is known during preview. */
    readonly topicArn: string;
    readonly topicKey: JobRoleScope["topicKey"];
    /** The bucket name: `auditBucketName`, or derived from account and region. */
    readonly auditBucketName: string;
    /** The stack's enforced group, named in the account audit report. */
    readonly enforcedGroupName: string;
    /** Resources the function must follow (the topic and its key). */
    readonly dependsOn?: pulumi.Resource[];
    readonly tags?: Record<string, string>;
}

export function defaultAuditBucketName(accountId: string, region: string): string {
    return `force-mfa-audit-${accountId}-${region}`;
}

/** The job's settings as the function receives them. */
export function jobSettingsOf(args: Pick<EnrollmentWindowJobArgs, "settings" | "exemptions" | "topicArn" | "auditBucketName" | "enforcedGroupName">): JobSettings {
    const { settings } = args;
    return {
        mode: settings.mode,
        thresholds: { remindAfterDays: settings.remindAfterDays, flagAfterDays: settings.flagAfterDays, suspendAfterDays: settings.suspendAfterDays },
        exemptions: args.exemptions.map((e) => ({ name: e.name, reason: e.reason, ...(e.expiresOn ? { expiresOn: e.expiresOn } : {}) })),
        suspendedGroupName: settings.suspendedGroupName,
        topicArn: args.topicArn,
        auditBucketName: args.auditBucketName,
        enforcedGroupName: args.enforcedGroupName,
    };
}

export class EnrollmentWindowJob extends pulumi.ComponentResource {
    public readonly suspendedGroup: aws.iam.Group;
    public readonly role: aws.iam.Role;
    public readonly function: aws.lambda.Function;
    public readonly schedule: aws.cloudwatch.EventRule;
    public readonly auditBucketName: string;
    /** The function's code: the job's bundle. */
    public readonly code: string;
    /** Every resource this component registered, for tests. */
    public readonly resources: pulumi.Resource[] = [];

    constructor(name: string, args: EnrollmentWindowJobArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:compliance:EnrollmentWindowJob", name, {}, opts);
        const parent = { parent: this };
        const track = resourceTracker(this.resources);
        const { settings, tags } = args;
        this.auditBucketName = args.auditBucketName;
        this.code = buildJobBundle();

        // Its members are the job's to add and an administrator's to remove: no GroupMembership here, or every
        // `pulumi up` would reinstate whoever the job suspended.
        this.suspendedGroup = track(new aws.iam.Group(`${name}-suspended-group`, { name: settings.suspendedGroupName, path: "/" }, parent));
        track(
            new aws.iam.GroupPolicy(
                `${name}-suspended-deny-all`,
                { group: this.suspendedGroup.name, name: "DenyEverythingWhileSuspended", policy: JSON.stringify(suspendedGroupPolicyDocument()) },
                parent,
            ),
        );

        if (settings.createAuditBucket) {
            const bucket = createAuditBucket(
                `${name}-audit-bucket`,
                { bucketName: args.auditBucketName, serviceStatements: [], noncurrentVersionExpirationDays: 365, tags },
                this,
            );
            this.resources.push(...Object.values(bucket));
        }

        const logGroup = track(
            new aws.cloudwatch.LogGroup(`${name}-logs`, { name: `/aws/lambda/${settings.functionName}`, retentionInDays: settings.logRetentionDays, tags }, parent),
        );
        this.role = track(
            new aws.iam.Role(`${name}-role`, { name: settings.functionName, assumeRolePolicy: JSON.stringify(lambdaTrustDocument()), tags }, parent),
        );
        const scope: JobRoleScope = {
            accountId: args.accountId,
            region: args.region,
            suspendedGroupName: settings.suspendedGroupName,
            topicArn: args.topicArn,
            topicKey: args.topicKey,
            auditBucketName: args.auditBucketName,
            functionName: settings.functionName,
        };
        const rolePolicy = track(
            new aws.iam.RolePolicy(`${name}-role-policy`, { role: this.role.name, name: "EnrollmentWindow", policy: JSON.stringify(jobRolePolicyDocument(scope)) }, parent),
        );

        this.function = track(
            new aws.lambda.Function(
                `${name}-function`,
                {
                    name: settings.functionName,
                    description: "force-mfa enrollment window: reminds, flags and suspends IAM users who never enroll an MFA device",
                    runtime: JOB_RUNTIME,
                    handler: JOB_HANDLER,
                    // The account audit's evaluator reads the pack's compiled catalog and resource templates next to its code.
                    code: lambdaArchive(this.code),
                    role: this.role.arn,
                    // The account audit evaluates every principal against the whole action catalog.
                    timeout: 900,
                    memorySize: 1024,
                    environment: { variables: { [SETTINGS_VARIABLE]: encodeJobSettings(jobSettingsOf(args)) } },
                    tags,
                },
                { parent: this, dependsOn: [logGroup, rolePolicy, this.suspendedGroup, ...(args.dependsOn ?? [])] },
            ),
        );

        this.schedule = track(
            new aws.cloudwatch.EventRule(
                `${name}-schedule`,
                { name: settings.functionName, description: "Daily run of the force-mfa enrollment window", scheduleExpression: settings.schedule, tags },
                parent,
            ),
        );
        track(
            new aws.lambda.Permission(
                `${name}-invoke`,
                { action: "lambda:InvokeFunction", function: this.function.name, principal: "events.amazonaws.com", sourceArn: this.schedule.arn },
                parent,
            ),
        );
        track(new aws.cloudwatch.EventTarget(`${name}-target`, { rule: this.schedule.name, arn: this.function.arn }, parent));
        this.registerOutputs({ functionName: this.function.name, auditBucketName: this.auditBucketName });
    }
}
