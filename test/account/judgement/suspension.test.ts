import { expect } from "chai";
import { DEFAULT_SUSPENDED_GROUP_NAME, SUSPENDED_FIX, suspensionOf } from "../../../account/judgement/suspension";
import { ADMIN, AccountSketch, sketchJudgement, statements } from "../accountSketch";

const DENY_ALL = statements({ Effect: "Deny", Action: "*", Resource: "*" });

async function userOf(sketch: AccountSketch, name = "alice") {
    const { input } = await sketchJudgement(sketch);
    return input.graph.users.find((u) => u.name === name)!;
}

describe("account — suspension: a member of the suspension group whose policy denies everything", () => {
    it("the default group is the enrollment window's", () => {
        expect(DEFAULT_SUSPENDED_GROUP_NAME).to.equal("mfa-suspended");
    });

    it("a member of a group denying every action on every resource, unconditionally, is suspended (group name in any case)", async () => {
        const alice = await userOf({ users: { alice: { groups: ["MFA-Suspended"], inline: { own: ADMIN } } }, groups: { "MFA-Suspended": { inline: { deny: DENY_ALL } } } });
        expect(suspensionOf(alice, "mfa-suspended")).to.equal(
            "suspended by the enrollment window: a member of MFA-Suspended, whose policy denies every action on every resource, with or without MFA",
        );
        expect(suspensionOf(alice, "other-group")).to.equal(undefined);
    });

    it("not suspended: a deny with a condition, of some actions or resources only, or only an allow", async () => {
        const cases = {
            conditioned: statements({ Effect: "Deny", Action: "*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }),
            someActions: statements({ Effect: "Deny", Action: "s3:*", Resource: "*" }),
            someResources: statements({ Effect: "Deny", Action: "*", Resource: "arn:aws:s3:::bucket" }),
            notAction: statements({ Effect: "Deny", NotAction: "iam:GetUser", Resource: "*" }),
            allow: ADMIN,
        };
        for (const [name, document] of Object.entries(cases)) {
            const alice = await userOf({ users: { alice: { groups: ["mfa-suspended"] } }, groups: { "mfa-suspended": { inline: { p: document } } } });
            expect(suspensionOf(alice, "mfa-suspended"), name).to.equal(undefined);
        }
    });

    it("the user's own deny-all is not the window's suspension: only the group's counts", async () => {
        const alice = await userOf({ users: { alice: { groups: ["mfa-suspended"], inline: { own: DENY_ALL } } }, groups: { "mfa-suspended": {} } });
        expect(suspensionOf(alice, "mfa-suspended")).to.equal(undefined);
    });

    it("the fix: an administrator enrolls, then removes the user from the group; the window never reinstates", () => {
        const fix = SUSPENDED_FIX("alice", "mfa-suspended");
        expect(fix).to.match(/^an administrator enrolls an MFA device for alice .*removes it from the group "mfa-suspended"/);
        expect(fix).to.contain("never reinstates anyone itself");
    });
});
