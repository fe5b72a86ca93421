/**
 * The multi-region trail MfaDetection may create to feed its log group: log-file validation on, delivery to CloudWatch
 * Logs (a log group and a role CloudTrail assumes to write to it) and to a private, encrypted, versioned bucket
 * (auditBucket.ts). Its documents are built from plain strings so that they are known during preview.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketArn, createAuditBucket, PolicyStatement } from "../aws/auditBucket";
import { serviceTrustDocument } from "./serviceTrust";

export interface TrailSettings {
    /** Trail name; the trail ARN is derived from it so the bucket policy is known at preview. */
    name: string;
    /** Name of the bucket receiving the log files (must be globally unique); known during preview. */
    bucketName: pulumi.Input<string>;
    /** Name of the CloudWatch Logs group the trail delivers to; the metric filter watches it. */
    logGroupName: string;
    /** Retention of the log group, in days. */
    logRetentionDays: number;
    /** Days after which noncurrent log-file versions expire. */
    noncurrentVersionExpirationDays: number;
}

export function trailArn(region: string, accountId: string, trailName: string): string {
    return `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`;
}

/** The statements CloudTrail needs on its bucket, scoped to this trail by aws:SourceArn. */
export function trailBucketStatements(bucketName: string, accountId: string, sourceTrailArn: string): PolicyStatement[] {
    const arn = bucketArn(bucketName);
    return [
        {
            Sid: "CloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: arn,
            Condition: { StringEquals: { "aws:SourceArn": sourceTrailArn } },
        },
        {
            Sid: "CloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${arn}/AWSLogs/${accountId}/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": sourceTrailArn } },
        },
    ];
}

export function cloudTrailLogsWriteDocument(region: string, accountId: string, logGroupName: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CloudTrailWritesLogStreams",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}:log-stream:*`,
            },
        ],
    };
}

export interface TrailContext {
    accountId: pulumi.Input<string>;
    region: pulumi.Input<string>;
    tags?: Record<string, string>;
}

/**
 * Registers the trail, its log group, role and bucket as children of `component` (named after `name`), each passed to
 * `track`. The metric filter depends on the returned log group.
 */
export function createMfaTrail(
    name: string,
    t: TrailSettings,
    ctx: TrailContext,
    component: pulumi.ComponentResource,
    track: <T extends pulumi.Resource>(r: T) => T,
): { logGroup: aws.cloudwatch.LogGroup; trail: aws.cloudtrail.Trail } {
    const parent = { parent: component };
    const logGroup = track(
        new aws.cloudwatch.LogGroup(`${name}-trail-logs`, { name: t.logGroupName, retentionInDays: t.logRetentionDays, tags: ctx.tags }, parent),
    );
    const role = track(
        new aws.iam.Role(
            `${name}-trail-logs-role`,
            {
                description: "Lets CloudTrail deliver the force-mfa trail to CloudWatch Logs",
                assumeRolePolicy: pulumi.output(ctx.accountId).apply((id) => JSON.stringify(serviceTrustDocument("cloudtrail.amazonaws.com", id))),
                tags: ctx.tags,
            },
            parent,
        ),
    );
    const rolePolicy = track(
        new aws.iam.RolePolicy(
            `${name}-trail-logs-write`,
            {
                role: role.id,
                policy: pulumi
                    .all([ctx.region, ctx.accountId])
                    .apply(([region, id]) => JSON.stringify(cloudTrailLogsWriteDocument(region, id, t.logGroupName))),
            },
            parent,
        ),
    );
    const trailBucket = createAuditBucket(
        `${name}-trail-bucket`,
        {
            bucketName: t.bucketName,
            noncurrentVersionExpirationDays: t.noncurrentVersionExpirationDays,
            serviceStatements: pulumi
                .all([t.bucketName, ctx.accountId, ctx.region])
                .apply(([bucketName, id, region]) => trailBucketStatements(bucketName, id, trailArn(region, id, t.name))),
            tags: ctx.tags,
        },
        component,
    );
    Object.values(trailBucket).forEach((r) => track(r));
    const trail = track(
        new aws.cloudtrail.Trail(
            `${name}-trail`,
            {
                name: t.name,
                s3BucketName: t.bucketName,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                enableLogging: true,
                cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
                cloudWatchLogsRoleArn: role.arn,
                tags: ctx.tags,
            },
            // CloudTrail checks the bucket policy and the role's access to the log group at creation.
            { parent: component, dependsOn: [trailBucket.policy, rolePolicy] },
        ),
    );
    return { logGroup, trail };
}
