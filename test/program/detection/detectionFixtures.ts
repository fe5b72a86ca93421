/** Resource types, arguments and checks shared by the detection component tests (MfaDetection, its trail, MfaConfigRules). */
import { expect } from "chai";
import { MfaDetection, MfaDetectionArgs } from "../../../program/detection/mfaDetection";
import { ACCOUNT, MockRegistry, REGION, settle } from "../pulumiMocks";

export const T = {
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    trail: "aws:cloudtrail/trail:Trail",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    rule: "aws:cfg/rule:Rule",
    recorder: "aws:cfg/recorder:Recorder",
    channel: "aws:cfg/deliveryChannel:DeliveryChannel",
    recorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
    eventRule: "aws:cloudwatch/eventRule:EventRule",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
};

export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`;

/** The audit bucket and its settings resources (auditBucket.ts). */
export const AUDIT_BUCKET_TYPES = [T.bucket, T.ownership, T.publicAccessBlock, T.versioning, T.encryption, T.lifecycle, T.bucketPolicy];

/** Switching off must leave the bucket, its contents and its settings in place; everything else is deleted. */
export function expectOnlyAuditBucketRetained(mocks: MockRegistry) {
    for (const type of AUDIT_BUCKET_TYPES) {
        expect(mocks.one(type).retainOnDelete, type).to.equal(true);
    }
    const others = mocks.resources.filter((r) => !AUDIT_BUCKET_TYPES.includes(r.type));
    expect(others).to.not.have.length(0);
    expect(others.filter((r) => r.retainOnDelete).map((r) => r.type)).to.deep.equal([]);
}

export function detectionArgs(overrides: Partial<MfaDetectionArgs> = {}): MfaDetectionArgs {
    return {
        accountId: ACCOUNT,
        region: REGION,
        cloudTrailLogGroupName: "org-cloudtrail",
        alarmEmails: ["security@example.com", "oncall@example.com"],
        metricNamespace: "ForceMfa",
        alarmPeriodSeconds: 300,
        topicName: "force-mfa-alerts",
        ...overrides,
    };
}

export async function deployDetection(mocks: MockRegistry, overrides: Partial<MfaDetectionArgs> = {}) {
    const detection = new MfaDetection("detection", detectionArgs(overrides));
    await settle([detection, ...detection.resources]);
    return detection;
}
