import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { SensitiveActionsGuard } from "../../../program/sensitiveActions/sensitiveActionsGuard";
import { ACCOUNT, installMocks, MockRegistry, parseJson, promiseOf, settleRegistry } from "../pulumiMocks";

const DOCUMENT = {
    Version: "2012-10-17" as const,
    Statement: [{ Sid: "DenyKmsDeletionWithoutFreshMfa", Effect: "Deny" as const, Action: ["kms:ScheduleKeyDeletion"], Resource: "*", Condition: { NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "300" } } }],
};

describe("sensitiveActions — SensitiveActionsGuard: the roles' managed policy and its attachments", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks();
    });

    it("one policy with the document and the tags, attached to each role under its stable key, the policy's ARN as output", async () => {
        const admin = pulumi.output("force-mfa-admin");
        const guard = new SensitiveActionsGuard("sensitive", {
            policyName: "ForceMFASensitiveActions",
            policyDocument: DOCUMENT as never,
            roles: [
                { key: "admin", name: admin },
                { key: "deployer", name: "Deployer" },
            ],
            tags: { "managed-by": "force-mfa" },
        });
        await settleRegistry(mocks);
        const policy = mocks.one("aws:iam/policy:Policy");
        expect(policy.name).to.equal("sensitive-policy");
        expect(policy.inputs).to.include({ name: "ForceMFASensitiveActions" });
        expect(policy.inputs.tags).to.deep.equal({ "managed-by": "force-mfa" });
        expect(parseJson(policy.inputs.policy)).to.deep.equal(DOCUMENT);
        const attachments = mocks.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        expect(attachments.map((a) => [a.name, a.inputs.role, a.inputs.policyArn]).sort()).to.deep.equal([
            ["sensitive-admin", "force-mfa-admin", `arn:aws:iam::${ACCOUNT}:policy/ForceMFASensitiveActions`],
            ["sensitive-deployer", "Deployer", `arn:aws:iam::${ACCOUNT}:policy/ForceMFASensitiveActions`],
        ]);
        expect(guard.attachments).to.have.length(2);
        expect(await promiseOf(guard.policy.arn)).to.equal(`arn:aws:iam::${ACCOUNT}:policy/ForceMFASensitiveActions`);
    });

    it("no roles: the policy alone, nothing attached", async () => {
        new SensitiveActionsGuard("sensitive", { policyName: "P", policyDocument: DOCUMENT as never, roles: [], tags: {} });
        await settleRegistry(mocks);
        expect(mocks.ofType("aws:iam/policy:Policy")).to.have.length(1);
        expect(mocks.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.deep.equal([]);
    });
});
