/**
 * The watch in the whole program (deployForceMfa under Pulumi mocks): its resources, how IAM's events reach the
 * queue from us-east-1, the queue's retries and dead letters, the function's settings and source mapping, its role,
 * the checks that stop the program first, its output and next step.
 */
import { expect } from "chai";
import { IAM_TYPES } from "../../../account";
import { deployForceMfa } from "../../../program/forceMfaStack";
import { ConfigError, parseForceMfaConfig } from "../../../program/stackConfig";
import { WATCH_SETTINGS_VARIABLE } from "../../../program/watch/handler/watchSettings";
import { WATCH_BATCH_SIZE, WATCH_MAX_RECEIVES, WATCH_TIMEOUT_SECONDS, WATCH_VISIBILITY_SECONDS } from "../../../program/watch/iamChangeWatch";
import { iamChangePattern } from "../../../program/watch/watchedEvents";
import { watchRolePolicyDocument } from "../../../program/watch/watchPolicies";
import { ACCOUNT, captureWarnings, installMocks, MockRegistry, parseJson, REGION, settleRegistry } from "../pulumiMocks";
import { accountWith } from "../stackFixtures";

const BASE = {
    exemptions: [{ name: "breakglass", reason: "Emergency administrator; hardware MFA in the safe", expiresOn: "2099-12-31" }],
    stateBucketName: "acme-terraform-state",
    detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: ["sec@acme.example"] },
};

