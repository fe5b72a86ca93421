/**
 * Detection: the AWS Config MFA rules (MfaConfigRules) under mocks — every resource and setting, with and without the
 * recorder the program may create.
 */
import { expect } from "chai";
import { MfaConfigRules, MfaConfigRulesArgs } from "../../../program/detection/configRules";
import { ACCOUNT, installMocks, MockRegistry, parseJson, settle } from "../pulumiMocks";
import { expectOnlyAuditBucketRetained, T, TOPIC_ARN } from "./detectionFixtures";

describe("MfaConfigRules (AWS Config MFA rules)", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks();
    });

    function rulesArgs(overrides: Partial<MfaConfigRulesArgs> = {}): MfaConfigRulesArgs {
        return {
            accountId: ACCOUNT,
            namePrefix: "force-mfa",
            enforcedGroupName: "mfa-enforced",
            maximumExecutionFrequency: "TwentyFour_Hours",
            topicArn: TOPIC_ARN,
            ...overrides,
        };
    }

    async function deployRules(overrides: Partial<MfaConfigRulesArgs> = {}) {
        const rules = new MfaConfigRules("config-rules", rulesArgs(overrides));
        await settle([rules, ...rules.resources]);
        return rules;
    }

    it("creates the four managed rules; the periodic ones run at least daily, the change-triggered one has no frequency", async () => {
        await deployRules();
        const rules = Object.fromEntries(mocks.ofType(T.rule).map((r) => [r.inputs.source.sourceIdentifier, r.inputs]));
        expect(Object.keys(rules)).to.have.members([
            "IAM_USER_MFA_ENABLED",
            "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS",
            "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED",
            "IAM_USER_GROUP_MEMBERSHIP_CHECK",
        ]);
        for (const periodic of ["IAM_USER_MFA_ENABLED", "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED"]) {
            expect(rules[periodic].source.owner).to.equal("AWS");
            expect(rules[periodic].maximumExecutionFrequency, periodic).to.equal("TwentyFour_Hours");
        }
        const membership = rules["IAM_USER_GROUP_MEMBERSHIP_CHECK"];
        expect(membership.maximumExecutionFrequency).to.equal(undefined);
        expect(JSON.parse(membership.inputParameters)).to.deep.equal({ groupNames: "mfa-enforced" });
        expect(membership.scope).to.deep.equal({ complianceResourceTypes: ["AWS::IAM::User"] });
        expect(mocks.ofType(T.rule).map((r) => r.inputs.name)).to.have.members([
            "force-mfa-iam-user-mfa-enabled",
            "force-mfa-mfa-enabled-for-console-access",
            "force-mfa-root-hardware-mfa",
            "force-mfa-user-in-enforced-group",
        ]);
    });

    it("a more frequent evaluation is passed through to the periodic rules", async () => {
        await deployRules({ maximumExecutionFrequency: "Six_Hours" });
        const periodic = mocks.ofType(T.rule).filter((r) => r.inputs.source.sourceIdentifier !== "IAM_USER_GROUP_MEMBERSHIP_CHECK");
        expect(periodic.map((r) => r.inputs.maximumExecutionFrequency)).to.deep.equal(["Six_Hours", "Six_Hours", "Six_Hours"]);
    });

    it("sends NON_COMPLIANT compliance changes of exactly these rules to the topic through EventBridge", async () => {
        await deployRules();
        const pattern = JSON.parse(mocks.one(T.eventRule).inputs.eventPattern);
        expect(pattern).to.deep.equal({
            source: ["aws.config"],
            "detail-type": ["Config Rules Compliance Change"],
            detail: {
                messageType: ["ComplianceChangeNotification"],
                configRuleName: [
                    "force-mfa-iam-user-mfa-enabled",
                    "force-mfa-mfa-enabled-for-console-access",
                    "force-mfa-root-hardware-mfa",
                    "force-mfa-user-in-enforced-group",
                ],
                newEvaluationResult: { complianceType: ["NON_COMPLIANT"] },
            },
        });
        const target = mocks.one(T.eventTarget);
        expect(target.inputs.arn).to.equal(TOPIC_ARN);
        expect(target.inputs.rule).to.equal("force-mfa-mfa-noncompliant");
    });

    it("without createRecorder: no recorder, role, channel, bucket; rules depend on nothing of this program", async () => {
        await deployRules();
        for (const type of [T.recorder, T.channel, T.recorderStatus, T.role, T.rolePolicy, T.attachment, T.bucket, T.bucketPolicy]) {
            expect(mocks.ofType(type), type).to.have.length(0);
        }
        for (const rule of mocks.ofType(T.rule)) {
            expect(rule.dependencies.filter((d) => d.includes("aws:cfg/"))).to.deep.equal([]);
        }
    });

    describe("with createRecorder", () => {
        const recorder = { bucketName: "force-mfa-config-123456789012-eu-central-1", noncurrentVersionExpirationDays: 365 };
        const bucketArn = `arn:aws:s3:::${recorder.bucketName}`;

        it("creates the recorder (IAM types) with the AWS_ConfigRole role, a delivery channel and the enabled status", async () => {
            await deployRules({ recorder });
            const rec = mocks.one(T.recorder);
            expect(rec.inputs.roleArn).to.equal(`arn:aws:iam::${ACCOUNT}:role/config-rules-recorder-role`);
            expect(rec.inputs.recordingGroup).to.deep.include({ allSupported: false, includeGlobalResourceTypes: false });
            expect(rec.inputs.recordingGroup.resourceTypes).to.include("AWS::IAM::User");
            expect(rec.inputs.recordingGroup.recordingStrategies).to.deep.equal([{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }]);
            const trust = parseJson(mocks.one(T.role).inputs.assumeRolePolicy);
            expect(trust.Statement[0].Principal).to.deep.equal({ Service: "config.amazonaws.com" });
            expect(trust.Statement[0].Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": ACCOUNT } });
            expect(mocks.one(T.attachment).inputs.policyArn).to.equal("arn:aws:iam::aws:policy/service-role/AWS_ConfigRole");
            // Config writes with the role it assumes: the role may check the bucket and deliver under AWSLogs/<account>/Config/.
            const delivery = parseJson(mocks.one(T.rolePolicy).inputs.policy);
            const bucketArn = `arn:aws:s3:::${recorder.bucketName}`;
            expect(delivery.Statement).to.deep.equal([
                { Sid: "ConfigChecksBucket", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: bucketArn },
                {
                    Sid: "ConfigDelivers",
                    Effect: "Allow",
                    Action: "s3:PutObject",
                    Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/Config/*`,
                    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
                },
            ]);
            expect(mocks.one(T.channel).inputs.s3BucketName).to.equal(recorder.bucketName);
            expect(mocks.one(T.recorderStatus).inputs).to.deep.include({ isEnabled: true, name: "default" });
        });

        it("every rule depends on the recorder, the channel and the recorder status", async () => {
            await deployRules({ recorder });
            const prefix = "urn:pulumi:test::force-mfa::force-mfa:detection:MfaConfigRules$";
            for (const rule of mocks.ofType(T.rule)) {
                expect(rule.dependencies, rule.name).to.include.members([
                    `${prefix}${T.recorder}::config-rules-recorder`,
                    `${prefix}${T.channel}::config-rules-delivery-channel`,
                    `${prefix}${T.recorderStatus}::config-rules-recorder-status`,
                ]);
            }
            expect(mocks.one(T.channel).dependencies).to.include.members([
                `${prefix}${T.bucketPolicy}::config-rules-delivery-bucket-policy`,
                `${prefix}${T.rolePolicy}::config-rules-recorder-delivery`,
            ]);
        });

        it("keeps the delivery bucket, its contents and its settings when the recorder is switched off (retainOnDelete); deletes the rest", async () => {
            await deployRules({ recorder });
            expectOnlyAuditBucketRetained(mocks);
            expect(mocks.one(T.recorder).retainOnDelete).to.equal(false);
        });

        it("the delivery bucket is hardened and grants AWS Config only what it needs, for this account", async () => {
            await deployRules({ recorder });
            expect(mocks.one(T.publicAccessBlock).inputs).to.deep.include({
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            expect(mocks.one(T.versioning).inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
            expect(mocks.one(T.encryption).inputs.rules[0].applyServerSideEncryptionByDefault).to.deep.equal({ sseAlgorithm: "AES256" });
            const doc = parseJson(mocks.one(T.bucketPolicy).inputs.policy);
            const sid = (id: string) => doc.Statement.find((s: any) => s.Sid === id);
            const fromAccount = { StringEquals: { "aws:SourceAccount": ACCOUNT } };
            expect(sid("ConfigBucketPermissionsCheck")).to.deep.include({ Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: fromAccount });
            expect(sid("ConfigBucketExistenceCheck")).to.deep.include({ Action: "s3:ListBucket", Resource: bucketArn, Condition: fromAccount });
            expect(sid("ConfigBucketDelivery")).to.deep.include({
                Action: "s3:PutObject",
                Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/Config/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ACCOUNT } },
            });
            for (const s of doc.Statement.filter((x: any) => x.Effect === "Allow")) {
                expect(s.Principal).to.deep.equal({ Service: "config.amazonaws.com" });
            }
            expect(sid("DenyInsecureTransport").Effect).to.equal("Deny");
        });
    });
});
