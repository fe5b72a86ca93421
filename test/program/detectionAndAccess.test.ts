/**
 * Wiring: every switch adds its resources and removes them cleanly, and the admin role trusts the right ARNs.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { expect } from "chai";
import { forceMfaGuardPolicies } from "../../policy-pack/policies";
import { checkStackConfig } from "../../program/config";
import { checkAgainstAccount, deployDetectionAndAccess, DetectionContext, KnownUser, resolveTrustedUserArns } from "../../program/detectionAndAccess";
import { ACCOUNT, captureWarnings, installMocks, MockRegistry, parseJson, REGION, settle } from "./pulumiMocks";

const DETECTION_TYPES = [
    "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:sns/topic:Topic",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:kms/key:Key",
];
const CONFIG_TYPES = [
    "aws:cfg/rule:Rule",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:cfg/recorder:Recorder",
    "aws:cfg/deliveryChannel:DeliveryChannel",
    "aws:cfg/recorderStatus:RecorderStatus",
];
const TRAIL_TYPES = ["aws:cloudtrail/trail:Trail", "aws:cloudwatch/logGroup:LogGroup", "aws:s3/bucket:Bucket", "aws:s3/bucketPolicy:BucketPolicy"];
const ADMIN_TYPES = ["force-mfa:access:MfaAdminRole", "aws:iam/rolePolicyAttachment:RolePolicyAttachment"];

function settings(raw: Record<string, unknown>) {
    const { config, problems } = checkStackConfig(raw);
    expect(problems).to.deep.equal([]);
    return config!;
}

function context(createdUsers: pulumi.Resource[] = []): DetectionContext {
    return {
        accountId: ACCOUNT,
        region: REGION,
        enforcedGroupName: "mfa-enforced",
        users: [
            { name: "alice", path: "/" },
            { name: "bob", path: "/eng/" },
            { name: "legacy", arn: `arn:aws:iam::${ACCOUNT}:user/old/legacy` },
            { name: "breakglass", path: "/" },
        ],
        enrolledUserNames: ["alice", "bob", "legacy"],
        createdUsers,
    };
}

async function deploy(raw: Record<string, unknown>, createdUsers: pulumi.Resource[] = []) {
    const outputs = deployDetectionAndAccess(settings(raw), context(createdUsers));
    const all: pulumi.Resource[] = [...outputs.components];
    for (const c of outputs.components) {
        all.push(...((c as unknown as { resources: pulumi.Resource[] }).resources ?? []));
    }
    await settle([...all, ...createdUsers]);
    return outputs;
}

describe("switches", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks();
    });
    const count = (types: string[]) => types.reduce((n, t) => n + mocks.ofType(t).length, 0);

    it("defaults (with a log group): alarm, topic and Config rules; no trail, recorder or admin role", async () => {
        const out = await deploy({ detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: ["sec@acme.example"] } });
        for (const t of DETECTION_TYPES) {
            expect(mocks.ofType(t), t).to.have.length.greaterThan(0);
        }
        expect(mocks.ofType("aws:cfg/rule:Rule")).to.have.length(4);
        expect(mocks.ofType("aws:cloudwatch/eventTarget:EventTarget")).to.have.length(1);
        expect(count(["aws:cfg/recorder:Recorder", "aws:cfg/deliveryChannel:DeliveryChannel", "aws:cfg/recorderStatus:RecorderStatus"])).to.equal(0);
        expect(count(TRAIL_TYPES)).to.equal(0);
        expect(count(ADMIN_TYPES)).to.equal(0);
        expect(mocks.ofType("aws:iam/role:Role")).to.have.length(0);
        expect(await new Promise((r) => out.alarmTopicArn!.apply(r))).to.equal(`arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`);
        expect(await new Promise((r) => out.configRuleNames!.apply(r))).to.have.length(4);
        expect(out.adminRoleArn).to.equal(undefined);
    });

    it("detection off: no metric filter, alarm, topic, key, subscription, Config rule, EventBridge rule or trail", async () => {
        const out = await deploy({ detection: { enabled: false, createTrail: true, alarmEmails: ["sec@acme.example"], configRules: { createRecorder: true } } });
        expect(count([...DETECTION_TYPES, ...CONFIG_TYPES, ...TRAIL_TYPES])).to.equal(0);
        expect(mocks.resources).to.have.length(0);
        expect(out.alarmTopicArn).to.equal(undefined);
        expect(out.configRuleNames).to.equal(undefined);
    });

    it("configRules off: the alarm stays, no Config rule, recorder or EventBridge rule", async () => {
        await deploy({ detection: { cloudTrailLogGroupName: "org-trail", configRules: { enabled: false, createRecorder: true } } });
        expect(count(CONFIG_TYPES)).to.equal(0);
        expect(mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).to.have.length(1);
    });

    it("createTrail and createRecorder on: the trail and the recorder with default bucket names from account and region", async () => {
        await deploy({ detection: { createTrail: true, configRules: { createRecorder: true } } });
        expect(mocks.one("aws:cloudtrail/trail:Trail").inputs.s3BucketName).to.equal(`force-mfa-cloudtrail-${ACCOUNT}-${REGION}`);
        expect(mocks.one("aws:cfg/deliveryChannel:DeliveryChannel").inputs.s3BucketName).to.equal(`force-mfa-config-${ACCOUNT}-${REGION}`);
        expect(mocks.ofType("aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)).to.have.members([
            `force-mfa-cloudtrail-${ACCOUNT}-${REGION}`,
            `force-mfa-config-${ACCOUNT}-${REGION}`,
        ]);
        expect(mocks.one("aws:cloudwatch/logMetricFilter:LogMetricFilter").inputs.logGroupName).to.equal("force-mfa-cloudtrail");
    });

    it("adminRole on (enforced group): the role trusts the enrolled users' ARNs, paths included, not exempt users", async () => {
        const alice = new aws.iam.User("alice", { name: "alice" });
        const out = await deploy({ detection: { enabled: false }, adminRole: { enabled: true, trustedUsers: "enforcedGroup" } }, [alice]);
        const role = mocks.one("aws:iam/role:Role");
        expect(role.inputs.name).to.equal("mfa-admin");
        expect(parseJson(role.inputs.assumeRolePolicy).Statement[0].Principal.AWS).to.deep.equal([
            `arn:aws:iam::${ACCOUNT}:user/alice`,
            `arn:aws:iam::${ACCOUNT}:user/eng/bob`,
            `arn:aws:iam::${ACCOUNT}:user/old/legacy`,
        ]);
        expect(role.dependencies).to.include(await new Promise((r) => alice.urn.apply(r)));
        expect(await new Promise((r) => out.adminRoleArn!.apply(r))).to.equal(`arn:aws:iam::${ACCOUNT}:role/mfa-admin`);
        expect(await new Promise<string>((r) => out.adminRoleAssumeCommand!.apply(r))).to.include("--serial-number");
        expect(await new Promise<string>((r) => out.adminRoleCliProfile!.apply(r))).to.include("mfa_serial = ");
    });

    it("adminRole on (named users): only those users", async () => {
        await deploy({ detection: { enabled: false }, adminRole: { enabled: true, trustedUsers: ["bob"], maxMfaAgeSeconds: 900 } });
        const trust = parseJson(mocks.one("aws:iam/role:Role").inputs.assumeRolePolicy);
        expect(trust.Statement[0].Principal.AWS).to.deep.equal([`arn:aws:iam::${ACCOUNT}:user/eng/bob`]);
        expect(trust.Statement[0].Condition.NumericLessThan).to.deep.equal({ "aws:MultiFactorAuthAge": "900" });
    });

    it("adminRole off: no role, no attachment, no outputs", async () => {
        const out = await deploy({ detection: { enabled: false }, adminRole: { enabled: false, trustedUsers: ["bob"] } });
        expect(count(ADMIN_TYPES)).to.equal(0);
        expect(mocks.ofType("aws:iam/role:Role")).to.have.length(0);
        expect(out.adminRoleArn).to.equal(undefined);
        expect(out.adminRoleAssumeCommand).to.equal(undefined);
    });
});

describe("no alarm e-mail address", () => {
    let warnings: ReturnType<typeof captureWarnings>;
    beforeEach(() => {
        installMocks();
        warnings = captureWarnings();
    });
    afterEach(() => warnings.restore());
    const about = () => warnings.messages.filter((m) => m.startsWith("detection.alarmEmails"));

    it("is no error, but a warning at deploy that nobody is notified until the topic has a subscriber", async () => {
        await deploy({ detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: [] } });
        expect(about()).to.have.length(1);
        expect(about()[0]).to.match(/^detection\.alarmEmails is empty: .*topic force-mfa-alerts, but nobody is notified until the topic has a subscriber/);
    });

    it("no warning with an address, nor with detection off", async () => {
        await deploy({ detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: ["sec@acme.example"] } });
        await deploy({ detection: { enabled: false } });
        expect(about()).to.deep.equal([]);
    });
});

describe("the force-mfa-guard pack on every switch on", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks();
    });

    it("no policy of the pack reports anything on the resources of detection, Config rules, recorder, trail and admin role", async () => {
        const alice = new aws.iam.User("alice", { name: "alice" });
        await deploy(
            {
                detection: { createTrail: true, alarmEmails: ["sec@acme.example"], configRules: { createRecorder: true } },
                adminRole: { enabled: true, trustedUsers: ["alice", "bob"] },
            },
            [alice],
        );
        const resources = mocks.resources
            .filter((r) => r.name !== "alice")
            .map((r) => ({
                type: r.type,
                urn: `urn:pulumi:test::force-mfa::${r.type}::${r.name}`,
                name: r.name,
                props: r.inputs,
                dependencies: [],
                propertyDependencies: {},
            }));
        expect(resources.filter((r) => r.type === "aws:iam/role:Role")).to.have.length(3);
        expect(await packReports(resources)).to.deep.equal([]);
        // Control: the same harness does see a role whose trust lacks the MFA condition.
        const admin = resources.find((r) => r.type === "aws:iam/role:Role" && r.props.name === "mfa-admin")!;
        const weakened = parseJson(admin.props.assumeRolePolicy);
        delete weakened.Statement[0].Condition;
        const reports = await packReports([{ ...admin, props: { ...admin.props, assumeRolePolicy: JSON.stringify(weakened) } }]);
        expect(reports).to.have.length(1);
        expect(reports[0]).to.match(/^iam-role-trust-requires-mfa: role mfa-admin: /);
    });
});

interface PackResource {
    type: string;
    urn: string;
    name: string;
    props: Record<string, any>;
    dependencies: unknown[];
    propertyDependencies: Record<string, unknown>;
}

/** Every policy of the pack over the resources, as the analyzer would hand them over; returns what was reported. */
async function packReports(resources: PackResource[]): Promise<string[]> {
    const reported: string[] = [];
    for (const policy of forceMfaGuardPolicies) {
        const report = (message: string) => reported.push(`${policy.name}: ${message}`);
        const resourcePolicy = policy as ResourceValidationPolicy;
        if (resourcePolicy.validateResource !== undefined) {
            const validations = Array.isArray(resourcePolicy.validateResource) ? resourcePolicy.validateResource : [resourcePolicy.validateResource];
            for (const r of resources) {
                for (const validate of validations) {
                    await validate({ ...r, getConfig: () => ({}) } as unknown as ResourceValidationArgs, report);
                }
            }
        }
        const stackPolicy = policy as StackValidationPolicy;
        if (stackPolicy.validateStack !== undefined) {
            const args = { resources: resources as unknown as PolicyResource[], getConfig: () => ({}), stackTags: new Map() } as unknown as StackValidationArgs;
            await stackPolicy.validateStack(args, report);
        }
    }
    return reported;
}

