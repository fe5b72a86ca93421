/**
 * The whole program with an organization section, under Pulumi mocks: the management account's own enforcement and
 * the organization's controls side by side, the organization read only when the section is there, and a section
 * that does not fit the organization stopping the program before anything is registered.
 */
import { expect } from "chai";
import { ConfigError, parseForceMfaConfig } from "../../../program/stackConfig";
import { lookUpAccount } from "../../../program/accountFacts";
import { deployForceMfa } from "../../../program/forceMfaStack";
import { checkOrganizationConfig, OrganizationSettings } from "../../../program/organization/organizationConfig";
import { ACCOUNT, installMocks, MockRegistry, promiseOf, settleRegistry } from "../pulumiMocks";

const GET_ORGANIZATION = "aws:organizations/getOrganization:getOrganization";
const organizationAnswer = (policyTypes: { type: string; status: string }[] = [{ type: "SERVICE_CONTROL_POLICY", status: "ENABLED" }]) => ({
    id: "o-abc123",
    featureSet: "ALL",
    masterAccountId: ACCOUNT,
    roots: [{ id: "r-a1b2", arn: `arn:aws:organizations::${ACCOUNT}:root/o-abc123/r-a1b2`, name: "Root", policyTypes }],
});
const PER_ACCOUNT = { detection: { enabled: false }, stateDeleteGuard: false };
const SECTION = {
    exemptionTagKey: "force-mfa-exempt",
    deployerRoleArns: ["arn:aws:iam::*:role/force-mfa-deployer"],
    centralRootAccess: { credentialsManagement: true, sessions: true },
    configRules: { enabled: true },
};

function section(raw: unknown): OrganizationSettings {
    const { settings, problems } = checkOrganizationConfig(raw);
    expect(problems).to.deep.equal([]);
    return settings!;
}

async function run(organization: OrganizationSettings | undefined, answer: Record<string, unknown> = organizationAnswer()): Promise<{ registry: MockRegistry; outputs: any; invoked: string[] }> {
    const invoked: string[] = [];
    const registry = installMocks({ invokes: { [GET_ORGANIZATION]: answer } });
    const config = { ...parseForceMfaConfig(PER_ACCOUNT), ...(organization ? { organization } : {}) };
    const account = await lookUpAccount({ organization: organization !== undefined });
    if (account.organization) {
        invoked.push(GET_ORGANIZATION);
    }
    const outputs = deployForceMfa(config, account);
    await settleRegistry(registry, 50);
    return { registry, outputs, invoked };
}

describe("force-mfa program with an organization section, under mocks", () => {
    it("deploys the management account's own enforcement and the organization's controls, exported as `organization`", async () => {
        const { registry, outputs } = await run(section(SECTION));
        expect(registry.ofType("aws:iam/group:Group")).to.have.length(1);
        expect(registry.ofType("aws:iam/policy:Policy")).to.have.length(1);
        const scp = registry.one("aws:organizations/policy:Policy");
        expect(registry.one("aws:organizations/policyAttachment:PolicyAttachment").inputs.targetId).to.equal("r-a1b2");
        expect(registry.one("aws:iam/organizationsFeatures:OrganizationsFeatures").inputs.enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
        expect(registry.ofType("aws:cfg/organizationManagedRule:OrganizationManagedRule")).to.have.length(3);
        // The SCP protects the names of this stack's own enforcement.
        expect(JSON.parse(scp.inputs.content).Statement.find((s: { Sid: string }) => s.Sid === "ProtectMfaEnforcement").Resource).to.deep.equal(["arn:aws:iam::*:group/mfa-enforced", "arn:aws:iam::*:policy/ForceMFA"]);
        expect(await promiseOf(outputs.organization.serviceControlPolicyId)).to.equal(`${scp.name}-id`);
        expect(outputs.organization.attachedTo).to.deep.equal(["r-a1b2"]);
        expect(outputs.organization.serviceControlPolicySize).to.equal(scp.inputs.content.length);
    });

    it("the SCP's exemptions with their terms in the `exemptions` output beside the users'; the expired one left out of the policy", async () => {
        const registry = installMocks({ invokes: { [GET_ORGANIZATION]: organizationAnswer() } });
        const contractor = { arn: "arn:aws:iam::*:user/contractor", reason: "vendor migration", approvedBy: "ciso", ticket: "SEC-9", expiresOn: "2026-12-06" };
        const auditor = { arn: "arn:aws:iam::*:user/auditor", reason: "read-only review", expiresOn: "2026-12-31" };
        const config = {
            ...parseForceMfaConfig({ ...PER_ACCOUNT, exemptions: [{ name: "breakglass", reason: "safe", expiresOn: "2099-12-31" }] }),
            organization: section({ ...SECTION, exemptUserArns: [contractor, auditor] }),
        };
        const account = { ...(await lookUpAccount({ organization: true })), today: "2026-12-07" };
        const outputs = deployForceMfa(config, account);
        await settleRegistry(registry, 50);
        expect(outputs.exemptions).to.deep.equal([
            { name: "breakglass", reason: "safe", expiresOn: "2099-12-31", status: "active" },
            { scope: "organization", ...contractor, status: "expired" },
            { scope: "organization", ...auditor, status: "active" },
        ]);
        const content = registry.one("aws:organizations/policy:Policy").inputs.content;
        expect(content).to.not.include("contractor");
        expect(content).to.include('"DateGreaterThanEquals":{"aws:CurrentTime":"2027-01-01T00:00:00Z"}');
    });

    it("without the section: no organization read, no organization resource, no `organization` output", async () => {
        const { registry, outputs, invoked } = await run(undefined);
        expect(invoked).to.deep.equal([]);
        expect(registry.resources.filter((r) => /^aws:(organizations|cfg\/organization|iam\/organizationsFeatures)/.test(r.type))).to.deep.equal([]);
        expect(outputs).not.to.have.property("organization");
    });

    it("stops before registering anything when the SCP is too large or SCPs are not enabled in the root", async () => {
        const many = Array.from({ length: 120 }, (_, i) => `arn:aws:iam::${100000000000 + i}:user/breakglass`);
        const tooLarge = installMocks({ invokes: { [GET_ORGANIZATION]: organizationAnswer() } });
        const account = await lookUpAccount({ organization: true });
        const config = { ...parseForceMfaConfig(PER_ACCOUNT), organization: section({ exemptUserArns: many }) };
        expect(() => deployForceMfa(config, account)).to.throw(ConfigError, /organization: the service control policy would be \d+ characters, over AWS's limit of 5120 \(organization\.exemptUserArns adds/);
        await settleRegistry(tooLarge, 50);
        expect(tooLarge.resources).to.deep.equal([]);

        const disabled = installMocks({ invokes: { [GET_ORGANIZATION]: organizationAnswer([]) } });
        const noScps = await lookUpAccount({ organization: true });
        const usual = { ...config, organization: section({}) };
        expect(() => deployForceMfa(usual, noScps)).to.throw(ConfigError, /enable-policy-type --root-id r-a1b2 --policy-type SERVICE_CONTROL_POLICY/);
        await settleRegistry(disabled, 50);
        expect(disabled.resources).to.deep.equal([]);
    });
});
