/** The job's only IAM reads and writes of one user: the flag tag, the suspension group, the access keys. */
import { expect } from "chai";
import { applyWrite, readUserWriteState } from "../../../../program/enrollmentWindow/job/accountWrites";
import { FakeAccount } from "./fakeAccount";

describe("account writes", () => {
    let account: FakeAccount;
    beforeEach(() => {
        account = new FakeAccount([{ name: "dan", createdDaysAgo: 20, mfa: false, accessKeys: [true, false] }], new Date("2026-12-01T06:00:00Z"));
    });
    afterEach(() => account.restore());

    it("reads the flag tag's day and the active keys (only when asked for keys)", async () => {
        const { iam } = account.clients();
        expect(await readUserWriteState(iam, "dan", false, true)).to.deep.equal({ flaggedOn: undefined, suspended: false, activeAccessKeyIds: ["AKIADAN1"] });
        account.tags.set("dan", { "force-mfa:flagged": "2026-11-24", team: "ops" });
        expect(await readUserWriteState(iam, "dan", true, false)).to.deep.equal({ flaggedOn: "2026-11-24", suspended: true, activeAccessKeyIds: [] });
    });

    it("applies each kind of write as the one IAM call it stands for", async () => {
        const { iam } = account.clients();
        await applyWrite(iam, { kind: "tag-flagged", user: "dan", day: "2026-12-01" });
        await applyWrite(iam, { kind: "add-to-suspended-group", user: "dan", group: "mfa-suspended" });
        await applyWrite(iam, { kind: "deactivate-access-key", user: "dan", accessKeyId: "AKIADAN1" });
        expect(account.writes()).to.deep.equal([
            { command: "TagUserCommand", input: { UserName: "dan", Tags: [{ Key: "force-mfa:flagged", Value: "2026-12-01" }] } },
            { command: "AddUserToGroupCommand", input: { GroupName: "mfa-suspended", UserName: "dan" } },
            { command: "UpdateAccessKeyCommand", input: { UserName: "dan", AccessKeyId: "AKIADAN1", Status: "Inactive" } },
        ]);
        expect(account.groups.get("dan")).to.include("mfa-suspended");
        expect(account.keys.get("dan")!.map((k) => k.Status)).to.deep.equal(["Inactive", "Inactive"]);
    });
});
