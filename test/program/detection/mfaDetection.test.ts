/**
 * Detection: the console sign-in alarm (MfaDetection) under mocks — every resource and setting, with and without the
 * optional key (the trail it may create: cloudTrail.test.ts).
 */
import { expect } from "chai";
import { CONSOLE_SIGNIN_WITHOUT_MFA_PATTERN, MfaDetection } from "../../../program/detection/mfaDetection";
import { ACCOUNT, installMocks, MockRegistry, parseJson, REGION } from "../pulumiMocks";
import { deployDetection, detectionArgs, T, TOPIC_ARN } from "./detectionFixtures";


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

});