describe("watch — the component in the program, under Pulumi mocks", () => {
    let mocks: MockRegistry;
    let warnings: ReturnType<typeof captureWarnings>;
    beforeEach(() => (warnings = captureWarnings()));
    afterEach(() => warnings.restore());

    async function deploy(watch: unknown, region = REGION, extra: Record<string, unknown> = {}) {
        mocks = installMocks({ existingUsers: [{ name: "carol" }, { name: "breakglass" }] });
        const outputs = deployForceMfa(parseForceMfaConfig({ ...BASE, ...extra, watch }), { ...accountWith([{ name: "carol" }, { name: "breakglass" }]), region });
        await settleRegistry(mocks);
        // The program causes no warning of its own with the watch on.
        expect(warnings.messages).to.deep.equal([]);
        return outputs;
    }

    const watchResources = () => mocks.resources.filter((r) => r.name.startsWith("watch"));

    it("off (the default): nothing registered, no output, no next step", async () => {
        const outputs = await deploy(undefined);
        expect(watchResources()).to.deep.equal([]);
        expect(outputs).to.not.have.property("watchFunction");
        expect(outputs.nextSteps.join("\n")).to.not.include("Watch:");
    });

    describe("on, in eu-central-1 (one deployment for these cases)", () => {
        let outputs: Awaited<ReturnType<typeof deploy>>;
        before(async () => {
            warnings = captureWarnings();
            outputs = await deploy({ enabled: true, batchWindowSeconds: 45 }, REGION, { enforcedGroupName: "everyone-mfa" });
            warnings.restore();
        });

        it("in eu-central-1: a us-east-1 rule forwards IAM's events to the region's default bus, with a role that may only put them there", () => {
            expect(outputs.watchFunction).to.equal("force-mfa-watch");
            const forwarder = mocks.byName("watch-forwarder");
            expect(forwarder.inputs.region).to.equal("us-east-1");
            expect(parseJson(forwarder.inputs.eventPattern)).to.deep.equal(iamChangePattern());
            const target = mocks.byName("watch-forwarder-target");
            expect(target.inputs).to.deep.include({ region: "us-east-1", arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default` });
            expect(target.inputs.roleArn).to.equal(`arn:aws:iam::${ACCOUNT}:role/force-mfa-watch-forwarder`);
            expect(parseJson(mocks.byName("watch-forwarder-policy").inputs.policy).Statement).to.deep.equal([
                { Sid: "ForwardToTheStackRegion", Effect: "Allow", Action: "events:PutEvents", Resource: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default` },
            ]);
            // The stack region's rule takes the forwarded events, with the same pattern, into the queue.
            const rule = mocks.byName("watch-rule");
            expect(rule.inputs.region).to.equal(undefined);
            expect(parseJson(rule.inputs.eventPattern)).to.deep.equal(iamChangePattern());
            expect(mocks.byName("watch-rule-target").inputs.arn).to.equal(mocks.byName("watch-queue").state.arn);
            expect(outputs.nextSteps.join("\n")).to.include("forwarded from us-east-1 by the rule force-mfa-watch-forwarder");
        });

        it("the queue: encrypted, retried, then dead letters that alarm on the alert topic; only the watch's rule may send", () => {
            const queue = mocks.byName("watch-queue");
            expect(queue.inputs).to.deep.include({ sqsManagedSseEnabled: true, visibilityTimeoutSeconds: WATCH_VISIBILITY_SECONDS });
            expect(parseJson(queue.inputs.redrivePolicy)).to.deep.equal({ deadLetterTargetArn: mocks.byName("watch-dead-letters").state.arn, maxReceiveCount: WATCH_MAX_RECEIVES });
            expect(mocks.byName("watch-dead-letters").inputs.sqsManagedSseEnabled).to.equal(true);
            const policy = parseJson(mocks.byName("watch-queue-policy").inputs.policy);
            expect(policy.Statement[0].Condition).to.deep.equal({ ArnEquals: { "aws:SourceArn": `arn:aws:events:${REGION}:${ACCOUNT}:rule/force-mfa-watch` } });
            const alarm = mocks.byName("watch-dead-letters-alarm");
            expect(alarm.inputs.alarmActions).to.deep.equal([`arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`]);
            expect(alarm.inputs.dimensions).to.deep.equal({ QueueName: "force-mfa-watch-dead-letters" });
        });

        it("the function: the bundle, its settings, fed in batches with partial failures, two at a time at most", () => {
            const fn = mocks.byName("watch-function");
            expect(fn.inputs.timeout).to.equal(WATCH_TIMEOUT_SECONDS);
            expect(parseJson(fn.inputs.environment.variables[WATCH_SETTINGS_VARIABLE])).to.deep.equal({
                topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`,
                tableName: "force-mfa-watch",
                enforcedGroupName: "everyone-mfa",
                mode: "report",
                exemptions: [{ name: "breakglass", reason: "Emergency administrator; hardware MFA in the safe", expiresOn: "2099-12-31" }],
            });
            expect(fn.dependencies.some((urn) => urn.endsWith("aws:sns/topic:Topic::detection-topic"))).to.equal(true);
            const source = mocks.byName("watch-source");
            expect(source.inputs).to.deep.include({ batchSize: WATCH_BATCH_SIZE, maximumBatchingWindowInSeconds: 45, functionResponseTypes: ["ReportBatchItemFailures"] });
            expect(source.inputs.scalingConfig).to.deep.equal({ maximumConcurrency: 2 });
            const table = mocks.byName("watch-verdicts");
            expect(table.inputs).to.deep.include({ billingMode: "PAY_PER_REQUEST", hashKey: "principal" });
            expect(table.inputs.serverSideEncryption).to.deep.equal({ enabled: true });
        });

        it("the role's document is the one proven in watchPolicies.test.ts, known during preview", () => {
            expect(parseJson(mocks.byName("watch-role-policy").inputs.policy)).to.deep.equal(
                watchRolePolicyDocument({
                    accountId: ACCOUNT,
                    region: REGION,
                    functionName: "force-mfa-watch",
                    queueArn: mocks.byName("watch-queue").state.arn,
                    tableArn: mocks.byName("watch-verdicts").state.arn,
                    topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:force-mfa-alerts`,
                    topicKey: { aliasName: "alias/force-mfa-alerts" },
                }),
            );
            // The watch declares no IAM principal of its own that the pack would have to judge, beyond its roles.
            expect(watchResources().filter((r) => [IAM_TYPES.user, IAM_TYPES.group, IAM_TYPES.policy].includes(r.type as never))).to.deep.equal([]);
        });
    });

    it("in us-east-1: IAM's events are there, no forwarder", async () => {
        await deploy({ enabled: true }, "us-east-1");
        expect(mocks.resources.filter((r) => r.name.startsWith("watch-forwarder"))).to.deep.equal([]);
        expect(mocks.byName("watch-rule").inputs.eventPattern).to.be.a("string");
    });

    it("settings over Lambda's 4 KB of environment stop the program before anything is registered", async () => {
        mocks = installMocks();
        const exemptions = Array.from({ length: 40 }, (_, i) => ({ name: `svc-${i}`, reason: "x".repeat(100) }));
        expect(() => deployForceMfa(parseForceMfaConfig({ ...BASE, exemptions, watch: { enabled: true } }), accountWith([]))).to.throw(ConfigError, /watch: the function's settings/);
        await settleRegistry(mocks);
        expect(mocks.resources).to.deep.equal([]);
    });
});
