/**
 * The organization audit in the whole program (deployForceMfa with an organization section, under Pulumi mocks):
 * its resources and their names, the state machine's definition as registered, the StackSet's template and targets,
 * the schedules and their role, the functions' settings, the outputs; a delegated administrator's StackSet; off by
 * default.
 */
import { expect } from "chai";
import { lookUpAccount } from "../../../../program/accountFacts";
import { deployForceMfa } from "../../../../program/forceMfaStack";
import { AUDIT_SETTINGS_VARIABLE, parseAuditSettings } from "../../../../program/organization/audit/handler/auditSettings";
import { checkOrganizationConfig } from "../../../../program/organization/organizationConfig";
import { parseForceMfaConfig } from "../../../../program/stackConfig";
import { ACCOUNT, captureWarnings, installMocks, MockRegistry, parseJson, REGION, settleRegistry } from "../../pulumiMocks";
import { auditRoleTrustDocument } from "../../../../program/organization/audit/auditRoleTemplate";
import { checkDefinition } from "./stateMachineChecks";

const GET_ORGANIZATION = "aws:organizations/getOrganization:getOrganization";
const MANAGEMENT = ACCOUNT;
const organizationAnswer = (management = MANAGEMENT) => ({
    id: "o-abc123",
    featureSet: "ALL",
    masterAccountId: management,
    roots: [{ id: "r-a1b2", arn: `arn:aws:organizations::${management}:root/o-abc123/r-a1b2`, name: "Root", policyTypes: [{ type: "SERVICE_CONTROL_POLICY", status: "ENABLED" }] }],
});
const PER_ACCOUNT = { detection: { enabled: false }, stateDeleteGuard: false, tags: { owner: "platform-security" } };

async function run(audit: unknown, management = MANAGEMENT): Promise<{ registry: MockRegistry; outputs: any; warnings: string[] }> {
    const warnings = captureWarnings();
    try {
        const registry = installMocks({ invokes: { [GET_ORGANIZATION]: organizationAnswer(management) } });
        const { settings, problems } = checkOrganizationConfig({ audit });
        expect(problems).to.deep.equal([]);
        const config = { ...parseForceMfaConfig(PER_ACCOUNT), organization: settings! };
        const outputs = deployForceMfa(config, await lookUpAccount({ organization: true }));
        await settleRegistry(registry, 50);
        return { registry, outputs, warnings: [...warnings.messages] };
    } finally {
        warnings.restore();
    }
}

