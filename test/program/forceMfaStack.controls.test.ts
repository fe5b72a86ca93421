/**
 * Detection, privileged access and the state delete guard in the whole program (deployForceMfa under mocks): every
 * switch removes its resources cleanly, the state bucket's policy carries the delete guard only when it is on, checks
 * against the account stop the program before any resource, and every policy document is known during preview.
 */
import { expect } from "chai";
import { AccountFacts } from "../../program/accountFacts";
import { deployForceMfa } from "../../program/forceMfaStack";
import { ConfigError, parseForceMfaConfig } from "../../program/stackConfig";
import { stateBucketPolicyDocument } from "../../program/stateBackend/stateBackend";
import { packReports, packResources } from "./packReports";
import { ACCOUNT, captureWarnings, installMocks, MockRegistry, parseJson, REGION, settleRegistry } from "./pulumiMocks";
import { accountWith } from "./stackFixtures";

const ACCOUNT_FACTS = accountWith([{ name: "carol" }, { name: "dave", path: "/eng/" }, { name: "breakglass" }]);

const BASE = {
    users: [{ name: "alice", path: "/eng/" }, { name: "bob" }],
    exemptions: [{ name: "breakglass", reason: "Emergency administrator; hardware MFA in the safe" }],
    stateBucketName: "acme-terraform-state",
};

const ALL_ON = {
    ...BASE,
    detection: { createTrail: true, alarmEmails: ["sec@acme.example"], configRules: { createRecorder: true } },
    adminRole: { enabled: true, trustedUsers: "enforcedGroup" },
    stateDeleteGuard: true,
    stateDeleteMaxMfaAge: 300,
};

const ALL_OFF = { ...BASE, detection: { enabled: false }, adminRole: { enabled: false }, stateDeleteGuard: false };

/** Resource types that only detection and privileged access create. */
const CONTROL_TYPES = [
    "force-mfa:detection:MfaDetection",
    "force-mfa:detection:MfaConfigRules",
    "force-mfa:access:MfaAdminRole",
    "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:sns/topic:Topic",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:kms/key:Key",
    "aws:kms/alias:Alias",
    "aws:cfg/rule:Rule",
    "aws:cfg/recorder:Recorder",
    "aws:cfg/deliveryChannel:DeliveryChannel",
    "aws:cfg/recorderStatus:RecorderStatus",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:cloudtrail/trail:Trail",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:iam/role:Role",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
];

const GUARD_SIDS = [
    "DenyStateObjectDeleteWithoutMfa",
    "DenyStateObjectDeleteWithStaleMfa",
    "DenyStateVersionDeleteAndBucketChangesWithoutMfa",
    "DenyStateVersionDeleteAndBucketChangesWithStaleMfa",
];

async function deploy(mocks: MockRegistry, raw: Record<string, unknown>) {
    const outputs = deployForceMfa(parseForceMfaConfig(raw), ACCOUNT_FACTS);
    await settleRegistry(mocks);
    return outputs;
}

function stateBucketPolicy(mocks: MockRegistry) {
    const policies = mocks.ofType("aws:s3/bucketPolicy:BucketPolicy").filter((p) => parseJson(p.inputs.policy).Statement.some((s: any) => s.Sid === "DenyUploadsNotUsingTheBucketEncryption"));
    expect(policies).to.have.length(1);
    return parseJson(policies[0].inputs.policy);
}

