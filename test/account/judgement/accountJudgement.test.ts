import { expect } from "chai";
import { AuditInputError } from "../../../account/inputs/auditInputError";
import { parseExemptionsFile } from "../../../account/inputs/exemptions";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { AuditReport, PrincipalVerdict } from "../../../account/report/reportModel";
import { auditInputs, credentialCsv, NOW, rawDetails } from "../accountFixtures";

const find = (report: AuditReport, type: string, name: string): PrincipalVerdict => {
    const found = report.principals.find((p) => p.type === type && p.name === name);
    expect(found, `${type} ${name}`).to.not.equal(undefined);
    return found!;
};

describe("account audit judgement (library)", () => {
    let report: AuditReport;
    before(async () => {
        report = await buildAuditReport(auditInputs(), { now: NOW });
    });

    it("judges every user, group and role of the account, and counts them", () => {
        expect(report.account).to.equal("123456789012");
        expect(report.generatedAt).to.equal(NOW.toISOString());
        expect(report.summary.byType.user.total).to.equal(10); // nine in the details, one only in the credential report
        expect(report.summary.byType.group.total).to.equal(5);
        expect(report.summary.byType.role.total).to.equal(5);
        expect(report.summary.byStatus).to.deep.equal({ enforced: 6, escapes: 6, unenforced: 0, exempt: 2, "locked-out": 2, unverifiable: 2, suspended: 0, "not-applicable": 2 });
    });

    it("a user in two groups gets the deny of one of them", () => {
        const alice = find(report, "user", "alice");
        expect(alice.status).to.equal("enforced");
        expect(alice.groups).to.deep.equal(["mfa-enforced", "developers"]);
        expect(alice.reason).to.contain('policy "ForceMFA" via group mfa-enforced');
        expect(alice.credentials).to.include({ mfaActive: true, accessKeysActive: 1 });
        expect(alice.credentials).to.not.have.property("daysWithoutMfa");
    });

    it("a user whose two groups only grant escapes, with the witness action, the MFA context and the path", () => {
        const bob = find(report, "user", "bob");
        expect(bob.status).to.equal("escapes");
        expect(bob.witness!.action).to.equal("ec2:RunInstances");
        expect(bob.witness!.mfaContext).to.equal("MFA absent (long-term access keys)");
        expect(bob.witness!.path).to.deep.equal(['policy "PowerUserAccess" via group developers', 'inline policy "operate-instances" of group ops']);
        expect(bob.fix).to.contain('add bob to the group "mfa-enforced"');
        expect(bob.credentials).to.deep.include({ mfaActive: false, passwordEnabled: true, accessKeysActive: 2, daysWithoutMfa: 395 });
        expect(bob.credentials!.accessKeys[0]).to.include({ lastUsedService: "ec2", lastUsedDate: "2026-11-30T22:10:00.000Z" });
    });

    it("an inline-policy user whose deny uses Bool escapes, and the pack says why", () => {
        const carol = find(report, "user", "carol");
        expect(carol.status).to.equal("escapes");
        expect(carol.witness!.path[0]).to.equal('inline policy "DenyWithoutMfa" of user carol');
        expect(carol.witness!.why.join(" ")).to.match(/uses "Bool" on aws:MultiFactorAuthPresent.*use "BoolIfExists"/);
    });

    it("a path user is enforced and can enroll (user/*/${aws:username})", () => {
        const dave = find(report, "user", "dave");
        expect(dave.path).to.equal("/engineering/");
        expect(dave.arn).to.equal("arn:aws:iam::123456789012:user/engineering/dave");
        expect(dave.status).to.equal("enforced");
    });

    it("the default version of a managed policy decides, not an older one that holds the deny", async () => {
        expect(find(report, "user", "erin").status).to.equal("escapes");
        const flipped = rawDetails();
        const legacy = flipped.Policies.find((p: { PolicyName: string }) => p.PolicyName === "LegacyMfaDeny");
        legacy.DefaultVersionId = "v1";
        legacy.PolicyVersionList[0].IsDefaultVersion = false;
        legacy.PolicyVersionList[1].IsDefaultVersion = true;
        const again = await buildAuditReport(auditInputs(flipped), { now: NOW });
        expect(find(again, "user", "erin").status).to.equal("enforced");
    });

    it("a user under a deny that blocks enrollment is locked out, with the blocked request", () => {
        const frank = find(report, "user", "frank");
        expect(frank.status).to.equal("locked-out");
        expect(frank.witness).to.include({ action: "iam:EnableMFADevice", resource: "arn:aws:iam::123456789012:user/frank" });
        expect(frank.fix).to.contain("iam:EnableMFADevice");
    });

    it("an exempt user carries its reason, whatever the case of its name in the exemptions", async () => {
        expect(find(report, "user", "breakglass")).to.include({ status: "exempt", reason: "Emergency administrator; hardware MFA kept in the office safe, use is paged to security" });
        const inputs = auditInputs();
        const shouted = { ...inputs, exemptions: { users: [{ name: "BREAKGLASS", reason: "paged" }], roles: [] } };
        expect(find(await buildAuditReport(shouted, { now: NOW }), "user", "breakglass")).to.include({ status: "exempt", reason: "paged" });
        const none = { ...inputs, exemptions: { users: [], roles: [] } };
        expect(find(await buildAuditReport(none, { now: NOW }), "user", "breakglass").status).to.equal("escapes");
    });

    it("an exemption with terms shows them; past its expiresOn it is no exemption, and a finding names it with its date", async () => {
        const inputs = auditInputs();
        const terms = { approvedBy: "ciso", ticket: "SEC-7", grantedOn: "2026-01-01" };
        const dated = { ...inputs, exemptions: { users: [{ name: "breakglass", reason: "paged", ...terms, expiresOn: "2026-12-01" }], roles: [] } };
        const lastDay = await buildAuditReport(dated, { now: NOW });
        expect(find(lastDay, "user", "breakglass")).to.include({ status: "exempt", reason: "paged (approved by ciso; ticket SEC-7; granted 2026-01-01; expires 2026-12-01)" });
        const dayAfter = await buildAuditReport(dated, { now: new Date("2026-12-02T00:00:00Z") });
        expect(find(dayAfter, "user", "breakglass").status).to.equal("escapes");
        expect(dayAfter.findings).to.include(
            'the exemption of user breakglass ("paged (approved by ciso; ticket SEC-7; granted 2026-01-01; expires 2026-12-01)") expired on 2026-12-01: it is not counted, and breakglass is judged like every user',
        );
    });

    it("reads exemption terms from a file, refusing a date that is not one", () => {
        const text = JSON.stringify([{ name: "bob", reason: "r", approvedBy: "ciso", expiresOn: "2027-01-31" }]);
        expect(parseExemptionsFile(text, "x.json").users).to.deep.equal([{ name: "bob", reason: "r", approvedBy: "ciso", expiresOn: "2027-01-31" }]);
        expect(() => parseExemptionsFile(JSON.stringify([{ name: "bob", reason: "r", expiresOn: "2027-02-30" }]), "x.json")).to.throw(/expiresOn.*YYYY-MM-DD/);
    });

    it("a policy missing from the details makes a user unverifiable, not a pass or an escape; with its content it is judged", async () => {
        const ci = find(report, "user", "ci-deployer");
        expect(ci.status).to.equal("unverifiable");
        expect(ci.reason).to.contain("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess is attached but not in the authorization details");
        const complete = rawDetails();
        complete.Policies.push({
            PolicyName: "ViewOnlyAccess",
            Arn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
            Path: "/job-function/",
            DefaultVersionId: "v1",
            PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["ec2:Describe*", "s3:List*"], Resource: "*" }] } }],
        });
        expect(find(await buildAuditReport(auditInputs(complete), { now: NOW }), "user", "ci-deployer").status).to.equal("escapes");
    });

    it("a deny the evaluator cannot decide makes a user unverifiable", async () => {
        const details = rawDetails();
        const carol = details.UserDetailList.find((u: { UserName: string }) => u.UserName === "carol");
        carol.UserPolicyList[0].PolicyDocument = {
            Version: "2012-10-17",
            Statement: [{ Effect: "Deny", NotAction: "iam:EnableMFADevice", Resource: "*", Condition: { BoolIfExist: { "aws:MultiFactorAuthPresent": "false" } } }], // a misspelt operator
        };
        const judged = find(await buildAuditReport(auditInputs(details), { now: NOW }), "user", "carol");
        expect(judged.status).to.equal("unverifiable");
        expect(judged.reason).to.contain('unknown condition operator "BoolIfExist"');
    });

    it("counts the days a user has been without MFA and flags a user the details do not know", () => {
        expect(find(report, "user", "grace").credentials!.daysWithoutMfa).to.equal(20);
        const henry = find(report, "user", "henry");
        expect(henry.status).to.equal("unverifiable");
        expect(henry.reason).to.contain("not in the authorization details");
    });

    it("judges groups as the pack does", () => {
        expect(find(report, "group", "mfa-enforced").status).to.equal("enforced");
        const developers = find(report, "group", "developers");
        expect(developers.status).to.equal("escapes");
        expect(developers.reason).to.contain("to member bob");
        expect(developers.witness!.action).to.equal("ec2:RunInstances");
        expect(find(report, "group", "ops").status).to.equal("escapes");
        expect(find(report, "group", "contractors").status).to.equal("locked-out");
        expect(find(report, "group", "legacy-mfa").status).to.equal("enforced");
    });

    it("judges role trust as the pack does: the account root without MFA escapes, service roles are not applicable", () => {
        const admin = find(report, "role", "admin-no-mfa");
        expect(admin.status).to.equal("escapes");
        // The request: the trusted principal assumes the role (the role is the resource).
        expect(admin.witness).to.include({
            action: "sts:AssumeRole",
            resource: "arn:aws:iam::123456789012:role/admin-no-mfa",
            principal: "arn:aws:iam::123456789012:root",
            mfaContext: "MFA absent (long-term access keys)",
        });
        expect(admin.fix).to.contain('"Bool": {"aws:MultiFactorAuthPresent": "true"}');
        expect(find(report, "role", "mfa-admin").status).to.equal("enforced");
        const support = find(report, "role", "AWSServiceRoleForSupport");
        expect(support).to.include({ status: "not-applicable", serviceLinked: true, roleKind: "service-linked" });
        expect(support.reason).to.contain("service-linked role of support.amazonaws.com");
        expect(find(report, "role", "order-processor")).to.include({ status: "not-applicable", serviceLinked: false, roleKind: "service" });
        expect(find(report, "role", "vendor-readonly")).to.include({ status: "exempt" });
    });

    it("the enforced group must carry the deny itself; a trust the evaluator cannot decide leaves a role unverifiable", async () => {
        const details = rawDetails();
        const vendor = details.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === "vendor-readonly");
        vendor.AssumeRolePolicyDocument.Statement[0].Condition = { BoolIfExist: { "aws:MultiFactorAuthPresent": "true" } };
        const inputs = { ...auditInputs(details), exemptions: { users: [], roles: [] } };
        const judged = await buildAuditReport(inputs, { now: NOW, enforcedGroupName: "developers" });
        expect(judged.enforcedGroupName).to.equal("developers");
        const developers = find(judged, "group", "developers");
        expect(developers.status).to.equal("escapes");
        expect(developers.reason).to.match(/^group developers is the enforced group but does not carry the MFA deny/);
        // The witness is a member's request that gets through, as its own policies allow it.
        expect(developers.witness!.path[0]).to.equal("member user bob");
        expect(developers.witness!.allowedBy).to.contain('policy "PowerUserAccess" via group developers');
        const role = find(judged, "role", "vendor-readonly");
        expect(role.status).to.equal("unverifiable");
        expect(role.reason).to.contain("BoolIfExist");
    });

    it("root: no MFA and access keys present; virtual or hardware from the devices", async () => {
        expect(report.root).to.include({ mfaActive: false, mfaType: "none", accessKeysPresent: true });
        const withMfa = credentialCsv().replace("not_supported,false,true", "not_supported,true,false");
        const inputs = auditInputs(rawDetails(), withMfa);
        const rootDevice = { serialNumber: "arn:aws:iam::123456789012:mfa/root-account-mfa-device", userArn: "arn:aws:iam::123456789012:root" };
        const virtual = await buildAuditReport({ ...inputs, virtualMfaDevices: [...inputs.virtualMfaDevices, rootDevice] }, { now: NOW });
        expect(virtual.root).to.include({ mfaActive: true, mfaType: "virtual-totp", accessKeysPresent: false });
        expect((await buildAuditReport(inputs, { now: NOW })).root.mfaType).to.equal("not-virtual");
        expect((await buildAuditReport({ ...inputs, virtualMfaDevices: undefined }, { now: NOW })).root.mfaType).to.equal("unknown");
    });

    it("names policies that block enrollment and exemptions that name nobody, beside the principals", async () => {
        expect(report.findings).to.have.length(2);
        expect(report.findings[0]).to.match(/^policy "SeedEraForceMFA" acts as the MFA deny but also denies enrolling: iam:EnableMFADevice/);
        expect(report.findings[1]).to.match(/^policy "ContractorsDeny" acts as the MFA deny but also denies enrolling/);
        const inputs = auditInputs();
        const ghost = { ...inputs, exemptions: { users: [...inputs.exemptions.users, { name: "brekglass", reason: "typo" }], roles: inputs.exemptions.roles } };
        const findings = (await buildAuditReport(ghost, { now: NOW })).findings;
        expect(findings).to.have.length(3);
        expect(findings[2]).to.equal('the exemption of user brekglass ("typo") names no user of the account: remove it, or correct a misspelt name');
    });

    it("refuses a credential report of another account", async () => {
        const other = credentialCsv().replace(/123456789012/g, "999999999999");
        let error: unknown;
        try {
            await buildAuditReport(auditInputs(rawDetails(), other), { now: NOW });
        } catch (err) {
            error = err;
        }
        expect(error).to.be.instanceOf(AuditInputError);
        expect((error as Error).message).to.match(/account 999999999999.*123456789012/);
    });
});
