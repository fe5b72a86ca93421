/**
 * The state bucket's assembled policy (TLS only, encryption required, the delete guard), proven with the independent
 * IAM evaluator `@cloud-copilot/iam-simulate` (AGPL, devDependency, tests only): Terraform works without MFA, deleting
 * the state needs fresh MFA.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import { stateBucketPolicyDocument } from "../../../program/stateBackend/stateBackend";
import { ACCOUNT } from "../pulumiMocks";

describe("the assembled state bucket policy (TLS, encryption, delete guard), proven with iam-simulate", () => {
    const bucket = "arn:aws:s3:::acme-terraform-state";
    const state = `${bucket}/platform/terraform.tfstate`;
    const policy = stateBucketPolicyDocument({ bucketName: "acme-terraform-state", deleteGuardMaxMfaAgeSeconds: 300 });

    async function request(action: string, resource: string, context: Record<string, string>) {
        const response = await runSimulation(
            {
                request: {
                    principal: `arn:aws:iam::${ACCOUNT}:role/terraform-ci`,
                    action,
                    resource: { resource, accountId: ACCOUNT },
                    contextVariables: { "aws:SecureTransport": "true", ...context },
                },
                identityPolicies: [{ name: "terraform", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } }],
                serviceControlPolicies: [],
                resourceControlPolicies: [],
                resourcePolicy: policy,
            },
            {},
        );
        if (response.resultType === "error") {
            throw new Error(JSON.stringify(response.errors));
        }
        return response.overallResult;
    }

    // Terraform's backend block sets `encrypt = true`, so its uploads carry the SSE header (AES256 without a KMS key).
    const sse = { "s3:x-amz-server-side-encryption": "AES256" };

    it("Terraform without MFA: reads and writes the state, takes and releases the S3 lock", async () => {
        expect(await request("s3:GetObject", state, {})).to.equal("Allowed");
        expect(await request("s3:PutObject", state, sse)).to.equal("Allowed");
        expect(await request("s3:PutObject", `${state}.tflock`, sse)).to.equal("Allowed");
        expect(await request("s3:GetObject", `${state}.tflock`, {})).to.equal("Allowed");
        expect(await request("s3:DeleteObject", `${state}.tflock`, {})).to.equal("Allowed");
        expect(await request("s3:ListBucket", bucket, {})).to.equal("Allowed");
    });

    it("deleting the state: without MFA and with stale MFA denied, with fresh MFA allowed — and never without TLS", async () => {
        expect(await request("s3:DeleteObject", state, {})).to.equal("ExplicitlyDenied");
        expect(await request("s3:DeleteObject", state, { "aws:MultiFactorAuthPresent": "false" })).to.equal("ExplicitlyDenied");
        expect(await request("s3:DeleteObject", state, { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "900" })).to.equal("ExplicitlyDenied");
        expect(await request("s3:DeleteObject", state, { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "10" })).to.equal("Allowed");
        expect(
            await request("s3:DeleteObject", state, { "aws:SecureTransport": "false", "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "10" }),
        ).to.equal("ExplicitlyDenied");
    });
});
