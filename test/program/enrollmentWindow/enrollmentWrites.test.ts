import { expect } from "chai";
import { WindowDecision } from "../../../program/enrollmentWindow/decisionTable";
import { describeWrite, plannedWrites } from "../../../program/enrollmentWindow/enrollmentWrites";

const TODAY = "2026-12-01";
const decision = (action: WindowDecision["action"]): WindowDecision => ({ user: "bob", action, daysWithoutMfa: 14, reason: "r" });
const fresh = { suspended: false, activeAccessKeyIds: ["AKIA1", "AKIA2"] };

describe("enrollment window — what a decision writes", () => {
    it("none and remind write nothing", () => {
        expect(plannedWrites(decision("none"), fresh, TODAY, "mfa-suspended")).to.deep.equal([]);
        expect(plannedWrites(decision("remind"), fresh, TODAY, "mfa-suspended")).to.deep.equal([]);
    });

    it("flag tags the user with today's date, once; an existing date is kept", () => {
        expect(plannedWrites(decision("flag"), fresh, TODAY, "mfa-suspended")).to.deep.equal([{ kind: "tag-flagged", user: "bob", day: TODAY }]);
        expect(plannedWrites(decision("flag"), { ...fresh, flaggedOn: "2026-11-20" }, TODAY, "mfa-suspended")).to.deep.equal([]);
    });

    it("suspend: the tag, the group, every active key", () => {
        const writes = plannedWrites(decision("suspend"), fresh, TODAY, "mfa-suspended");
        expect(writes).to.deep.equal([
            { kind: "tag-flagged", user: "bob", day: TODAY },
            { kind: "add-to-suspended-group", user: "bob", group: "mfa-suspended" },
            { kind: "deactivate-access-key", user: "bob", accessKeyId: "AKIA1" },
            { kind: "deactivate-access-key", user: "bob", accessKeyId: "AKIA2" },
        ]);
        expect(writes.map(describeWrite)).to.deep.equal([
            "tag force-mfa:flagged=2026-12-01",
            "add to group mfa-suspended",
            "deactivate access key AKIA1",
            "deactivate access key AKIA2",
        ]);
    });

    it("suspend of a user already suspended, tagged, with no active key: nothing (the second run changes nothing)", () => {
        expect(plannedWrites(decision("suspend"), { flaggedOn: "2026-11-24", suspended: true, activeAccessKeyIds: [] }, TODAY, "mfa-suspended")).to.deep.equal([]);
    });

    it("a key reactivated by hand while still suspended is deactivated again", () => {
        expect(plannedWrites(decision("suspend"), { flaggedOn: "2026-11-24", suspended: true, activeAccessKeyIds: ["AKIA3"] }, TODAY, "mfa-suspended")).to.deep.equal([
            { kind: "deactivate-access-key", user: "bob", accessKeyId: "AKIA3" },
        ]);
    });
});
