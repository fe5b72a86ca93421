/**
 * Enforcement in the program (checkEnforcement, deployEnforcement): an exemption naming nobody is a warning, not a
 * problem; the deployment registers MfaEnforcement and returns every output and the enrollment next steps.
 */
import { expect } from "chai";
import { checkEnforcement, deployEnforcement } from "../../../program/enforcement/enforcementStack";
import { ACCOUNT, installMocks, promiseOf, settleRegistry } from "../pulumiMocks";
import { accountWith, validConfig } from "../stackFixtures";

const QUIET = { detection: { enabled: false } };
const ACCOUNT_FACTS = accountWith([{ name: "carol" }, { name: "breakglass" }]);

describe("checkEnforcement", () => {
    it("an exemption of an account user or a declared one, in any case: no finding", () => {
        const config = validConfig({ ...QUIET, users: [{ name: "alice" }], exemptions: [{ name: "BreakGlass", reason: "r" }, { name: "ALICE", reason: "r" }] });
        expect(checkEnforcement(config, ACCOUNT_FACTS)).to.deep.equal({ problems: [], warnings: [] });
    });

    it("an exemption naming nobody: a warning that it has no effect yet, no problem", () => {
        const config = validConfig({ ...QUIET, exemptions: [{ name: "ghost", reason: "leaves next month" }] });
        expect(checkEnforcement(config, ACCOUNT_FACTS)).to.deep.equal({
            problems: [],
            warnings: ['exemption "ghost" names no user of the account or of this stack; it has no effect until such a user exists'],
        });
    });
});

describe("deployEnforcement", () => {
    it("the component, every output of enforcement, and the enrollment next steps naming the account", async () => {
        const mocks = installMocks();
        const config = validConfig({ ...QUIET, users: [{ name: "alice" }], exemptions: [{ name: "breakglass", reason: "emergency access" }], allowPasswordChangeWithoutMfa: false });
        const { outputs, nextSteps, components } = deployEnforcement(config, ACCOUNT_FACTS);
        await settleRegistry(mocks);
        expect(components.enforcement.enrolledUsers).to.deep.equal(["alice", "carol"]);
        expect(Object.keys(outputs)).to.deep.equal(["policyArn", "groupName", "enrolledUsers", "exemptions", "allowedWithoutMfa"]);
        expect(await promiseOf(outputs.policyArn)).to.equal(`arn:aws:iam::${ACCOUNT}:policy/ForceMFA`);
        expect(await promiseOf(outputs.groupName)).to.equal("mfa-enforced");
        expect(outputs.exemptions).to.deep.equal([{ name: "breakglass", reason: "emergency access" }]);
        expect(outputs.allowedWithoutMfa).to.not.include("iam:ChangePassword");
        expect(nextSteps).to.have.length(2);
        expect(nextSteps[1]).to.include(`arn:aws:iam::${ACCOUNT}:mfa/<device>`);
    });
});
