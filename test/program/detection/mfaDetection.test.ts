/**
 * Detection: the console sign-in alarm (MfaDetection) under mocks — every resource and setting, with and without the
 * optional trail and key.
 */
import { expect } from "chai";
import { CONSOLE_SIGNIN_WITHOUT_MFA_PATTERN, MfaDetection, MfaDetectionArgs } from "../../../program/detection/mfaDetection";
import { ACCOUNT, installMocks, MockRegistry, parseJson, REGION, settle, urnOf } from "../pulumiMocks";
import { expectOnlyAuditBucketRetained, T, TOPIC_ARN } from "./detectionFixtures";

function detectionArgs(overrides: Partial<MfaDetectionArgs> = {}): MfaDetectionArgs {
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

async function deployDetection(mocks: MockRegistry, overrides: Partial<MfaDetectionArgs> = {}) {
    const detection = new MfaDetection("detection", detectionArgs(overrides));
    await settle([detection, ...detection.resources]);
    return detection;
}

describe("MfaDetection (console sign-in without MFA)", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks();
    });

    describe("on an existing CloudTrail log group", () => {
        it("filters the log group with exactly the CIS pattern into a metric", async () => {
            await deployDetection(mocks);
            const filter = mocks.one(T.filter);
            expect(filter.inputs.logGroupName).to.equal("org-cloudtrail");
            expect(filter.inputs.pattern).to.equal(
                '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
            );
            expect(CONSOLE_SIGNIN_WITHOUT_MFA_PATTERN).to.equal(filter.inputs.pattern);
            expect(filter.inputs.metricTransformation).to.deep.include({ name: "ConsoleSignInWithoutMfa", namespace: "ForceMfa", value: "1" });
        });

        it("alarms on any occurrence: Sum >= 1 over one period, missing data not breaching, to the topic", async () => {
            await deployDetection(mocks);
            const alarm = mocks.one(T.alarm);
            expect(alarm.inputs).to.deep.include({
                namespace: "ForceMfa",
                metricName: "ConsoleSignInWithoutMfa",
                statistic: "Sum",
                period: 300,
                evaluationPeriods: 1,
                threshold: 1,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                treatMissingData: "notBreaching",
            });
            expect(alarm.inputs.alarmActions).to.deep.equal([TOPIC_ARN]);
        });

        it("encrypts the topic with a rotated customer managed key that CloudWatch and EventBridge may use (alias/aws/sns would not let them)", async () => {
            await deployDetection(mocks);
            const key = mocks.one(T.key);
            expect(key.inputs.enableKeyRotation).to.equal(true);
            const policy = parseJson(key.inputs.policy);
            const admin = policy.Statement.find((s: any) => s.Principal?.AWS);
            expect(admin.Principal.AWS).to.equal(`arn:aws:iam::${ACCOUNT}:root`);
            const byService = Object.fromEntries(policy.Statement.filter((s: any) => s.Principal?.Service).map((s: any) => [s.Principal.Service, s]));
            expect(Object.keys(byService)).to.have.members(["cloudwatch.amazonaws.com", "events.amazonaws.com"]);
            for (const use of Object.values<any>(byService)) {
                expect(use.Effect).to.equal("Allow");
                expect(use.Action).to.have.members(["kms:Decrypt", "kms:GenerateDataKey*"]);
            }
            // Confused deputy: CloudWatch may use the key only for this account's alarms.
            expect(byService["cloudwatch.amazonaws.com"].Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": ACCOUNT } });
            // Not for EventBridge: SNS does not support aws:SourceAccount / aws:SourceArn in the key policy for
            // EventBridge-to-encrypted-topic delivery; the condition would drop every Config finding.
            expect(byService["events.amazonaws.com"].Condition).to.equal(undefined);
            expect(policy.Statement).to.have.length(3);
            const topic = mocks.one(T.topic);
            expect(topic.inputs.name).to.equal("force-mfa-alerts");
            expect(topic.inputs.kmsMasterKeyId).to.equal(`arn:aws:kms:${REGION}:${ACCOUNT}:key/detection-topic-key`);
            expect(topic.inputs.kmsMasterKeyId).to.not.equal("alias/aws/sns");
            expect(mocks.one(T.alias).inputs.name).to.equal("alias/force-mfa-alerts");
        });

        it("uses a configured key instead of creating one", async () => {
            const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
            await deployDetection(mocks, { kmsKeyArn: keyArn });
            expect(mocks.ofType(T.key)).to.have.length(0);
            expect(mocks.ofType(T.alias)).to.have.length(0);
            expect(mocks.one(T.topic).inputs.kmsMasterKeyId).to.equal(keyArn);
        });

        it("lets only this account's CloudWatch alarms and EventBridge rules publish to the topic", async () => {
            await deployDetection(mocks);
            const topicPolicy = mocks.one(T.topicPolicy);
            expect(topicPolicy.inputs.arn).to.equal(TOPIC_ARN);
            const doc = parseJson(topicPolicy.inputs.policy);
            expect(doc.Statement).to.have.length(2);
            const byService = Object.fromEntries(doc.Statement.map((s: any) => [s.Principal.Service, s]));
            expect(byService["cloudwatch.amazonaws.com"]).to.deep.include({ Effect: "Allow", Action: "sns:Publish", Resource: TOPIC_ARN });
            expect(byService["cloudwatch.amazonaws.com"].Condition).to.deep.equal({ ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` } });
            expect(byService["events.amazonaws.com"]).to.deep.include({ Effect: "Allow", Action: "sns:Publish", Resource: TOPIC_ARN });
            expect(byService["events.amazonaws.com"].Condition).to.deep.equal({ ArnLike: { "aws:SourceArn": `arn:aws:events:${REGION}:${ACCOUNT}:rule/*` } });
        });

        it("subscribes every configured e-mail address", async () => {
            await deployDetection(mocks);
            const subscriptions = mocks.ofType(T.subscription);
            expect(subscriptions.map((s) => s.inputs.endpoint)).to.deep.equal(["security@example.com", "oncall@example.com"]);
            // Named by address, so reordering the list replaces nothing.
            expect(subscriptions.map((s) => s.name)).to.deep.equal(["detection-email-security@example.com", "detection-email-oncall@example.com"]);
            for (const s of subscriptions) {
                expect(s.inputs).to.deep.include({ protocol: "email", topic: TOPIC_ARN });
            }
        });

        it("creates no trail, trail bucket, log group or trail role", async () => {
            await deployDetection(mocks);
            for (const type of [T.trail, T.bucket, T.logGroup, T.role, T.rolePolicy, T.bucketPolicy]) {
                expect(mocks.ofType(type), type).to.have.length(0);
            }
        });

        it("refuses to start without a log group or a trail to create", () => {
            expect(() => new MfaDetection("detection", detectionArgs({ cloudTrailLogGroupName: undefined }))).to.throw(/log group/);
        });
    });

    describe("with a trail created by the program", () => {
        const trail = {
            name: "force-mfa-trail",
            bucketName: "force-mfa-cloudtrail-123456789012-eu-central-1",
            logGroupName: "force-mfa-cloudtrail",
            logRetentionDays: 365,
            noncurrentVersionExpirationDays: 90,
        };
        const trailArn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/force-mfa-trail`;
        const bucketArn = `arn:aws:s3:::${trail.bucketName}`;

        it("creates a multi-region trail with log-file validation delivering to CloudWatch Logs and the bucket", async () => {
            await deployDetection(mocks, { trail, cloudTrailLogGroupName: undefined });
            const t = mocks.one(T.trail);
            expect(t.inputs).to.deep.include({
                name: "force-mfa-trail",
                s3BucketName: trail.bucketName,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                enableLogging: true,
                cloudWatchLogsGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:force-mfa-cloudtrail:*`,
                cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/detection-trail-logs-role`,
            });
            expect(mocks.one(T.logGroup).inputs).to.deep.include({ name: "force-mfa-cloudtrail", retentionInDays: 365 });
            expect(mocks.one(T.filter).inputs.logGroupName).to.equal("force-mfa-cloudtrail");
        });

        it("the trail waits for its bucket policy and its log-delivery role policy; the filter waits for the log group", async () => {
            const detection = await deployDetection(mocks, { trail, cloudTrailLogGroupName: undefined });
            const deps = mocks.one(T.trail).dependencies;
            const bucketPolicyUrn = `urn:pulumi:test::force-mfa::force-mfa:detection:MfaDetection$${T.bucketPolicy}::detection-trail-bucket-policy`;
            const rolePolicyUrn = `urn:pulumi:test::force-mfa::force-mfa:detection:MfaDetection$${T.rolePolicy}::detection-trail-logs-write`;
            expect(deps).to.include.members([bucketPolicyUrn, rolePolicyUrn]);
            expect(mocks.one(T.filter).dependencies).to.include(`urn:pulumi:test::force-mfa::force-mfa:detection:MfaDetection$${T.logGroup}::detection-trail-logs`);
            expect(await urnOf(detection.trail!)).to.equal(`urn:pulumi:test::force-mfa::force-mfa:detection:MfaDetection$${T.trail}::detection-trail`);
        });

        it("lets only CloudTrail assume the log-delivery role, which may only write streams of that log group", async () => {
            await deployDetection(mocks, { trail, cloudTrailLogGroupName: undefined });
            const trust = parseJson(mocks.one(T.role).inputs.assumeRolePolicy);
            expect(trust.Statement).to.deep.equal([
                {
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                },
            ]);
            const write = parseJson(mocks.one(T.rolePolicy).inputs.policy);
            expect(write.Statement).to.have.length(1);
            expect(write.Statement[0].Action).to.have.members(["logs:CreateLogStream", "logs:PutLogEvents"]);
            expect(write.Statement[0].Resource).to.equal(`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:force-mfa-cloudtrail:log-stream:*`);
        });

        it("hardens the trail bucket: private, encrypted, versioned, owner-enforced, TLS only", async () => {
            await deployDetection(mocks, { trail, cloudTrailLogGroupName: undefined });
            expect(mocks.one(T.bucket).inputs.bucket).to.equal(trail.bucketName);
            expect(mocks.one(T.publicAccessBlock).inputs).to.deep.include({
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            expect(mocks.one(T.versioning).inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
            expect(mocks.one(T.encryption).inputs.rules[0]).to.deep.include({ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true });
            expect(mocks.one(T.ownership).inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
            expect(mocks.one(T.lifecycle).inputs.rules[0].noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 90 });
            const doc = parseJson(mocks.one(T.bucketPolicy).inputs.policy);
            const sid = (id: string) => doc.Statement.find((s: any) => s.Sid === id);
            expect(sid("DenyInsecureTransport")).to.deep.equal({
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, `${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            });
        });

        it("keeps the trail bucket, its contents and its settings when the trail is switched off (retainOnDelete); deletes the rest", async () => {
            await deployDetection(mocks, { trail, cloudTrailLogGroupName: undefined });
            expectOnlyAuditBucketRetained(mocks);
            expect(mocks.one(T.bucket).inputs.forceDestroy).to.equal(false);
        });

        it("gives CloudTrail exactly the bucket access it needs, for this trail only", async () => {
            await deployDetection(mocks, { trail, cloudTrailLogGroupName: undefined });
            const doc = parseJson(mocks.one(T.bucketPolicy).inputs.policy);
            const sid = (id: string) => doc.Statement.find((s: any) => s.Sid === id);
            expect(sid("CloudTrailAclCheck")).to.deep.include({
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: bucketArn,
                Condition: { StringEquals: { "aws:SourceArn": trailArn } },
            });
            expect(sid("CloudTrailWrite")).to.deep.include({
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
            });
            expect(doc.Statement.filter((s: any) => s.Effect === "Allow")).to.have.length(2);
        });
    });
});
