/**
 * The enrollment window in the whole program (deployForceMfa under Pulumi mocks): its resources, the settings the
 * function receives, its IAM documents known during preview, the checks that stop the program first, nextSteps.
 */
import { expect } from "chai";
import { ConfigError, parseForceMfaConfig } from "../../../program/stackConfig";
import { lambdaTrustDocument } from "../../../program/aws/lambdaRole";
import { jobRolePolicyDocument, suspendedGroupPolicyDocument } from "../../../program/enrollmentWindow/jobPolicies";
import { buildJobBundle } from "../../../program/enrollmentWindow/jobBundle";
import { SETTINGS_VARIABLE } from "../../../program/enrollmentWindow/job/jobSettings";
import { deployForceMfa } from "../../../program/forceMfaStack";
import { ACCOUNT, captureWarnings, installMocks, MockRegistry, parseJson, REGION, settleRegistry } from "../pulumiMocks";
import { accountWith } from "../stackFixtures";

const ACCOUNT_FACTS = accountWith([{ name: "carol" }, { name: "breakglass" }]);

const BASE = {
    users: [{ name: "alice", path: "/eng/" }],
    exemptions: [{ name: "breakglass", reason: "Emergency administrator; hardware MFA in the safe" }],
    stateBucketName: "acme-terraform-state",
    detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: ["sec@acme.example"] },
};

const JOB_TYPES = [
    "force-mfa:compliance:EnrollmentWindowJob",
    "aws:lambda/function:Function",
    "aws:lambda/permission:Permission",
    "aws:iam/groupPolicy:GroupPolicy",
    "aws:iam/rolePolicy:RolePolicy",
];