describe("organization audit in the program, under Pulumi mocks", function () {
    this.timeout(60_000);

    it("off by default: no audit resource, no audit output", async () => {
        const { registry, outputs } = await run(undefined);
        expect(registry.resources.filter((r) => /sfn|scheduler|cloudformation|lambda/.test(r.type))).to.deep.equal([]);
        expect(outputs.organization).not.to.have.property("audit");
    });

    it("on: the StackSet (service-managed, auto-deployed to the root), three functions, the state machine from config, two schedules, the bucket; outputs and next steps", async () => {
        const { registry, outputs, warnings } = await run({ enabled: true, maxConcurrency: 25, toleratedFailurePercentage: 5, securityHub: true });
        expect(warnings).to.deep.equal([]);

        const stackSet = registry.one("aws:cloudformation/stackSet:StackSet");
        expect(stackSet.inputs).to.include({ name: "force-mfa-org-audit-role", permissionModel: "SERVICE_MANAGED", callAs: "SELF" });
        expect(stackSet.inputs.autoDeployment).to.deep.equal({ enabled: true, retainStacksOnAccountRemoval: false });
        expect(stackSet.inputs.capabilities).to.deep.equal(["CAPABILITY_NAMED_IAM"]);
        const template = parseJson(stackSet.inputs.templateBody);
        const role = template.Resources.AuditRole;
        expect(role.Type).to.equal("AWS::IAM::Role");
        expect(role.Properties.RoleName).to.equal("force-mfa-organization-audit");
        // Trusted: only the item function's role of this account.
        expect(role.Properties.AssumeRolePolicyDocument).to.deep.equal(
            auditRoleTrustDocument({ roleName: "force-mfa-organization-audit", auditAccountId: ACCOUNT, jobRoleArn: `arn:aws:iam::${ACCOUNT}:role/force-mfa-org-audit-account` }),
        );
        expect(registry.ofType("aws:iam/role:Role").map((r) => r.inputs.name)).to.include("force-mfa-org-audit-account");
        const instances = registry.one("aws:cloudformation/stackSetInstance:StackSetInstance");
        expect(instances.inputs.deploymentTargets).to.deep.equal({ organizationalUnitIds: ["r-a1b2"] });
        expect(instances.inputs).to.include({ stackSetInstanceRegion: REGION, callAs: "SELF" });

        const functions = registry.ofType("aws:lambda/function:Function");
        expect(functions.map((f) => f.inputs.name)).to.have.members(["force-mfa-org-audit-list-accounts", "force-mfa-org-audit-account", "force-mfa-org-audit-report"]);
        for (const f of functions) {
            const settings = parseAuditSettings({ [AUDIT_SETTINGS_VARIABLE]: f.inputs.environment.variables[AUDIT_SETTINGS_VARIABLE] });
            expect(settings).to.deep.equal({ bucketName: `force-mfa-org-audit-${ACCOUNT}-${REGION}`, auditAccountId: ACCOUNT, roleName: "force-mfa-organization-audit", targets: ["root"], securityHub: true });
        }
        expect(registry.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.name)).to.include.members(functions.map((f) => `/aws/lambda/${f.inputs.name}`));
        expect(registry.ofType("aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)).to.include(`force-mfa-org-audit-${ACCOUNT}-${REGION}`);

        const machine = registry.one("aws:sfn/stateMachine:StateMachine");
        expect(machine.inputs).to.include({ name: "force-mfa-org-audit", type: "STANDARD" });
        const definition = parseJson(machine.inputs.definition);
        checkDefinition(definition);
        expect(definition.States.AuditAccounts.MaxConcurrency).to.equal(25);
        expect(definition.States.AuditAccounts.ToleratedFailurePercentage).to.equal(5);
        expect(definition.States.AuditAccounts.ItemProcessor.States.AuditAccount.Parameters.FunctionName).to.equal(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:force-mfa-org-audit-account`);

        const schedules = registry.ofType("aws:scheduler/schedule:Schedule");
        expect(schedules.map((s) => [s.inputs.name, s.inputs.scheduleExpression, s.inputs.scheduleExpressionTimezone, JSON.parse(s.inputs.target.input).purpose])).to.have.deep.members([
            ["force-mfa-org-audit-weekly-check", "cron(0 6 ? * MON *)", "UTC", "weekly-check"],
            ["force-mfa-org-audit-quarterly-report", "cron(0 7 1 1,4,7,10 ? *)", "UTC", "quarterly-report"],
        ]);
        const schedulerRole = registry.ofType("aws:iam/role:Role").find((r) => r.inputs.name === "force-mfa-org-audit-scheduler")!;
        expect(schedules.every((s) => s.inputs.target.roleArn === schedulerRole.state.arn && s.inputs.target.arn === machine.state.arn)).to.equal(true);
        const schedulerPolicy = registry.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name.endsWith("scheduler-policy"))!;
        expect(parseJson(schedulerPolicy.inputs.policy).Statement).to.deep.equal([
            { Sid: "StartTheAudit", Effect: "Allow", Action: "states:StartExecution", Resource: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:force-mfa-org-audit` },
        ]);

        const audit = outputs.organization.audit;
        expect(audit.stateMachineArn).to.equal(`arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:force-mfa-org-audit`);
        expect(audit.startCommand).to.equal(`aws stepfunctions start-execution --state-machine-arn ${audit.stateMachineArn} --input '{"purpose":"on-demand"}'`);
        expect(outputs.organization.nextSteps.join("\n")).to.match(/activate-organizations-access/).and.match(/Security Hub must be enabled/);
    });

    it("OU targets: the StackSet's instances on those OUs; from a delegated administrator: called as one, with a warning that the management account is not reached", async () => {
        const { registry, warnings } = await run({ enabled: true, targets: ["ou-ab12-cdef3456", "ou-ab12-99998888"] }, "999988887777");
        expect(registry.one("aws:cloudformation/stackSetInstance:StackSetInstance").inputs.deploymentTargets).to.deep.equal({ organizationalUnitIds: ["ou-ab12-cdef3456", "ou-ab12-99998888"] });
        expect(registry.one("aws:cloudformation/stackSet:StackSet").inputs.callAs).to.equal("DELEGATED_ADMIN");
        expect(registry.one("aws:cloudformation/stackSetInstance:StackSetInstance").inputs.callAs).to.equal("DELEGATED_ADMIN");
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.match(/not the management account 999988887777/).and.match(/never deploys to the management account/);
    });
});
