/**
 * The organization section in the program: checked against the organization before anything is created
 * (checkAgainstOrganization, checkOrganization), and deployed as the one output `organization` (deployOrganization).
 */
import { expect } from "chai";
import { AccountFacts } from "../../../program/accountFacts";
import { checkAgainstOrganization, checkOrganization, deployOrganization } from "../../../program/organization/organizationStack";
import { installMocks, promiseOf, settleRegistry } from "../pulumiMocks";
import { accountWith, validConfig } from "../stackFixtures";
import { MANAGEMENT, NAMES, ORGANIZATION, SETTINGS } from "./organizationFixtures";

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

describe("organization section: checkOrganization and deployOrganization", () => {
    const PER_ACCOUNT = { detection: { enabled: false } };
    const withSection = validConfig({ ...PER_ACCOUNT, organization: {} });
    const account: AccountFacts = { ...accountWith([]), accountId: MANAGEMENT, organization: ORGANIZATION };

    it("a stack without the section: nothing to check, nothing deployed, no output", async () => {
        const mocks = installMocks();
        const config = validConfig(PER_ACCOUNT);
        expect(checkOrganization(config, accountWith([]))).to.deep.equal({ problems: [], warnings: [] });
        expect(deployOrganization(config, accountWith([]))).to.deep.equal({ outputs: {}, nextSteps: [], components: {} });
        await settleRegistry(mocks);
        expect(mocks.resources).to.deep.equal([]);
    });

    it("checks the section against the organization's facts, with the stack's enforcement names", () => {
        expect(checkOrganization(withSection, account)).to.deep.equal({ problems: [], warnings: [] });
        const { problems } = checkOrganization(withSection, { ...account, organization: { ...ORGANIZATION, enabledPolicyTypes: [] } });
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/^organization: service control policies are not enabled in the root r-a1b2/);
    });

    it("a section without the organization's facts is a programming error, not a config problem", () => {
        expect(() => checkOrganization(withSection, accountWith([]))).to.throw(/needs the organization's facts: lookUpAccount\(\{ organization: true \}\)/);
    });

    it("deploys the guard, its outputs under `organization` (with their own next steps), nothing in the stack's nextSteps", async () => {
        const mocks = installMocks();
        const { outputs, nextSteps, components } = deployOrganization(withSection, account);
        await settleRegistry(mocks);
        expect(nextSteps).to.deep.equal([]);
        expect(components.organization).to.not.equal(undefined);
        const scp = mocks.one("aws:organizations/policy:Policy");
        expect(await promiseOf(outputs.organization!.serviceControlPolicyId)).to.equal(`${scp.name}-id`);
        expect(outputs.organization!.attachedTo).to.deep.equal(["r-a1b2"]);
        expect(outputs.organization!.nextSteps).to.have.length(3);
    });
});
