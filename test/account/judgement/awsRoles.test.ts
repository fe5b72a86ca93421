/** Roles as AWS uses them: reported for what they are, with the reason, and never told to require MFA in a trust that no MFA can reach. */
import { expect } from "chai";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { AuditReport, PrincipalVerdict } from "../../../account/report/reportModel";
import { NOW } from "../accountFixtures";
import { rawTruthDetails, TRUTH_ACCOUNT, truthInputs } from "../truthFixtures";

const MFA_CONDITION = /aws:MultiFactorAuthPresent/;

describe("account audit — roles as AWS uses them", () => {
    let report: AuditReport;
    const role = (name: string): PrincipalVerdict => report.principals.find((p) => p.type === "role" && p.name === name)!;
    before(async () => {
        report = await buildAuditReport(truthInputs(), { now: NOW });
    });

    it("an Identity Center permission-set role is not applicable: MFA is Identity Center's, its sessions carry no MFA key", () => {
        const sso = role("AWSReservedSSO_AdministratorAccess_3f1c2b9a8d7e6f50");
        expect(sso).to.include({ status: "not-applicable", roleKind: "identity-center" });
        expect(sso.reason).to.contain("Identity Center's authentication settings");
        expect(sso.fix).to.equal(undefined);
    });

    it("a service-linked role and a service's own role are not applicable, naming the service", () => {
        expect(role("AWSServiceRoleForSupport")).to.include({ status: "not-applicable", roleKind: "service-linked" });
        expect(role("AWSServiceRoleForSupport").reason).to.contain("support.amazonaws.com");
        expect(role("AWS-QuickSetup-StackSet-Local-AdministrationRole")).to.include({ status: "not-applicable", roleKind: "service" });
    });

    it("a service chain's execution role trusted only by the service's role is not applicable", () => {
        const quickSetup = role("AWS-QuickSetup-StackSet-Local-ExecutionRole");
        expect(quickSetup).to.include({ status: "not-applicable", roleKind: "service-chain" });
        expect(quickSetup.reason).to.contain("only cloudformation.amazonaws.com assumes");
    });

    it("a chain's execution role that trusts a whole account escapes, and the fix narrows the trust instead of requiring MFA", () => {
        const stackSets = role("AWSCloudFormationStackSetExecutionRole");
        expect(stackSets).to.include({ status: "escapes", roleKind: "service-chain", path: "/" }); // Path "" read as "/"
        expect(stackSets.fix).to.contain("arn:aws:iam::109876543210:role/AWSCloudFormationStackSetAdministrationRole");
        expect(stackSets.fix).to.contain("do not add an MFA condition");
        expect(stackSets.witness).to.include({ resource: `arn:aws:iam::${TRUTH_ACCOUNT}:role/AWSCloudFormationStackSetExecutionRole`, principal: "arn:aws:iam::109876543210:root" });
    });

    it("a role people assume (OrganizationAccountAccessRole) is still told to require MFA", () => {
        const org = role("OrganizationAccountAccessRole");
        expect(org).to.include({ status: "escapes", roleKind: "iam" });
        expect(org.fix).to.match(MFA_CONDITION);
    });

    it("no fix of a role that no MFA can reach mentions an MFA condition", () => {
        for (const p of report.principals.filter((r) => r.type === "role" && r.roleKind !== "iam")) {
            expect(p.fix ?? "", p.name).to.not.match(/add "Condition"/);
        }
    });

    it("a role named like Identity Center's whose trust admits an IAM principal is judged like any role", async () => {
        const details = rawTruthDetails();
        const sso = details.RoleDetailList.find((r: { RoleName: string }) => r.RoleName.startsWith("AWSReservedSSO_"));
        sso.AssumeRolePolicyDocument.Statement.push({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${TRUTH_ACCOUNT}:root` }, Action: "sts:AssumeRole" });
        const judged = (await buildAuditReport(truthInputs(details), { now: NOW })).principals.find((p) => p.name === sso.RoleName)!;
        expect(judged).to.include({ status: "escapes", roleKind: "iam" });
    });
});
