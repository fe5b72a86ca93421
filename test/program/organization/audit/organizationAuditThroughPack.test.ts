/**
 * Pulumi.organization-example.yaml with the organization audit switched on, run under Pulumi mocks (the organization
 * from fixtures/organization-example.invokes.json) and judged by every policy of force-mfa-guard in-process, as the
 * engine hands resources to Analyze (inputs) and AnalyzeStack (state): nothing mandatory is reported. The audit's
 * roles are service roles (Lambda, Step Functions, EventBridge Scheduler); the member accounts' audit role is in
 * the StackSet's template, judged by the account audit in each account (exempt there, with its reason).
 */
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { lookUpAccount } from "../../../../program/accountFacts";
import { deployForceMfa } from "../../../../program/forceMfaStack";
import { checkStackConfig } from "../../../../program/stackConfig";
import { packReports, packResources } from "../../packReports";
import { captureWarnings, installMocks, settleRegistry } from "../../pulumiMocks";

const ROOT = path.resolve(__dirname, "../../../..");
const example = parseYaml(readFileSync(path.join(ROOT, "Pulumi.organization-example.yaml"), "utf8")).config as Record<string, unknown>;
const invokes = JSON.parse(readFileSync(path.join(ROOT, "fixtures/organization-example.invokes.json"), "utf8"));
const raw = Object.fromEntries(Object.entries(example).filter(([key]) => key.startsWith("force-mfa:")).map(([key, value]) => [key.slice("force-mfa:".length), value]));

describe("Pulumi.organization-example.yaml with the organization audit on, through force-mfa-guard", function () {
    this.timeout(60_000);

    it("shows the audit off (its safe default); switched on, registers the audit and passes every mandatory policy, on inputs and on state", async () => {
        const { config, problems } = checkStackConfig(raw);
        expect(problems).to.deep.equal([]);
        expect(config!.organization!.audit.enabled).to.equal(false);
        const organization = { ...config!.organization!, audit: { ...config!.organization!.audit, enabled: true, securityHub: true } };
        const warnings = captureWarnings();
        try {
            const registry = installMocks({ invokes });
            deployForceMfa({ ...config!, organization }, await lookUpAccount({ organization: true }));
            await settleRegistry(registry, 50);
            // The example's own exemption warnings aside, the audit adds none (the stack runs in the management account).
            expect(warnings.messages.filter((m) => /audit/i.test(m))).to.deep.equal([]);
            const types = registry.resources.map((r) => r.type);
            expect(types).to.include.members([
                "force-mfa:organization:OrganizationAudit",
                "aws:cloudformation/stackSet:StackSet",
                "aws:cloudformation/stackSetInstance:StackSetInstance",
                "aws:sfn/stateMachine:StateMachine",
                "aws:scheduler/schedule:Schedule",
                "aws:lambda/function:Function",
            ]);
            expect(registry.ofType("aws:iam/role:Role").length).to.be.greaterThan(4);
            expect(await packReports(packResources(registry.resources, "inputs"), { mandatoryOnly: true })).to.deep.equal([]);
            expect(await packReports(packResources(registry.resources, "state"), { mandatoryOnly: true })).to.deep.equal([]);
        } finally {
            warnings.restore();
        }
    });
});
