/**
 * Pulumi.organization-example.yaml: a valid management-account stack that shows every key of the organization
 * section, fits the organization of fixtures/organization-example.invokes.json, and previews offline as README says (npm start -- --stack organization-example).
 */
import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { checkStackConfig } from "../../../program/stackConfig";
import { organizationSection } from "../../../program/organization/organizationConfig";
import { organizationAuditSection } from "../../../program/organization/audit/organizationAuditConfig";
import { OrganizationFacts } from "../../../program/organization/organizationFacts";
import { checkAgainstOrganization, scpOptions } from "../../../program/organization/organizationStack";
import { serviceControlPolicySize } from "../../../program/organization/serviceControlPolicySize";
import { previewInProcess, sharedPack } from "../../tools/preview/previewInProcess";

const ROOT = path.resolve(__dirname, "../../..");
const example = parseYaml(readFileSync(path.join(ROOT, "Pulumi.organization-example.yaml"), "utf8")).config as Record<string, unknown>;
const fixture = JSON.parse(readFileSync(path.join(ROOT, "fixtures/organization-example.invokes.json"), "utf8"))["aws:organizations/getOrganization:getOrganization"];
const raw = Object.fromEntries(Object.entries(example).filter(([key]) => key.startsWith("force-mfa:")).map(([key, value]) => [key.slice("force-mfa:".length), value]));

describe("Pulumi.organization-example.yaml", function () {
    this.timeout(300_000);
    const pack = sharedPack();
    after(() => pack.close());
    /** `npm start -- --stack organization-example ...`, run in this process (npm start's own process is cli.test.ts's). */
    const preview = (...args: string[]) => previewInProcess(["--stack", "organization-example", ...args], ROOT, pack);
    const { config, problems } = checkStackConfig(raw);

    it("is a valid stack config with every key of the organization section, every switch on but the audit's (off: its safe default)", () => {
        expect(problems).to.deep.equal([]);
        const organization = raw.organization as Record<string, Record<string, unknown>>;
        expect(Object.keys(organization)).to.have.members(Object.keys(organizationSection.shape));
        expect(Object.keys(organization.centralRootAccess)).to.have.members(["credentialsManagement", "sessions"]);
        expect(Object.keys(organization.configRules)).to.have.members(["enabled", "maximumExecutionFrequency", "excludedAccountIds"]);
        expect(Object.keys(organization.audit)).to.have.members(Object.keys(organizationAuditSection.shape));
        expect(config!.organization!.audit.enabled).to.equal(false);
        expect(config!.organization!.centralRootAccess).to.deep.equal({ credentialsManagement: true, sessions: true });
        expect(config!.organization!.configRules.enabled).to.equal(true);
        // The organization rules evaluate the management account too: its own rules are off, not billed twice.
        expect(config!.detection.configRules.enabled).to.equal(false);
    });

    it("fits the fixture's organization, run from its management account, with the size README states", () => {
        const facts: OrganizationFacts = {
            id: fixture.id,
            rootId: fixture.roots[0].id,
            featureSet: fixture.featureSet,
            enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
            managementAccountId: fixture.masterAccountId,
        };
        expect(checkAgainstOrganization(config!.organization!, config!, facts, "123456789012")).to.deep.equal({ problems: [], warnings: [] });
        expect(serviceControlPolicySize(scpOptions(config!.organization!, config!))).to.be.within(1900, 2050);
    });

    it("previews offline with its fixture, as README says (exit 0, the organization's controls in the plan, the pack passes); without it, exits 2 naming the cause", async () => {
        const run = await preview("--json");
        expect(run.stderr).to.equal("");
        expect(run.code).to.equal(0);
        const result = JSON.parse(run.stdout);
        expect(result.passes).to.equal(true);
        const types = result.resources.map((r: { type: string }) => r.type);
        expect(types).to.include.members([
            "force-mfa:organization:OrganizationMfaGuard",
            "aws:organizations/policy:Policy",
            "aws:organizations/policyAttachment:PolicyAttachment",
            "aws:iam/organizationsFeatures:OrganizationsFeatures",
            "aws:cfg/organizationManagedRule:OrganizationManagedRule",
            "aws:iam/group:Group",
        ]);
        // Explicit fixtures replace the stack's own: with none for getOrganization, the invoke stops the run.
        const empty = path.join(mkdtempSync(path.join(tmpdir(), "org-fixtures-")), "none.json");
        writeFileSync(empty, "{}");
        const missing = await preview("--fixtures", empty);
        expect(missing.code).to.equal(2);
        expect(missing.stderr + missing.stdout).to.match(/organization|getOrganization/);
    });
});
