import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { AuditInputError } from "../../../account/inputs/auditInputError";
import { parseAuthorizationDetails } from "../../../account/inputs/authorizationDetails";

const FIXTURE = path.join(__dirname, "../../fixtures/audit/authorization-details.json");
const fixture = () => JSON.parse(fs.readFileSync(FIXTURE, "utf8"));

function refusal(input: unknown): AuditInputError {
    try {
        parseAuthorizationDetails(input, "details.json");
    } catch (err) {
        expect(err).to.be.instanceOf(AuditInputError);
        return err as AuditInputError;
    }
    throw new Error("the input was accepted");
}

describe("authorization details", () => {
    it("reads users, groups, roles and managed policies with the account", () => {
        const details = parseAuthorizationDetails(fixture(), "details.json");
        expect(details.account).to.equal("123456789012");
        expect(details.users.map((u) => u.name)).to.include.members(["alice", "bob", "dave", "grace"]);
        const dave = details.users.find((u) => u.name === "dave")!;
        expect(dave.path).to.equal("/engineering/");
        expect(details.users.find((u) => u.name === "bob")!.groups).to.deep.equal(["developers", "ops"]);
        expect(details.users.find((u) => u.name === "alice")!.permissionsBoundaryArn).to.equal("arn:aws:iam::aws:policy/AdministratorAccess");
        expect(details.groups.find((g) => g.name === "ops")!.inline[0].name).to.equal("operate-instances");
        const support = details.roles.find((r) => r.name === "AWSServiceRoleForSupport")!;
        expect(support.serviceLinked).to.equal(true);
        expect(details.roles.find((r) => r.name === "admin-no-mfa")!.serviceLinked).to.equal(false);
    });

    it("takes the default version's document, whichever position it has", () => {
        const details = parseAuthorizationDetails(fixture(), "details.json");
        const legacy = details.policies.find((p) => p.name === "LegacyMfaDeny")!;
        expect(legacy.defaultVersionId).to.equal("v2");
        expect(JSON.stringify(legacy.defaultDocument)).to.contain("s3:ListAllMyBuckets");
        expect(JSON.stringify(legacy.defaultDocument)).not.to.contain("Deny");
        expect(legacy.versions).to.have.length(2);
        expect(details.policies.find((p) => p.name === "PowerUserAccess")!.awsManaged).to.equal(true);
        expect(details.policies.find((p) => p.name === "ForceMFA")!.awsManaged).to.equal(false);
    });

    it("decodes URL-encoded documents and reads object documents alike", () => {
        const details = parseAuthorizationDetails(fixture(), "details.json");
        const carol = details.users.find((u) => u.name === "carol")!;
        expect(carol.inline[0].document).to.have.property("Version", "2012-10-17");
        const encoded = fixture();
        const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a b/*" }] };
        encoded.GroupDetailList[2].GroupPolicyList[0].PolicyDocument = encodeURIComponent(JSON.stringify(doc));
        const ops = parseAuthorizationDetails(encoded, "details.json").groups.find((g) => g.name === "ops")!;
        expect(ops.inline[0].document).to.deep.equal(doc);
    });

    it("merges SDK pages and accepts Date objects", () => {
        const all = fixture();
        const first = { UserDetailList: all.UserDetailList.slice(0, 2), IsTruncated: true, Marker: "m" };
        const second = { ...all, UserDetailList: all.UserDetailList.slice(2), IsTruncated: false };
        second.UserDetailList[0].CreateDate = new Date("2025-01-15T10:20:30Z");
        const details = parseAuthorizationDetails([first, second], "sdk");
        expect(details.users).to.have.length(all.UserDetailList.length);
        expect(details.users[2].createDate).to.equal("2025-01-15T10:20:30.000Z");
    });

    it("refuses what is not the AWS output, naming the place and the rule", () => {
        expect(refusal({ Users: [] }).rule).to.match(/not the output of aws iam get-account-authorization-details/);
        const truncated = { ...fixture(), IsTruncated: true };
        expect(refusal(truncated).place).to.equal("IsTruncated");

        const badGroups = fixture();
        badGroups.UserDetailList[1].GroupList = "developers";
        const e1 = refusal(badGroups);
        expect(e1.place).to.equal("UserDetailList[1].GroupList");
        expect(e1.message).to.equal('details.json: UserDetailList[1].GroupList: must be a list, found "developers"');

        const twoDefaults = fixture();
        twoDefaults.Policies[0].PolicyVersionList[1].IsDefaultVersion = true;
        expect(refusal(twoDefaults).place).to.equal("Policies[0].PolicyVersionList");

        const badDoc = fixture();
        badDoc.UserDetailList[2].UserPolicyList[0].PolicyDocument = "%7B%22Version%22%3A";
        const e2 = refusal(badDoc);
        expect(e2.place).to.equal("UserDetailList[2].UserPolicyList[0].PolicyDocument");
        expect(e2.rule).to.match(/not valid JSON once decoded/);

        const badArn = fixture();
        badArn.RoleDetailList[0].Arn = "arn:aws:iam::123456789012:user/admin-no-mfa";
        expect(refusal(badArn).place).to.equal("RoleDetailList[0].Arn");

        const twice = fixture();
        twice.UserDetailList.push({ ...twice.UserDetailList[0], UserName: "ALICE" });
        expect(refusal(twice).rule).to.match(/listed twice/);

        const otherAccount = fixture();
        otherAccount.UserDetailList[3].Arn = "arn:aws:iam::999999999999:user/engineering/dave";
        expect(refusal(otherAccount).place).to.equal("UserDetailList[3].Arn");
    });

    it('reads a Path of "" as "/", as some collectors write the default path', () => {
        const details = parseAuthorizationDetails(
            { RoleDetailList: [{ RoleName: "r", Arn: "arn:aws:iam::210987654321:role/r", Path: "", AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] } }] },
            "details.json",
        );
        expect(details.roles[0].path).to.equal("/");
    });
});
