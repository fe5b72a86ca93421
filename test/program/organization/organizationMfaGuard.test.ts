/**
 * The organization's controls (OrganizationMfaGuard, through deployOrganizationMfa) under Pulumi mocks: the SCP and
 * its attachments, centralized root access and the organization Config rules, each switch on and off.
 */
import { expect } from "chai";
import { OrganizationSettings } from "../../../program/organization/organizationConfig";
import { mfaServiceControlPolicy, serviceControlPolicyText } from "../../../program/organization/mfaServiceControlPolicy";
import { deployOrganizationMfa, EnforcementNames, scpOptions } from "../../../program/organization/organizationStack";
import { installMocks, MockRegistry, promiseOf, settle } from "../pulumiMocks";
import { NAMES, ORGANIZATION, SETTINGS } from "./organizationFixtures";

const SCP = "aws:organizations/policy:Policy";
const ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";
const FEATURES = "aws:iam/organizationsFeatures:OrganizationsFeatures";
const ORG_RULE = "aws:cfg/organizationManagedRule:OrganizationManagedRule";

async function deploy(settings: Partial<OrganizationSettings> = {}, names: EnforcementNames = NAMES): Promise<{ mocks: MockRegistry; outputs: any }> {
    const mocks = installMocks();
    const { guard, outputs } = deployOrganizationMfa({ ...SETTINGS, ...settings }, names, ORGANIZATION, { owner: "platform" });
    await settle([guard, guard.policy, ...guard.attachments, ...(guard.rootAccess ? [guard.rootAccess] : []), ...guard.configRules]);
    return { mocks, outputs };
}

describe("organization controls under Pulumi mocks", () => {
    it("creates the service control policy from the builder, sent without whitespace, and attaches it to the root looked up", async () => {
        const { mocks, outputs } = await deploy();
        const scp = mocks.one(SCP);
        expect(scp.inputs.type).to.equal("SERVICE_CONTROL_POLICY");
        expect(scp.inputs.name).to.equal("force-mfa-deny-without-mfa");
        expect(scp.inputs.content).to.equal(serviceControlPolicyText(mfaServiceControlPolicy(scpOptions(SETTINGS, NAMES))));
        expect(scp.inputs.tags).to.deep.equal({ owner: "platform" });
        const attachment = mocks.one(ATTACHMENT);
        expect(attachment.inputs).to.deep.equal({ policyId: `${scp.name}-id`, targetId: "r-a1b2" });
        expect(mocks.ofType(FEATURES)).to.have.length(0);
        expect(mocks.ofType(ORG_RULE)).to.have.length(0);
        expect(outputs.attachedTo).to.deep.equal(["r-a1b2"]);
        expect(outputs.serviceControlPolicySize).to.equal(scp.inputs.content.length);
        expect(await promiseOf(outputs.serviceControlPolicyId)).to.equal(`${scp.name}-id`);
    });

    it("mirrors the per-account names: the enforced group and ForceMFA policy it protects, the password-change switch", async () => {
        const { mocks } = await deploy({}, { enforcedGroupName: "everyone", policyName: "RequireMFA", allowPasswordChangeWithoutMfa: false });
        const document = JSON.parse(mocks.one(SCP).inputs.content);
        expect(document.Statement[0].NotAction).not.to.include("iam:ChangePassword");
        expect(document.Statement.find((s: { Sid: string }) => s.Sid === "ProtectMfaEnforcement").Resource).to.deep.equal(["arn:aws:iam::*:group/everyone", "arn:aws:iam::*:policy/RequireMFA"]);
    });

    it("attaches to each listed OU and account instead, one attachment named after each target", async () => {
        const { mocks, outputs } = await deploy({ attachTo: ["ou-a1b2-c3d4e5f6", "111122223333"] });
        const attachments = mocks.ofType(ATTACHMENT);
        expect(attachments.map((a) => a.inputs.targetId)).to.deep.equal(["ou-a1b2-c3d4e5f6", "111122223333"]);
        expect(attachments.map((a) => a.name)).to.deep.equal(["force-mfa-organization-scp-ou-a1b2-c3d4e5f6", "force-mfa-organization-scp-111122223333"]);
        expect(outputs.attachedTo).to.deep.equal(["ou-a1b2-c3d4e5f6", "111122223333"]);
    });

    it("centralized root access: each feature on its own switch, none while both are off", async () => {
        const both = await deploy({ centralRootAccess: { credentialsManagement: true, sessions: true } });
        expect(both.mocks.one(FEATURES).inputs.enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
        expect(both.outputs.rootAccessFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
        const sessions = await deploy({ centralRootAccess: { credentialsManagement: false, sessions: true } });
        expect(sessions.mocks.one(FEATURES).inputs.enabledFeatures).to.deep.equal(["RootSessions"]);
        const credentials = await deploy({ centralRootAccess: { credentialsManagement: true, sessions: false } });
        expect(credentials.mocks.one(FEATURES).inputs.enabledFeatures).to.deep.equal(["RootCredentialsManagement"]);
    });

    it("organization Config rules: the three MFA rules, periodic at the configured frequency, minus excluded accounts", async () => {
        const { mocks, outputs } = await deploy({ configRules: { enabled: true, maximumExecutionFrequency: "Twelve_Hours", excludedAccountIds: ["111122223333"] } });
        const rules = mocks.ofType(ORG_RULE);
        expect(rules.map((r) => r.inputs.ruleIdentifier)).to.deep.equal(["IAM_USER_MFA_ENABLED", "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED"]);
        expect(rules.map((r) => r.inputs.name)).to.deep.equal([
            "force-mfa-org-iam-user-mfa-enabled",
            "force-mfa-org-mfa-enabled-for-console-access",
            "force-mfa-org-root-hardware-mfa",
        ]);
        for (const rule of rules) {
            expect(rule.inputs.maximumExecutionFrequency).to.equal("Twelve_Hours");
            expect(rule.inputs.excludedAccounts).to.deep.equal(["111122223333"]);
        }
        expect(await Promise.all(outputs.configRuleNames.map(promiseOf))).to.deep.equal(rules.map((r) => r.inputs.name));
        const noExclusions = await deploy({ configRules: { enabled: true, maximumExecutionFrequency: "TwentyFour_Hours", excludedAccountIds: [] } });
        expect(noExclusions.mocks.ofType(ORG_RULE).map((r) => r.inputs.excludedAccounts)).to.deep.equal([undefined, undefined, undefined]);
    });
});
