/**
 * Sensitive actions in the whole program (deployForceMfa under mocks): the switch adds the denies to the ForceMFA
 * policy and creates the roles' managed policy attached to the admin role and the named roles, and removes both
 * cleanly; the quotas of IAM and of AWS Organizations are checked before anything is registered; the pack passes.
 */
import { expect } from "chai";
import { deployForceMfa } from "../../../program/forceMfaStack";
import { checkAgainstOrganization } from "../../../program/organization/organizationStack";
import { mfaServiceControlPolicy } from "../../../program/organization/mfaServiceControlPolicy";
import { sensitiveActionGroups } from "../../../program/sensitiveActions/sensitiveActionsConfig";
import { checkSensitiveActions } from "../../../program/sensitiveActions/sensitiveActionsStack";
import { ConfigError } from "../../../program/stackConfig";
import { MANAGEMENT, NAMES, ORGANIZATION, SETTINGS } from "../organization/organizationFixtures";
import { packReports, packResources } from "../packReports";
import { ACCOUNT, installMocks, MockRegistry, parseJson, promiseOf, settleRegistry } from "../pulumiMocks";
import { accountWith, validConfig } from "../stackFixtures";

const ACCOUNT_FACTS = accountWith([{ name: "carol" }]);
const STACK = { detection: { enabled: false }, users: [{ name: "alice" }], adminRole: { enabled: true, trustedUsers: ["alice"] } };
const ON = { enabled: true, roles: ["deployer"] };

function sids(document: { Statement: { Sid: string }[] }): string[] {
    return document.Statement.map((s) => s.Sid);
}

/** Actions enough to outgrow a managed policy: 300 distinct patterns. */
function huge(maxMfaAgeSeconds = 900) {
    return { big: { maxMfaAgeSeconds, actions: Array.from({ length: 300 }, (_, i) => `ec2:DeleteSomethingNumber${i}`) } };
}

describe("sensitive actions in the program", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks();
    });

    async function deploy(sensitiveActions: Record<string, unknown>, stack: Record<string, unknown> = STACK) {
        const outputs = deployForceMfa(validConfig({ ...stack, sensitiveActions }), ACCOUNT_FACTS);
        await settleRegistry(mocks);
        return outputs;
    }

    it("on: the ForceMFA policy carries one deny per age, and the roles' policy is attached to the admin role and each named role", async () => {
        const outputs = await deploy(ON);
        const forceMfa = parseJson(mocks.byName("force-mfa-policy").inputs.policy);
        expect(sids(forceMfa)).to.include.members(["DenySensitiveActionsMfaOlderThan300s", "DenySensitiveActionsMfaOlderThan900s"]);
        const rolesPolicy = mocks.byName("sensitive-actions-policy");
        expect(rolesPolicy.inputs.name).to.equal("ForceMFASensitiveActions");
        expect(sids(parseJson(rolesPolicy.inputs.policy))).to.deep.equal([
            "DenySensitiveActionsWithoutMfa",
            "DenySensitiveActionsMfaOlderThan300s",
            "DenySensitiveActionsMfaOlderThan900s",
        ]);
        const attached = mocks.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith("sensitive-actions-"));
        expect(attached.map((a) => a.inputs.role).sort()).to.deep.equal(["deployer", "mfa-admin"]);
        expect(attached.every((a) => a.inputs.policyArn === `arn:aws:iam::${ACCOUNT}:policy/ForceMFASensitiveActions`)).to.equal(true);
        const summary = outputs.sensitiveActions!;
        expect(summary.roles).to.deep.equal(["mfa-admin", "deployer"]);
        expect(summary.groups.map((g) => g.name)).to.include("iam-permissions");
        expect(await promiseOf(summary.policyArn)).to.equal(`arn:aws:iam::${ACCOUNT}:policy/ForceMFASensitiveActions`);
        expect(outputs.nextSteps.some((s) => s.startsWith("Sensitive actions ("))).to.equal(true);
    });

    it("off: no roles' policy, no attachment, no output, and the ForceMFA policy without the denies", async () => {
        const outputs = await deploy({ enabled: false, roles: ["deployer"] });
        expect(mocks.resources.filter((r) => r.name.startsWith("sensitive-actions"))).to.deep.equal([]);
        expect(sids(parseJson(mocks.byName("force-mfa-policy").inputs.policy)).filter((s) => s.startsWith("DenySensitive"))).to.deep.equal([]);
        expect("sensitiveActions" in outputs).to.equal(false);
    });

    it("without the admin role: only the named roles carry it", async () => {
        await deploy(ON, { ...STACK, adminRole: { enabled: false } });
        const attached = mocks.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith("sensitive-actions-"));
        expect(attached.map((a) => a.inputs.role)).to.deep.equal(["deployer"]);
    });

    it("the pack passes the stack with the denies in place", async () => {
        await deploy(ON);
        expect(await packReports(packResources(mocks.resources, "inputs"))).to.deep.equal([]);
    });

    it("a set of actions too large for a managed policy stops the program before anything is registered", () => {
        const config = validConfig({ ...STACK, sensitiveActions: { enabled: true, groups: huge() } });
        const { problems } = checkSensitiveActions(config, ACCOUNT_FACTS);
        expect(problems).to.have.length(2);
        expect(problems[0]).to.match(/^sensitiveActions\.groups: the ForceMFA policy "ForceMFA" with the sensitive-action denies would be \d+ characters .*over IAM's 6144/);
        expect(problems[1]).to.match(/^sensitiveActions\.groups: the roles' policy "ForceMFASensitiveActions" would be \d+ characters/);
        expect(() => deployForceMfa(config, ACCOUNT_FACTS)).to.throw(ConfigError);
        expect(mocks.resources).to.deep.equal([]);
    });
});

describe("sensitive actions in the organization's service control policy", () => {
    const groups = sensitiveActionGroups(validConfig({ detection: { enabled: false }, sensitiveActions: { enabled: true } }).sensitiveActions);

    it("denied to the same IAM users (the exempt left out) when their MFA is older than the group's limit", () => {
        const scp = mfaServiceControlPolicy({ ...NAMES, forceMfaPolicyName: NAMES.policyName, exemptUserArns: ["arn:aws:iam::*:user/breakglass"], deployerRoleArns: [], sensitiveActionGroups: groups });
        const stale = scp.Statement.filter((s) => s.Sid.startsWith("DenyIamUsersSensitiveActions"));
        expect(stale.map((s) => s.Sid)).to.deep.equal(["DenyIamUsersSensitiveActionsMfaOlderThan300s", "DenyIamUsersSensitiveActionsMfaOlderThan900s"]);
        expect(stale[0].Condition).to.deep.equal({
            NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "300" },
            ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:user/*" },
            ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::*:user/breakglass"] },
        });
    });

    it("the default set fits AWS's limit; a larger one is refused, naming sensitiveActions.groups", () => {
        expect(checkAgainstOrganization(SETTINGS, { ...NAMES, sensitiveActionGroups: groups }, ORGANIZATION, MANAGEMENT).problems).to.deep.equal([]);
        const big = sensitiveActionGroups(validConfig({ detection: { enabled: false }, sensitiveActions: { enabled: true, groups: huge() } }).sensitiveActions);
        const { problems } = checkAgainstOrganization(SETTINGS, { ...NAMES, sensitiveActionGroups: big }, ORGANIZATION, MANAGEMENT);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/over AWS's limit of 5120 \(sensitiveActions\.groups adds \d+/);
    });
});
