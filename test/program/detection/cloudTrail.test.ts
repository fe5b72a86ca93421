/**
 * Detection: the multi-region trail MfaDetection creates on request (cloudTrail.ts) under mocks — trail, log group,
 * the role CloudTrail writes with, the audit bucket and its policy.
 */
import { expect } from "chai";
import { ACCOUNT, installMocks, MockRegistry, parseJson, REGION, urnOf } from "../pulumiMocks";
import { deployDetection, expectOnlyAuditBucketRetained, T } from "./detectionFixtures";

describe("MfaDetection, with a trail created by the program (cloudTrail.ts)", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks();
    });

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