describe("admin role trusted users", () => {
    const users = context().users as { name: string; path?: string; arn?: string }[];

    it("a named user unknown to the program is an error naming the key", () => {
        expect(() => resolveTrustedUserArns(ACCOUNT, ["mallory"], users, [])).to.throw(/^adminRole\.trustedUsers: "mallory" is neither declared in config nor an existing IAM user/);
    });

    it("names match whatever their case (IAM user names ignore case); the ARN keeps the account's spelling", () => {
        const [known] = users;
        const arns = resolveTrustedUserArns(ACCOUNT, [known.name.toUpperCase()], users, []);
        expect(arns).to.have.length(1);
        expect(arns[0]).to.match(new RegExp(`:user/(.*/)?${known.name}$`));
    });

    it("an empty enforced group is an error naming the key", () => {
        expect(() => resolveTrustedUserArns(ACCOUNT, "enforcedGroup", users, [])).to.throw(/^adminRole\.trustedUsers: "enforcedGroup" has no members/);
    });
});

describe("checks against the account (pure; run before anything is registered)", () => {
    const users = context().users as KnownUser[];
    const account = { accountId: ACCOUNT, region: REGION, users, enrolledUserNames: ["alice", "bob", "legacy"] };
    const keyIn = (region: string, resource = "key/11111111-2222-3333-4444-555555555555") => `arn:aws:kms:${region}:${ACCOUNT}:${resource}`;
    const withKey = (kmsKeyArn: string, enabled = true) => settings({ detection: { enabled, cloudTrailLogGroupName: "org-trail", kmsKeyArn } });

    it("the topic's key must be in the stack's region (key or alias ARN)", () => {
        expect(checkAgainstAccount(withKey(keyIn(REGION)), account)).to.deep.equal({ problems: [], warnings: [] });
        expect(checkAgainstAccount(withKey(keyIn(REGION, "alias/alerts")), account).problems).to.deep.equal([]);
        for (const arn of [keyIn("us-east-1"), keyIn("eu-west-1", "alias/alerts")]) {
            const { problems } = checkAgainstAccount(withKey(arn), account);
            expect(problems).to.have.length(1);
            expect(problems[0]).to.match(new RegExp(`^detection\\.kmsKeyArn: must be a key in the stack's region ${REGION} .*got a key in ${arn.split(":")[3]}; for a multi-Region key \\(mrk-\\.\\.\\.\\), give the ARN of its replica in ${REGION}$`));
        }
    });

    it("a key of another region is kept without complaint while detection is off", () => {
        expect(checkAgainstAccount(withKey(keyIn("us-east-1"), false), account)).to.deep.equal({ problems: [], warnings: [] });
    });

    it("an unknown trusted user is a problem, not an exception", () => {
        const { problems } = checkAgainstAccount(settings({ detection: { enabled: false }, adminRole: { enabled: true, trustedUsers: ["mallory"] } }), account);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/^adminRole\.trustedUsers: "mallory" is neither declared/);
    });

    describe("the trust policy's length", () => {
        // 40-character names: each trusted ARN adds 31 + 40 characters and 3 of JSON ("", ).
        const many = (n: number): KnownUser[] => Array.from({ length: n }, (_, i) => ({ name: `administrator-with-a-long-name-${String(i).padStart(9, "0")}` }));
        const check = (n: number) =>
            checkAgainstAccount(settings({ detection: { enabled: false }, adminRole: { enabled: true, trustedUsers: "enforcedGroup" } }), {
                ...account,
                users: many(n),
                enrolledUserNames: many(n).map((u) => u.name),
            });

        it("a few users: no problem, no warning", () => {
            expect(check(3)).to.deep.equal({ problems: [], warnings: [] });
        });

        it("over 2,048: a warning that the IAM quota \"Role trust policy length\" must be raised", () => {
            const { problems, warnings } = check(30);
            expect(problems).to.deep.equal([]);
            expect(warnings).to.have.length(1);
            expect(warnings[0]).to.match(/^adminRole\.trustedUsers: the admin role's trust policy is \d{4} characters .*over IAM's default limit of 2048: .*"Role trust policy length"/);
        });

        it("over 4,096: a problem naming adminRole.trustedUsers, the length and the advice", () => {
            const { problems, warnings } = check(60);
            expect(warnings).to.deep.equal([]);
            expect(problems).to.have.length(1);
            const length = Number(/would be (\d+) characters/.exec(problems[0])![1]);
            expect(length).to.be.greaterThan(4096);
            expect(problems[0]).to.match(/^adminRole\.trustedUsers: .*over the 4096 IAM allows even with the quota "Role trust policy length" raised — name fewer users/);
        });
    });
});
