/**
 * The enrollment window in the program (checkEnrollmentWindow, deployEnrollmentWindow): what only the whole config
 * and the account reveal, checked first; the job deployed after detection's topic; its outputs and next steps only
 * while it is on. Its resources in detail: enrollmentWindowJob.test.ts.
 */
import { expect } from "chai";
import { deployDetection } from "../../../program/detection/detectionStack";
import { checkEnrollmentWindow, deployEnrollmentWindow, reinstatementSteps } from "../../../program/enrollmentWindow/enrollmentWindowStack";
import { ACCOUNT, installMocks, REGION, settleRegistry } from "../pulumiMocks";
import { accountWith, validConfig } from "../stackFixtures";

const DETECTION = { detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: ["sec@acme.example"] } };
const ACCOUNT_FACTS = accountWith([{ name: "carol" }]);

describe("checkEnrollmentWindow (pure; run before anything is registered)", () => {
    it("off: nothing to check, even a suspension group named as the enforced one", () => {
        expect(checkEnrollmentWindow(validConfig({ ...DETECTION, compliance: { suspendedGroupName: "mfa-enforced" } }), ACCOUNT_FACTS)).to.deep.equal({ problems: [], warnings: [] });
    });

    it("on, with the defaults: no finding", () => {
        expect(checkEnrollmentWindow(validConfig({ ...DETECTION, compliance: { enabled: true } }), ACCOUNT_FACTS)).to.deep.equal({ problems: [], warnings: [] });
    });

    it("the suspension group must not be the enforced group, whatever the case", () => {
        const { problems } = checkEnrollmentWindow(validConfig({ ...DETECTION, compliance: { enabled: true, suspendedGroupName: "MFA-Enforced" } }), ACCOUNT_FACTS);
        expect(problems).to.deep.equal(["compliance.suspendedGroupName: must not be the enforced group (mfa-enforced); IAM group names ignore case"]);
    });

    it("the job's settings (the stack's exemptions with their reasons) must fit Lambda's environment", () => {
        const exemptions = Array.from({ length: 40 }, (_, i) => ({ name: `svc-${i}`, reason: "x".repeat(100) }));
        const { problems } = checkEnrollmentWindow(validConfig({ ...DETECTION, exemptions, compliance: { enabled: true } }), ACCOUNT_FACTS);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/^compliance: the job's settings, .* over the 4096 Lambda allows/);
    });
});

describe("deployEnrollmentWindow", () => {
    it("off: nothing registered, no output, no next step", async () => {
        const mocks = installMocks();
        expect(deployEnrollmentWindow(validConfig(DETECTION), ACCOUNT_FACTS, {})).to.deep.equal({ outputs: {}, nextSteps: [], components: {} });
        await settleRegistry(mocks);
        expect(mocks.resources).to.deep.equal([]);
    });

    it("on: the job after detection's topic, the function and audit bucket as outputs, what it does and how to reinstate as next steps", async () => {
        const mocks = installMocks();
        const config = validConfig({ ...DETECTION, compliance: { enabled: true, mode: "enforce", suspendAfterDays: 0 } });
        const detection = deployDetection(config, ACCOUNT_FACTS);
        const { outputs, nextSteps, components } = deployEnrollmentWindow(config, ACCOUNT_FACTS, detection.components);
        await settleRegistry(mocks);
        expect(outputs).to.deep.equal({ enrollmentWindowFunction: "force-mfa-enrollment-window", auditBucket: `force-mfa-audit-${ACCOUNT}-${REGION}` });
        expect(components.enrollmentWindow?.auditBucketName).to.equal(outputs.auditBucket);
        expect(nextSteps).to.have.length(2);
        expect(nextSteps[0]).to.include("never suspends (suspendAfterDays: 0)").and.include("Enforce mode: it makes those changes");
        expect(nextSteps[1]).to.equal(reinstatementSteps("mfa-suspended"));
        const fn = mocks.one("aws:lambda/function:Function");
        expect(fn.dependencies.some((urn) => urn.endsWith("aws:sns/topic:Topic::detection-topic"))).to.equal(true);
    });
});
