import { expect } from "chai";
import { AccountReader, isNoSuchEntity } from "../../../../program/watch/handler/accountReader";
import { ACCOUNT, ADMIN_ARN, ADMIN_DOCUMENT, FakeAws, FORCE_MFA_ARN, MFA_TRUST } from "../../../../tools/bench/watchFakeAws";

const EMPTY = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] };
const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/Boundary`;
const accessDenied = () => Object.assign(new Error("User is not authorized"), { name: "AccessDenied" });

describe("watch — accountReader: the fewest IAM reads that judge a batch's principals", () => {
    let aws: FakeAws; // one item per page of every list: pagination is exercised everywhere
    let reader: AccountReader;
    beforeEach(() => {
        aws = new FakeAws();
        aws.groups.set("devs", { inline: { a: EMPTY, b: EMPTY }, attached: [ADMIN_ARN] });
        aws.policies.set(BOUNDARY_ARN, { versions: { v1: EMPTY, v2: ADMIN_DOCUMENT }, defaultVersion: "v2" });
        aws.addUser("alice", { groups: ["mfa-enforced", "devs"], inline: { one: EMPTY, two: EMPTY }, attached: [ADMIN_ARN, FORCE_MFA_ARN], boundary: BOUNDARY_ARN });
        aws.addUser("bob", { groups: ["devs"] });
        aws.roles.set("deploy", MFA_TRUST);
        reader = new AccountReader(aws.clients().iam);
    });
    afterEach(() => aws.restore());

    it("isNoSuchEntity: the SDK's exception and the older error name", () => {
        expect(isNoSuchEntity({ name: "NoSuchEntityException" })).to.equal(true);
        expect(isNoSuchEntity({ name: "NoSuchEntity" })).to.equal(true);
        expect(isNoSuchEntity({ name: "AccessDenied" })).to.equal(false);
        expect(isNoSuchEntity(undefined)).to.equal(false);
    });

    it("a user: its own groups, inline and attached policies across every page, and its boundary", async () => {
        const read = await reader.user("alice");
        expect(read.found).to.equal(true);
        const entry = (read as { entry: Record<string, any> }).entry;
        expect(entry).to.deep.include({ UserName: "alice", Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, Path: "/", GroupList: ["mfa-enforced", "devs"] });
        expect(entry.UserPolicyList.map((p: { PolicyName: string }) => p.PolicyName)).to.deep.equal(["one", "two"]);
        expect(decodeURIComponent(entry.UserPolicyList[0].PolicyDocument)).to.equal(JSON.stringify(EMPTY));
        expect(entry.AttachedManagedPolicies.map((p: { PolicyArn: string }) => p.PolicyArn)).to.deep.equal([ADMIN_ARN, FORCE_MFA_ARN]);
        expect(entry.PermissionsBoundary).to.deep.equal({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: BOUNDARY_ARN });
        expect(Object.fromEntries(reader.calls)).to.include({ GetUser: 1, ListGroupsForUser: 2, ListUserPolicies: 2, GetUserPolicy: 2, ListAttachedUserPolicies: 2 });
    });

    it("groups and managed policies are read once per batch, however many users hold them", async () => {
        await reader.user("alice");
        const before = Object.fromEntries(reader.calls);
        await reader.user("bob");
        const after = Object.fromEntries(reader.calls);
        expect(after.ListGroupPolicies).to.equal(before.ListGroupPolicies);
        expect(after.GetGroupPolicy).to.equal(before.GetGroupPolicy);
        // admin (alice's and devs'), ForceMFA (alice's and mfa-enforced's), the boundary: three policies, once each
        expect([after.GetPolicy, after.GetPolicyVersion]).to.deep.equal([3, 3]);
        expect(after.GetUser).to.equal(2);
    });

    it("a managed policy is its default version, the one IAM applies", async () => {
        await reader.user("alice");
        const details = await reader.authorizationDetails([((await reader.user("alice")) as { entry: Record<string, unknown> }).entry], []);
        const boundary = (details.Policies as Record<string, any>[]).find((p) => p.Arn === BOUNDARY_ARN)!;
        expect(boundary.DefaultVersionId).to.equal("v2");
        expect(boundary.PolicyVersionList).to.have.length(1);
        expect(boundary.PolicyVersionList[0]).to.include({ VersionId: "v2", IsDefaultVersion: true });
        expect(JSON.parse(decodeURIComponent(boundary.PolicyVersionList[0].Document))).to.deep.equal(ADMIN_DOCUMENT);
    });

    it("one authorization details page of the users read, their groups (only theirs) and every policy they or their groups hold", async () => {
        const bob = (await reader.user("bob")) as { entry: Record<string, unknown> };
        await reader.user("alice"); // reads mfa-enforced too, which bob is not in
        const details = await reader.authorizationDetails([bob.entry], []);
        expect(details.IsTruncated).to.equal(false);
        expect((details.UserDetailList as unknown[]).length).to.equal(1);
        expect((details.GroupDetailList as { GroupName: string }[]).map((g) => g.GroupName)).to.deep.equal(["devs"]);
        expect((details.Policies as { Arn: string }[]).map((p) => p.Arn)).to.deep.equal([ADMIN_ARN]);
        expect((details.GroupDetailList as Record<string, any>[])[0].GroupPolicyList.map((p: { PolicyName: string }) => p.PolicyName)).to.deep.equal(["a", "b"]);
    });

    it("a user or role that is gone reads as not found; any other failure is thrown", async () => {
        expect(await reader.user("nobody")).to.deep.equal({ found: false });
        expect(await reader.role("nobody")).to.deep.equal({ found: false });
        aws.failures.push({ api: "GetUser", name: "alice", error: accessDenied(), times: 1 });
        let error: unknown;
        await reader.user("alice").catch((err) => (error = err));
        expect((error as Error).name).to.equal("AccessDenied");
    });

    it("a failed group read is not kept: the next user of the batch in that group reads it again", async () => {
        aws.failures.push({ api: "ListGroupPolicies", name: "devs", error: accessDenied(), times: 1 });
        let error: unknown;
        await reader.user("bob").catch((err) => (error = err));
        expect((error as Error).name).to.equal("AccessDenied");
        const again = await reader.user("bob");
        expect(again.found).to.equal(true);
        const details = await reader.authorizationDetails([(again as { entry: Record<string, unknown> }).entry], []);
        expect((details.GroupDetailList as { GroupName: string }[]).map((g) => g.GroupName)).to.deep.equal(["devs"]);
    });

    it("a failed policy read is not kept either", async () => {
        aws.failures.push({ api: "GetPolicyVersion", name: ADMIN_ARN, error: accessDenied(), times: 1 });
        await reader.user("bob").then(
            () => expect.fail("read"),
            (err) => expect(err.name).to.equal("AccessDenied"),
        );
        expect((await reader.user("bob")).found).to.equal(true);
        expect(reader.calls.get("GetPolicy")).to.equal(2);
    });

    it("a role: its trust only (its permission policies are not read)", async () => {
        const read = (await reader.role("deploy")) as { found: true; entry: Record<string, any> };
        expect(read.found).to.equal(true);
        expect(read.entry).to.deep.include({ RoleName: "deploy", Arn: `arn:aws:iam::${ACCOUNT}:role/deploy`, RolePolicyList: [], AttachedManagedPolicies: [] });
        expect(JSON.parse(decodeURIComponent(read.entry.AssumeRolePolicyDocument))).to.deep.equal(MFA_TRUST);
        expect(Object.fromEntries(reader.calls)).to.deep.equal({ GetRole: 1 });
        const details = await reader.authorizationDetails([], [read.entry]);
        expect(details).to.deep.include({ UserDetailList: [], GroupDetailList: [], Policies: [] });
        expect(details.RoleDetailList).to.deep.equal([read.entry]);
    });

    it("a group's members and a policy's holders, every page; undefined or none when the group or policy is gone", async () => {
        expect(await reader.groupMembers("devs")).to.deep.equal(["alice", "bob"]);
        expect(reader.calls.get("GetGroup")).to.equal(2);
        expect(await reader.groupMembers("gone")).to.equal(undefined);
        const holders = await reader.policyHolders(ADMIN_ARN);
        expect(holders).to.deep.equal({ users: ["alice"], groups: ["devs"], roles: [] });
        // a boundary is a holding too: the policy's change changes the user's verdict
        expect((await reader.policyHolders(BOUNDARY_ARN)).users).to.deep.equal(["alice"]);
        expect(await reader.policyHolders(`arn:aws:iam::${ACCOUNT}:policy/Gone`)).to.deep.equal({ users: [], groups: [], roles: [] });
        aws.failures.push({ api: "GetGroup", error: accessDenied(), times: 1 });
        await reader.groupMembers("devs").then(
            () => expect.fail("read"),
            (err) => expect(err.name).to.equal("AccessDenied"),
        );
    });
});
