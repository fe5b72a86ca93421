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
        const config = validConfig({ ...QUIET, users: [{ name: "alice" }], exemptions: [{ name: "BreakGlass", reason: "r", expiresOn: "2099-12-31" }, { name: "ALICE", reason: "r", expiresOn: "2099-12-31" }] });
        expect(checkEnforcement(config, ACCOUNT_FACTS)).to.deep.equal({ problems: [], warnings: [] });
    });

    it("an exemption naming nobody: a warning that it has no effect yet, no problem", () => {
        const config = validConfig({ ...QUIET, exemptions: [{ name: "ghost", reason: "leaves next month", expiresOn: "2099-12-31" }] });
        expect(checkEnforcement(config, ACCOUNT_FACTS)).to.deep.equal({
            problems: [],
            warnings: ['exemption "ghost" names no user of the account or of this stack; it has no effect until such a user exists'],
        });
    });
});

describe("checkEnforcement: exemptions that expire", () => {
    const TODAY = { ...ACCOUNT_FACTS, today: "2026-06-15" };
    const config = validConfig({
        ...QUIET,
        exemptions: [
            { name: "carol", reason: "vendor migration", approvedBy: "ciso", ticket: "SEC-7", grantedOn: "2026-05-01", expiresOn: "2026-06-14" },
            { name: "breakglass", reason: "emergency access", expiresOn: "2026-06-15" },
        ],
    });

    it("through its expiresOn day an exemption counts; from the next day it is a warning and the user is enrolled", async () => {
        expect(checkEnforcement(config, TODAY)).to.deep.equal({
            problems: [],
            warnings: ['exemption "carol" expired on 2026-06-14: it no longer counts, and the user is enrolled — renew it (a new expiresOn) or remove it'],
        });
        const mocks = installMocks();
        const { outputs } = deployEnforcement(config, TODAY);
        await settleRegistry(mocks);
        expect(outputs.enrolledUsers).to.deep.equal(["carol"]);
        expect(outputs.exemptions).to.deep.equal([
            { name: "carol", reason: "vendor migration", approvedBy: "ciso", ticket: "SEC-7", grantedOn: "2026-05-01", expiresOn: "2026-06-14", status: "expired" },
            { name: "breakglass", reason: "emergency access", expiresOn: "2026-06-15", status: "active" },
        ]);
    });

    it("an exemption without expiresOn still counts (older stacks keep working), with a warning that it is permanent", () => {
        const permanent = validConfig({ ...QUIET, exemptions: [{ name: "breakglass", reason: "emergency access" }] });
        expect(checkEnforcement(permanent, TODAY).warnings).to.deep.equal([
            'exemption "breakglass" has no expiresOn: it is permanent — add approvedBy, grantedOn and expiresOn so it is reviewed',
        ]);
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
        expect(outputs.exemptions).to.deep.equal([{ name: "breakglass", reason: "emergency access", status: "permanent" }]);
        expect(outputs.allowedWithoutMfa).to.not.include("iam:ChangePassword");
        expect(nextSteps).to.have.length(2);
        expect(nextSteps[1]).to.include(`arn:aws:iam::${ACCOUNT}:mfa/<device>`);
    });
});
