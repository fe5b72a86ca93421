/**
 * The audit bucket under Pulumi mocks: private, encrypted, versioned, its policy the caller's statements plus the
 * TLS-only deny, known during preview, and everything retained when the program stops managing it.
 */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { auditBucketPolicyDocument, bucketArn, createAuditBucket, PolicyStatement } from "../../../program/aws/auditBucket";
import { installMocks, MockRegistry, parseJson, settleRegistry } from "../pulumiMocks";

const SERVICE: PolicyStatement = {
    Sid: "AllowServiceWrite",
    Effect: "Allow",
    Principal: { Service: "delivery.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${bucketArn("acme-audit")}/*`,
};

class Parent extends pulumi.ComponentResource {
    constructor() {
        super("test:index:Parent", "parent", {});
    }
}

describe("audit bucket", () => {
    it("the policy document: the caller's statements first, then the deny of every non-TLS request on bucket and objects", () => {
        expect(auditBucketPolicyDocument("acme-audit", [SERVICE])).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                SERVICE,
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: ["arn:aws:s3:::acme-audit", "arn:aws:s3:::acme-audit/*"],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ],
        });
    });

    describe("under mocks, on a first preview (every output unknown)", () => {
        let mocks: MockRegistry;
        before(async () => {
            mocks = installMocks({ preview: true, allOutputsUnknown: true });
            createAuditBucket("audit", { bucketName: "acme-audit", serviceStatements: [SERVICE], noncurrentVersionExpirationDays: 30, tags: { owner: "security" } }, new Parent());
            await settleRegistry(mocks);
        });

        it("a bucket that is never force-destroyed, tagged, owner-enforced, with every public access blocked", () => {
            expect(mocks.one("aws:s3/bucket:Bucket").inputs).to.deep.include({ bucket: "acme-audit", forceDestroy: false, tags: { owner: "security" } });
            expect(mocks.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
            expect(mocks.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.deep.include({
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
        });

        it("versioned, encrypted with bucket keys, noncurrent versions expiring after the given days", () => {
            expect(mocks.one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
            expect(mocks.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules).to.deep.equal([
                { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true },
            ]);
            const [rule] = mocks.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules;
            expect(rule.noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 30 });
        });

        it("the policy is known during preview, and lands after the public access block and the ownership controls", () => {
            const policy = mocks.one("aws:s3/bucketPolicy:BucketPolicy");
            expect(parseJson(policy.inputs.policy)).to.deep.equal(auditBucketPolicyDocument("acme-audit", [SERVICE]));
            expect(policy.dependencies.some((urn) => urn.endsWith("::audit-public-access-block"))).to.equal(true);
            expect(policy.dependencies.some((urn) => urn.endsWith("::audit-ownership"))).to.equal(true);
        });

        it("every resource is retained on delete (audit evidence) and a child of the caller's component", () => {
            expect(mocks.resources.filter((r) => r.type.startsWith("aws:s3/"))).to.have.length(7);
            for (const r of mocks.resources.filter((r) => r.type.startsWith("aws:s3/"))) {
                expect(r.retainOnDelete, r.name).to.equal(true);
            }
        });
    });
});