describe("detection, privileged access and the state delete guard in the whole program", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks({ existingUsers: [...ACCOUNT_FACTS.existingUsers] });
    });

    it("every switch on: detection, trail, recorder, Config rules, admin role, and the guard in the state bucket policy", async () => {
        const outputs = await deploy(mocks, ALL_ON);
        expect(mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).to.have.length(1);
        expect(mocks.ofType("aws:cfg/rule:Rule")).to.have.length(4);
        expect(mocks.ofType("aws:cfg/recorder:Recorder")).to.have.length(1);
        expect(mocks.ofType("aws:cloudtrail/trail:Trail")).to.have.length(1);
        const admin = mocks.ofType("aws:iam/role:Role").find((r) => r.inputs.name === "mfa-admin")!;
        // The enforced group's members: declared and existing users, the exempt one left out; paths from config / ARNs.
        expect(parseJson(admin.inputs.assumeRolePolicy).Statement[0].Principal.AWS).to.deep.equal([
            `arn:aws:iam::${ACCOUNT}:user/bob`,
            `arn:aws:iam::${ACCOUNT}:user/carol`,
            `arn:aws:iam::${ACCOUNT}:user/eng/alice`,
            `arn:aws:iam::${ACCOUNT}:user/eng/dave`,
        ]);
        // IAM rejects a trust naming a user that does not exist yet: the role waits for the two users this stack creates.
        expect(mocks.ofType("aws:iam/user:User")).to.have.length(2);
        expect(admin.dependencies.filter((d) => d.includes("aws:iam/user:User"))).to.have.length(2);
        const sids = stateBucketPolicy(mocks).Statement.map((s: any) => s.Sid);
        expect(sids).to.include.members(GUARD_SIDS);
        expect(await new Promise((r) => outputs.alarmTopicArn!.apply(r))).to.equal(`arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`);
        expect(await new Promise((r) => outputs.adminRoleArn!.apply(r))).to.equal(`arn:aws:iam::${ACCOUNT}:role/mfa-admin`);
    });

    it("every switch off: no resource of detection or privileged access at all, and no delete-guard statement in the state bucket policy", async () => {
        const outputs = await deploy(mocks, ALL_OFF);
        for (const type of CONTROL_TYPES) {
            expect(mocks.ofType(type), type).to.have.length(0);
        }
        const policy = stateBucketPolicy(mocks);
        expect(policy.Statement.map((s: any) => s.Sid)).to.not.include.members(GUARD_SIDS);
        expect(policy.Statement.filter((s: any) => JSON.stringify(s.Condition ?? {}).includes("MultiFactorAuth"))).to.deep.equal([]);
        expect(outputs.alarmTopicArn).to.equal(undefined);
        expect(outputs.adminRoleArn).to.equal(undefined);
        expect(outputs.configRuleNames).to.equal(undefined);
    });

    it("the guard alone off: detection and admin role stay, the state bucket policy loses exactly the four guard statements", async () => {
        await deploy(mocks, { ...ALL_ON, stateDeleteGuard: false });
        const withoutGuard = stateBucketPolicy(mocks).Statement.map((s: any) => s.Sid);
        expect(withoutGuard).to.not.include.members(GUARD_SIDS);
        expect(mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).to.have.length(1);
        expect(mocks.ofType("aws:iam/role:Role").some((r) => r.inputs.name === "mfa-admin")).to.equal(true);
        const on = stateBucketPolicyDocument({ bucketName: "acme-terraform-state", deleteGuardMaxMfaAgeSeconds: 300 }).Statement.map((s: any) => s.Sid);
        expect(on.filter((sid: string) => !withoutGuard.includes(sid))).to.deep.equal(GUARD_SIDS);
    });

    it("the state bucket policy (with the guard) lands after versioning and lifecycle, which it would otherwise block", async () => {
        await deploy(mocks, ALL_ON);
        const policy = mocks.ofType("aws:s3/bucketPolicy:BucketPolicy").find((p) => p.name === "terraform-state-policy")!;
        const prefix = "urn:pulumi:test::force-mfa::force-mfa:state:StateBackend$";
        expect(policy.dependencies).to.include.members([
            `${prefix}aws:s3/bucketVersioning:BucketVersioning::terraform-state-versioning`,
            `${prefix}aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration::terraform-state-lifecycle`,
        ]);
    });

    it("stateDeleteMaxMfaAge reaches the state bucket policy", async () => {
        await deploy(mocks, { ...ALL_ON, stateDeleteMaxMfaAge: 120 });
        const stale = stateBucketPolicy(mocks).Statement.find((s: any) => s.Sid === "DenyStateObjectDeleteWithStaleMfa");
        expect(stale.Condition).to.deep.equal({ NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "120" } });
    });

    it("the force-mfa-guard pack (mandatory policies) reports nothing on the full program with every switch on", async () => {
        await deploy(mocks, ALL_ON);
        const resources = packResources(mocks.resources, "state");
        const pack = { config: { enforcedGroupName: "mfa-enforced", exemptUsers: BASE.exemptions }, mandatoryOnly: true };
        expect(await packReports(resources, pack)).to.deep.equal([]);
        // Control: the same harness reports the admin role once its trust loses the MFA conditions.
        const admin = resources.find((r) => r.type === "aws:iam/role:Role" && r.props.name === "mfa-admin")!;
        const weakened = parseJson(admin.props.assumeRolePolicy);
        delete weakened.Statement[0].Condition;
        const tampered = resources.map((r) => (r === admin ? { ...r, props: { ...r.props, assumeRolePolicy: JSON.stringify(weakened) } } : r));
        expect((await packReports(tampered, pack)).filter((m) => m.startsWith("iam-role-trust-requires-mfa"))).to.have.length(1);
        // Control: and it evaluates the users — without the group membership they escape.
        const withoutMembership = resources.filter((r) => r.type !== "aws:iam/groupMembership:GroupMembership");
        expect(withoutMembership).to.have.length(resources.length - 1);
        expect((await packReports(withoutMembership, pack)).filter((m) => m.startsWith("iam-user-requires-mfa"))).to.not.deep.equal([]);
    });
});