describe("enrollment window — the component in the program, under Pulumi mocks", () => {
    let mocks: MockRegistry;

    async function deploy(compliance: unknown, extra: Record<string, unknown> = {}, preview = false) {
        mocks = installMocks({ existingUsers: [...ACCOUNT_FACTS.existingUsers], preview, allOutputsUnknown: preview });
        const outputs = deployForceMfa(parseForceMfaConfig({ ...BASE, ...extra, compliance }), ACCOUNT_FACTS);
        await settleRegistry(mocks);
        return outputs;
    }

    it("off by default: none of its resources, no output, no next step", async () => {
        const outputs = await deploy(undefined);
        expect(mocks.resources.filter((r) => JOB_TYPES.includes(r.type) || r.name.startsWith("enrollment-window")).map((r) => r.name)).to.deep.equal([]);
        expect(mocks.ofType("aws:iam/group:Group").map((g) => g.inputs.name)).to.deep.equal(["mfa-enforced"]);
        expect(outputs.enrollmentWindowFunction).to.equal(undefined);
        expect(outputs.nextSteps.join(" ")).to.not.match(/Enrollment window/);
    });

    it("on: the suspension group denies everything and has no managed membership", async () => {
        await deploy({ enabled: true });
        const group = mocks.ofType("aws:iam/group:Group").find((g) => g.inputs.name === "mfa-suspended")!;
        expect(group.inputs.path).to.equal("/");
        const policy = mocks.one("aws:iam/groupPolicy:GroupPolicy");
        expect(policy.inputs.group).to.equal("mfa-suspended");
        expect(parseJson(policy.inputs.policy)).to.deep.equal(suspendedGroupPolicyDocument());
        // Only the enforced group's membership is managed: the job adds to mfa-suspended, an administrator removes.
        expect(mocks.ofType("aws:iam/groupMembership:GroupMembership").map((m) => m.inputs.group)).to.deep.equal(["mfa-enforced"]);
        expect(mocks.ofType("aws:iam/userGroupMembership:UserGroupMembership")).to.deep.equal([]);
    });

    it("the function: the bundle, Node.js 22, its role, and settings carrying mode, thresholds, exemptions, topic and bucket", async () => {
        const outputs = await deploy({ enabled: true, mode: "enforce", flagAfterDays: 5, suspendAfterDays: 10 });
        const fn = mocks.one("aws:lambda/function:Function");
        expect(fn.inputs).to.deep.include({ name: "force-mfa-enrollment-window", runtime: "nodejs22.x", handler: "index.handler", timeout: 900 });
        expect(fn.inputs.role).to.equal(`arn:aws:iam::${ACCOUNT}:role/force-mfa-enrollment-window`);
        expect(fn.inputs.code, "an archive").to.have.property("__pulumiArchive", true);
        expect(outputs._components.enrollmentWindow!.code, "the bundle built from the job's sources").to.equal(buildJobBundle());
        expect(JSON.parse(fn.inputs.environment.variables[SETTINGS_VARIABLE])).to.deep.equal({
            mode: "enforce",
            thresholds: { remindAfterDays: 0, flagAfterDays: 5, suspendAfterDays: 10 },
            exemptions: [{ name: "breakglass", reason: "Emergency administrator; hardware MFA in the safe" }],
            suspendedGroupName: "mfa-suspended",
            topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`,
            auditBucketName: `force-mfa-audit-${ACCOUNT}-${REGION}`,
            enforcedGroupName: "mfa-enforced",
        });
        const topic = mocks.one("aws:sns/topic:Topic");
        expect(fn.dependencies, "created after the topic it publishes to").to.include(`urn:pulumi:test::force-mfa::force-mfa:detection:MfaDetection$aws:sns/topic:Topic::${topic.name}`);
    });

    it("the role: trusted by Lambda only, with the scoped policy; its log group; the daily schedule and the permission to invoke", async () => {
        await deploy({ enabled: true, schedule: "cron(30 4 * * ? *)", logRetentionDays: 90 });
        const role = mocks.ofType("aws:iam/role:Role").find((r) => r.inputs.name === "force-mfa-enrollment-window")!;
        expect(parseJson(role.inputs.assumeRolePolicy)).to.deep.equal(lambdaTrustDocument());
        const rolePolicy = mocks.one("aws:iam/rolePolicy:RolePolicy");
        expect(rolePolicy.inputs.role).to.equal("force-mfa-enrollment-window");
        expect(parseJson(rolePolicy.inputs.policy)).to.deep.equal(
            jobRolePolicyDocument({
                accountId: ACCOUNT,
                region: REGION,
                suspendedGroupName: "mfa-suspended",
                topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`,
                topicKey: { aliasName: "alias/force-mfa-alerts" },
                auditBucketName: `force-mfa-audit-${ACCOUNT}-${REGION}`,
                functionName: "force-mfa-enrollment-window",
            }),
        );
        const logs = mocks.ofType("aws:cloudwatch/logGroup:LogGroup").find((l) => l.inputs.name === "/aws/lambda/force-mfa-enrollment-window")!;
        expect(logs.inputs.retentionInDays).to.equal(90);
        const rule = mocks.ofType("aws:cloudwatch/eventRule:EventRule").find((r) => r.inputs.scheduleExpression)!;
        expect(rule.inputs.scheduleExpression).to.equal("cron(30 4 * * ? *)");
        const target = mocks.ofType("aws:cloudwatch/eventTarget:EventTarget").find((t) => t.inputs.rule === rule.inputs.name)!;
        expect(target.inputs.arn).to.match(/lambda\/function:Function\/enrollment-window-function$/);
        const permission = mocks.one("aws:lambda/permission:Permission");
        expect(permission.inputs).to.deep.include({ action: "lambda:InvokeFunction", principal: "events.amazonaws.com", function: "force-mfa-enrollment-window" });
    });

    it("a created audit bucket is private, encrypted and versioned; a reused one is not created, only named", async () => {
        const created = await deploy({ enabled: true });
        expect(created.auditBucket).to.equal(`force-mfa-audit-${ACCOUNT}-${REGION}`);
        const bucket = mocks.ofType("aws:s3/bucket:Bucket").find((b) => b.inputs.bucket === `force-mfa-audit-${ACCOUNT}-${REGION}`)!;
        expect(bucket.retainOnDelete).to.equal(true);
        const auditChildren = mocks.resources.filter((r) => r.name.startsWith("enrollment-window-audit-bucket")).map((r) => r.type);
        expect(auditChildren).to.include.members([
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "aws:s3/bucketVersioning:BucketVersioning",
            "aws:s3/bucketPolicy:BucketPolicy",
        ]);

        await deploy({ enabled: true, createAuditBucket: false, auditBucketName: "acme-audit" });
        expect(mocks.resources.filter((r) => r.name.startsWith("enrollment-window-audit-bucket"))).to.deep.equal([]);
        const fn = mocks.one("aws:lambda/function:Function");
        expect(JSON.parse(fn.inputs.environment.variables[SETTINGS_VARIABLE]).auditBucketName).to.equal("acme-audit");
        const policy = parseJson(mocks.one("aws:iam/rolePolicy:RolePolicy").inputs.policy);
        expect(policy.Statement.find((s: any) => s.Sid === "WriteReports").Resource).to.equal("arn:aws:s3:::acme-audit/force-mfa/*");
    });

    it("a configured topic key is the one the role may use (by ARN, or through its alias)", async () => {
        const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        await deploy({ enabled: true }, { detection: { ...BASE.detection, kmsKeyArn: keyArn } });
        let statement = parseJson(mocks.one("aws:iam/rolePolicy:RolePolicy").inputs.policy).Statement.find((s: any) => s.Sid === "EncryptForTheTopic");
        expect(statement.Resource).to.equal(keyArn);
        await deploy({ enabled: true }, { detection: { ...BASE.detection, kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/security` } });
        statement = parseJson(mocks.one("aws:iam/rolePolicy:RolePolicy").inputs.policy).Statement.find((s: any) => s.Sid === "EncryptForTheTopic");
        expect(statement.Condition["ForAnyValue:StringEquals"]).to.deep.equal({ "kms:ResourceAliases": "alias/security" });
    });

    it("every document is known on a first preview, when every output is unknown", async () => {
        await deploy({ enabled: true }, {}, true);
        for (const [type, key] of [
            ["aws:iam/groupPolicy:GroupPolicy", "policy"],
            ["aws:iam/rolePolicy:RolePolicy", "policy"],
        ] as const) {
            expect(mocks.one(type).inputs[key], type).to.be.a("string");
        }
        const role = mocks.ofType("aws:iam/role:Role").find((r) => r.inputs.name === "force-mfa-enrollment-window")!;
        expect(role.inputs.assumeRolePolicy).to.be.a("string");
        expect(mocks.one("aws:lambda/function:Function").inputs.environment.variables[SETTINGS_VARIABLE]).to.be.a("string");
    });

    it("nextSteps say what the job does, in which mode, and how an administrator reinstates", async () => {
        const outputs = await deploy({ enabled: true });
        const steps = outputs.nextSteps.join("\n");
        expect(steps).to.match(/Enrollment window: force-mfa-enrollment-window runs on cron\(0 6 \* \* \? \*\)/);
        expect(steps).to.include("reminds from day 0, flags from day 7 (tag force-mfa:flagged) and suspends from day 14");
        expect(steps).to.match(/Report mode: .* changes nothing/);
        expect(steps).to.include("aws iam remove-user-from-group --group-name mfa-suspended --user-name <user>");
        expect(steps).to.include("--status Active");
        expect(steps).to.include("aws iam untag-user --user-name <user> --tag-keys force-mfa:flagged");
        expect(steps).to.match(/never reinstates anyone/);
        expect(outputs.enrollmentWindowFunction).to.equal("force-mfa-enrollment-window");
    });

    it("stops before any resource: the suspension group named as the enforced group, settings too large for Lambda", () => {
        mocks = installMocks();
        const warnings = captureWarnings();
        after(() => warnings.restore());
        const sameGroup = parseForceMfaConfig({ ...BASE, compliance: { enabled: true, suspendedGroupName: "MFA-Enforced" } });
        expect(() => deployForceMfa(sameGroup, ACCOUNT_FACTS)).to.throw(ConfigError, /compliance.suspendedGroupName: must not be the enforced group/);
        const many = Array.from({ length: 40 }, (_, i) => ({ name: `svc-${i}`, reason: "x".repeat(100) }));
        const large = parseForceMfaConfig({ ...BASE, exemptions: many, compliance: { enabled: true } });
        expect(() => deployForceMfa(large, ACCOUNT_FACTS)).to.throw(ConfigError, /over the 4096 Lambda allows/);
        expect(mocks.resources).to.deep.equal([]);
    });
});
