/**
 * Detection in the program (checkDetection, deployDetection): every switch adds its resources and outputs and removes
 * them cleanly, the topic key's region is checked against the account, and the pack finds nothing to report.
 */
import { expect } from "chai";
import { checkDetection, deployDetection } from "../../../program/detection/detectionStack";
import { packReports, packResources } from "../packReports";
import { ACCOUNT, captureWarnings, installMocks, MockRegistry, promiseOf, REGION, settleRegistry } from "../pulumiMocks";
import { accountWith, validConfig } from "../stackFixtures";

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

const ACCOUNT_FACTS = accountWith([{ name: "alice" }]);

async function deploy(mocks: MockRegistry, raw: Record<string, unknown>) {
    const deployment = deployDetection(validConfig(raw), ACCOUNT_FACTS);
    await settleRegistry(mocks);
    return deployment;
}

describe("detection switches", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks();
    });
    const count = (types: string[]) => types.reduce((n, t) => n + mocks.ofType(t).length, 0);

    it("defaults (with a log group): alarm, topic and Config rules with their outputs; no trail or recorder", async () => {
        const { outputs, components } = await deploy(mocks, { detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: ["sec@acme.example"] } });
        for (const t of DETECTION_TYPES) {
            expect(mocks.ofType(t), t).to.have.length.greaterThan(0);
        }
        expect(mocks.ofType("aws:cfg/rule:Rule")).to.have.length(4);
        expect(mocks.ofType("aws:cloudwatch/eventTarget:EventTarget")).to.have.length(1);
        expect(count(["aws:cfg/recorder:Recorder", "aws:cfg/deliveryChannel:DeliveryChannel", "aws:cfg/recorderStatus:RecorderStatus"])).to.equal(0);
        expect(count(TRAIL_TYPES)).to.equal(0);
        expect(mocks.ofType("aws:iam/role:Role")).to.have.length(0);
        expect(Object.keys(outputs)).to.have.members(["alarmTopicArn", "consoleSignInAlarmName", "configRuleNames"]);
        expect(await promiseOf(outputs.alarmTopicArn!)).to.equal(`arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`);
        expect(await promiseOf(outputs.configRuleNames!)).to.have.length(4);
        expect(components.detection).to.not.equal(undefined);
        expect(components.configRules).to.not.equal(undefined);
    });

    it("detection off: no resource at all, no output, no component", async () => {
        const deployment = await deploy(mocks, { detection: { enabled: false, createTrail: true, alarmEmails: ["sec@acme.example"], configRules: { createRecorder: true } } });
        expect(mocks.resources).to.have.length(0);
        expect(deployment).to.deep.equal({ outputs: {}, nextSteps: [], components: {} });
    });

    it("configRules off: the alarm stays, no Config rule, recorder or EventBridge rule, and no configRuleNames output", async () => {
        const { outputs, components } = await deploy(mocks, { detection: { cloudTrailLogGroupName: "org-trail", configRules: { enabled: false, createRecorder: true } } });
        expect(count(CONFIG_TYPES)).to.equal(0);
        expect(mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).to.have.length(1);
        expect(Object.keys(outputs)).to.have.members(["alarmTopicArn", "consoleSignInAlarmName"]);
        expect(components.configRules).to.equal(undefined);
    });

    it("createTrail and createRecorder on: the trail and the recorder with default bucket names from account and region", async () => {
        await deploy(mocks, { detection: { createTrail: true, configRules: { createRecorder: true } } });
        expect(mocks.one("aws:cloudtrail/trail:Trail").inputs.s3BucketName).to.equal(`force-mfa-cloudtrail-${ACCOUNT}-${REGION}`);
        expect(mocks.one("aws:cfg/deliveryChannel:DeliveryChannel").inputs.s3BucketName).to.equal(`force-mfa-config-${ACCOUNT}-${REGION}`);
        expect(mocks.ofType("aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)).to.have.members([`force-mfa-cloudtrail-${ACCOUNT}-${REGION}`, `force-mfa-config-${ACCOUNT}-${REGION}`]);
        expect(mocks.one("aws:cloudwatch/logMetricFilter:LogMetricFilter").inputs.logGroupName).to.equal("force-mfa-cloudtrail");
    });
});

describe("detection without an alarm e-mail address", () => {
    let mocks: MockRegistry;
    let warnings: ReturnType<typeof captureWarnings>;
    beforeEach(() => {
        mocks = installMocks();
        warnings = captureWarnings();
    });
    afterEach(() => warnings.restore());
    const about = () => warnings.messages.filter((m) => m.startsWith("detection.alarmEmails"));

    it("is no error, but a warning at deploy that nobody is notified until the topic has a subscriber", async () => {
        await deploy(mocks, { detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: [] } });
        expect(about()).to.have.length(1);
        expect(about()[0]).to.match(/^detection\.alarmEmails is empty: .*topic force-mfa-alerts, but nobody is notified until the topic has a subscriber/);
    });

    it("no warning with an address, nor with detection off", async () => {
        await deploy(mocks, { detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: ["sec@acme.example"] } });
        await deploy(mocks, { detection: { enabled: false } });
        expect(about()).to.deep.equal([]);
    });
});

describe("detection through the force-mfa-guard pack", () => {
    it("with every switch on (trail, recorder, Config rules), no policy of the pack reports anything", async () => {
        const mocks = installMocks();
        await deploy(mocks, { detection: { createTrail: true, alarmEmails: ["sec@acme.example"], configRules: { createRecorder: true } } });
        const resources = packResources(mocks.resources, "inputs");
        // The trail's and the recorder's service roles are judged too.
        expect(resources.filter((r) => r.type === "aws:iam/role:Role")).to.have.length(2);
        expect(await packReports(resources)).to.deep.equal([]);
    });
});

describe("checkDetection (pure; run before anything is registered)", () => {
    const keyIn = (region: string, resource = "key/11111111-2222-3333-4444-555555555555") => `arn:aws:kms:${region}:${ACCOUNT}:${resource}`;
    const withKey = (kmsKeyArn: string, enabled = true) => validConfig({ detection: { enabled, cloudTrailLogGroupName: "org-trail", kmsKeyArn } });

    it("the topic's key must be in the stack's region (key or alias ARN)", () => {
        expect(checkDetection(withKey(keyIn(REGION)), ACCOUNT_FACTS)).to.deep.equal({ problems: [], warnings: [] });
        expect(checkDetection(withKey(keyIn(REGION, "alias/alerts")), ACCOUNT_FACTS).problems).to.deep.equal([]);
        for (const arn of [keyIn("us-east-1"), keyIn("eu-west-1", "alias/alerts")]) {
            const { problems } = checkDetection(withKey(arn), ACCOUNT_FACTS);
            expect(problems).to.have.length(1);
            expect(problems[0]).to.match(
                new RegExp(`^detection\\.kmsKeyArn: must be a key in the stack's region ${REGION} .*got a key in ${arn.split(":")[3]}; for a multi-Region key \\(mrk-\\.\\.\\.\\), give the ARN of its replica in ${REGION}$`),
            );
        }
    });

    it("a key of another region is kept without complaint while detection is off", () => {
        expect(checkDetection(withKey(keyIn("us-east-1"), false), ACCOUNT_FACTS)).to.deep.equal({ problems: [], warnings: [] });
    });

    it("a created key (no kmsKeyArn) is in the stack's region by construction", () => {
        expect(checkDetection(validConfig({ detection: { cloudTrailLogGroupName: "org-trail" } }), ACCOUNT_FACTS)).to.deep.equal({ problems: [], warnings: [] });
    });
});