describe("checks against the account stop the program before any resource", () => {
    let mocks: MockRegistry;
    let warnings: ReturnType<typeof captureWarnings>;
    beforeEach(() => {
        mocks = installMocks({ existingUsers: [...ACCOUNT_FACTS.existingUsers] });
        warnings = captureWarnings();
    });
    afterEach(() => warnings.restore());

    /** An account with `n` users of 40-character names, each a trusted ARN of about 74 characters. */
    function accountWithUsers(n: number): AccountFacts {
        const names = Array.from({ length: n }, (_, i) => `administrator-with-a-long-name-${String(i).padStart(9, "0")}`);
        return { accountId: ACCOUNT, region: REGION, existingUsers: names.map((name) => ({ name, path: "/", arn: `arn:aws:iam::${ACCOUNT}:user/${name}` })) };
    }

    async function refused(raw: Record<string, unknown>, account: AccountFacts, message: RegExp) {
        const config = parseForceMfaConfig(raw);
        expect(() => deployForceMfa(config, account)).to.throw(ConfigError, message);
        await settleRegistry(mocks);
        expect(mocks.resources, "nothing registered").to.deep.equal([]);
    }

    it("a topic key of another region: a ConfigError naming detection.kmsKeyArn and the rule", async () => {
        const kmsKeyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
        await refused({ ...ALL_ON, detection: { ...ALL_ON.detection, kmsKeyArn } }, ACCOUNT_FACTS, /detection\.kmsKeyArn: must be a key in the stack's region eu-central-1 .*got a key in us-east-1/);
    });

    it("a trust policy over 4,096 characters: a ConfigError naming adminRole.trustedUsers, the length and the advice", async () => {
        await refused(ALL_ON, accountWithUsers(60), /adminRole\.trustedUsers: the admin role's trust policy would be \d+ characters .*name fewer users/);
    });

    it("a trust policy between 2,048 and 4,096 characters: deployed, with a warning about the IAM quota", async () => {
        const outputs = deployForceMfa(parseForceMfaConfig(ALL_ON), accountWithUsers(30));
        await settleRegistry(mocks);
        expect(await new Promise((r) => outputs.adminRoleArn!.apply(r))).to.equal(`arn:aws:iam::${ACCOUNT}:role/mfa-admin`);
        const quota = warnings.messages.filter((m) => m.includes("Role trust policy length"));
        expect(quota).to.have.length(1);
        expect(quota[0]).to.match(/^adminRole\.trustedUsers: the admin role's trust policy is \d{4} characters/);
        // The length in the warning is the one of the role's actual trust document.
        const admin = mocks.ofType("aws:iam/role:Role").find((r) => r.inputs.name === "mfa-admin")!;
        expect(quota[0]).to.include(`is ${JSON.stringify(parseJson(admin.inputs.assumeRolePolicy)).length} characters`);
    });

    it("a trust policy within 2,048 characters: no warning about it", async () => {
        deployForceMfa(parseForceMfaConfig(ALL_ON), ACCOUNT_FACTS);
        await settleRegistry(mocks);
        expect(warnings.messages.filter((m) => m.includes("trust policy"))).to.deep.equal([]);
    });
});

describe("every policy document is known during preview", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        // A first preview: nothing exists yet, so every ARN, id and computed name is unknown.
        mocks = installMocks({ preview: true, allOutputsUnknown: true, existingUsers: [...ACCOUNT_FACTS.existingUsers] });
    });

    it("trusts, bucket, topic, key and role policies and the event pattern are plain JSON strings the pack can read", async () => {
        await deploy(mocks, ALL_ON);
        const documents: [string, string][] = [
            ["aws:iam/role:Role", "assumeRolePolicy"],
            ["aws:iam/rolePolicy:RolePolicy", "policy"],
            ["aws:s3/bucketPolicy:BucketPolicy", "policy"],
            ["aws:sns/topicPolicy:TopicPolicy", "policy"],
            ["aws:kms/key:Key", "policy"],
            ["aws:cloudwatch/eventRule:EventRule", "eventPattern"],
            ["aws:iam/policy:Policy", "policy"],
        ];
        for (const [type, property] of documents) {
            const registered = mocks.ofType(type);
            expect(registered, type).to.not.have.length(0);
            for (const r of registered) {
                expect(r.inputs[property], `${r.name}.${property}`).to.be.a("string");
                expect(() => JSON.parse(r.inputs[property]), `${r.name}.${property}`).to.not.throw();
            }
        }
        expect(mocks.ofType("aws:iam/role:Role")).to.have.length(3);
        // Sanity: outputs really are unknown in this preview (the topic ARN the alarm points at is).
        expect(mocks.one("aws:cloudwatch/metricAlarm:MetricAlarm").inputs.alarmActions[0]).to.deep.include({ __pulumiUnknown: true });
    });
});
