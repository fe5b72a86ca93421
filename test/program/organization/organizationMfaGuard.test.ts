/**
 * The organization's controls under Pulumi mocks: the SCP and its attachments, centralized root access and the
 * organization Config rules, each switch on and off, and the checks against the organization made before anything
 * is created.
 */
import { expect } from "chai";
import { OrganizationConfig } from "../../../program/organization/organizationConfig";
import { mfaServiceControlPolicy, serviceControlPolicyText } from "../../../program/organization/mfaServiceControlPolicy";
import {
    checkAgainstOrganization,
    deployOrganizationMfa,
    EnforcementNames,
    lookUpOrganization,
    OrganizationFacts,
    scpOptions,
} from "../../../program/organization/organizationStack";
import { installMocks, MockRegistry, promiseOf, settle } from "../pulumiMocks";

const ORGANIZATION: OrganizationFacts = {
    id: "o-abc123",
    rootId: "r-a1b2",
    featureSet: "ALL",
    enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
    managementAccountId: "999988887777",
};
const MANAGEMENT = ORGANIZATION.managementAccountId;
const NAMES: EnforcementNames = { enforcedGroupName: "mfa-enforced", policyName: "ForceMFA", allowPasswordChangeWithoutMfa: true };
const SETTINGS: OrganizationConfig = {
    serviceControlPolicyName: "force-mfa-deny-without-mfa",
    attachTo: ["root"],
    exemptionTagKey: "force-mfa-exempt",
    exemptUserArns: ["arn:aws:iam::*:user/breakglass"],
    deployerRoleArns: ["arn:aws:iam::*:role/force-mfa-deployer"],
    centralRootAccess: { credentialsManagement: false, sessions: false },
    configRules: { enabled: false, maximumExecutionFrequency: "TwentyFour_Hours", excludedAccountIds: [] },
};
const SCP = "aws:organizations/policy:Policy";
const ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";
const FEATURES = "aws:iam/organizationsFeatures:OrganizationsFeatures";
const ORG_RULE = "aws:cfg/organizationManagedRule:OrganizationManagedRule";

async function deploy(settings: Partial<OrganizationConfig> = {}, names: EnforcementNames = NAMES): Promise<{ mocks: MockRegistry; outputs: any }> {
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
        expect(document.Statement[2].Resource).to.deep.equal(["arn:aws:iam::*:group/everyone", "arn:aws:iam::*:policy/RequireMFA"]);
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

    it("reads the root, its enabled policy types and the management account with getOrganization", async () => {
        installMocks({
            invokes: {
                "aws:organizations/getOrganization:getOrganization": {
                    id: "o-abc123",
                    featureSet: "ALL",
                    masterAccountId: "999988887777",
                    roots: [
                        {
                            id: "r-a1b2",
                            arn: "arn:aws:organizations::999988887777:root/o-abc123/r-a1b2",
                            name: "Root",
                            policyTypes: [
                                { type: "SERVICE_CONTROL_POLICY", status: "ENABLED" },
                                { type: "TAG_POLICY", status: "PENDING_DISABLE" },
                            ],
                        },
                    ],
                },
            },
        });
        expect(await lookUpOrganization()).to.deep.equal({ ...ORGANIZATION, enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] });
    });
});

describe("organization controls: checks against the organization, before anything is created", () => {
    it("passes the usual organization", () => {
        expect(checkAgainstOrganization(SETTINGS, NAMES, ORGANIZATION, MANAGEMENT)).to.deep.equal({ problems: [], warnings: [] });
    });

    it("refuses an oversized policy, naming the key that grew it", () => {
        const many = Array.from({ length: 120 }, (_, i) => `arn:aws:iam::${100000000000 + i}:user/breakglass`);
        const { problems } = checkAgainstOrganization({ ...SETTINGS, exemptUserArns: many }, NAMES, ORGANIZATION, MANAGEMENT);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/over AWS's limit of 5120 \(organization\.exemptUserArns adds \d+/);
    });

    it("refuses an organization without all features, or without service control policies enabled, saying how to enable them", () => {
        expect(checkAgainstOrganization(SETTINGS, NAMES, { ...ORGANIZATION, featureSet: "CONSOLIDATED_BILLING" }, MANAGEMENT).problems).to.deep.equal([
            "organization: the organization has feature set CONSOLIDATED_BILLING; service control policies need all features enabled (aws organizations enable-all-features)",
        ]);
        expect(checkAgainstOrganization(SETTINGS, NAMES, { ...ORGANIZATION, enabledPolicyTypes: [] }, MANAGEMENT).problems).to.deep.equal([
            "organization: service control policies are not enabled in the root r-a1b2; enable them first: aws organizations enable-policy-type --root-id r-a1b2 --policy-type SERVICE_CONTROL_POLICY",
        ]);
    });

    it("a delegated administrator may attach the SCP, but only the management account enables root access and organization Config rules", () => {
        const delegated = "444455556666";
        expect(checkAgainstOrganization(SETTINGS, NAMES, ORGANIZATION, delegated).problems).to.deep.equal([]);
        const both = { ...SETTINGS, centralRootAccess: { credentialsManagement: false, sessions: true }, configRules: { ...SETTINGS.configRules, enabled: true } };
        expect(checkAgainstOrganization(both, NAMES, ORGANIZATION, delegated).problems).to.deep.equal([
            "organization.centralRootAccess: only the management account (999988887777) can enable it; this stack runs in 444455556666",
            "organization.configRules: organization Config rules are created from the management account (999988887777); this stack runs in 444455556666",
        ]);
        expect(checkAgainstOrganization(both, NAMES, ORGANIZATION, MANAGEMENT).problems).to.deep.equal([]);
    });

    it("refuses an account outside any organization, and says nothing else", () => {
        const none = { ...ORGANIZATION, id: "", rootId: "", featureSet: "", enabledPolicyTypes: [], managementAccountId: "" };
        expect(checkAgainstOrganization(SETTINGS, NAMES, none, MANAGEMENT)).to.deep.equal({
            problems: ["organization: getOrganization found no organization; run this stack in the organization's management account (or a delegated administrator)"],
            warnings: [],
        });
    });

    it("warns that the management account is never bound by an SCP when it is listed", () => {
        const { problems, warnings } = checkAgainstOrganization({ ...SETTINGS, attachTo: ["999988887777"] }, NAMES, ORGANIZATION, MANAGEMENT);
        expect(problems).to.deep.equal([]);
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.match(/^organization\.attachTo: 999988887777 is the management account; a service control policy never applies there/);
    });
});
