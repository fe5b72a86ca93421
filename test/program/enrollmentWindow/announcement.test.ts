/** The run's one message: counts in the subject, each user with the days, what was (or would be) done, and the step. */
import { expect } from "chai";
import { announcement, AnnouncementContext, stepFor } from "../../../program/enrollmentWindow/announcement";
import { WindowAction } from "../../../program/enrollmentWindow/decisionTable";

const CONTEXT: AnnouncementContext = {
    mode: "enforce",
    day: "2026-12-01",
    thresholds: { remindAfterDays: 0, flagAfterDays: 7, suspendAfterDays: 14 },
    suspendedGroupName: "mfa-suspended",
};

const item = (user: string, action: WindowAction, daysWithoutMfa: number, writes: { kind: "tag-flagged"; user: string; day: string }[] = []) => ({
    decision: { user, action, daysWithoutMfa, reason: "r" },
    writes,
});

describe("announcement", () => {
    it("nothing to say: no message", () => {
        expect(announcement([item("alice", "none", 0)], [], CONTEXT)).to.equal(undefined);
    });

    it("enforce mode: the counts in the subject, a line per user with the changes made and the step", () => {
        const message = announcement([item("ben", "remind", 1), item("cleo", "flag", 7, [{ kind: "tag-flagged", user: "cleo", day: "2026-12-01" }])], [], CONTEXT)!;
        expect(message.subject).to.equal("force-mfa enrollment window 2026-12-01: 1 flagged, 1 reminded");
        const lines = message.message.split("\n");
        expect(lines[0]).to.equal("Enforce mode: the changes listed were made.");
        expect(lines).to.include("- ben: 1 days without MFA, reminded. Step: " + stepFor("remind", CONTEXT) + ".");
        expect(lines).to.include("- cleo: 7 days without MFA, flagged. Changes: tag force-mfa:flagged=2026-12-01. Step: " + stepFor("flag", CONTEXT) + ".");
    });

    it("report mode says what would be done and that nothing changed", () => {
        const context = { ...CONTEXT, mode: "report" as const };
        const message = announcement([item("cleo", "flag", 7, [{ kind: "tag-flagged", user: "cleo", day: "2026-12-01" }])], [], context)!;
        expect(message.subject).to.equal("force-mfa enrollment window 2026-12-01 (report mode): 1 to flag");
        expect(message.message).to.match(/^Report mode: nothing was changed in the account\./);
        expect(message.message).to.include("- cleo: 7 days without MFA, to flag. Would change: tag force-mfa:flagged=2026-12-01.");
    });

    it("users enrolled but still suspended are listed for an administrator, and counted", () => {
        const message = announcement([], ["eve"], CONTEXT)!;
        expect(message.subject).to.equal("force-mfa enrollment window 2026-12-01: 1 awaiting reinstatement");
        expect(message.message).to.include("Enrolled but still in mfa-suspended (an administrator reinstates them): eve.");
    });

    it("a subject longer than SNS's 100 characters is cut with an ellipsis", () => {
        const many = Array.from({ length: 3 }, (_, i) => item(`u${i}`, "remind", 1));
        const { subject } = announcement(many, ["a"], { ...CONTEXT, day: "x".repeat(80) })!;
        expect(subject).to.have.length(100);
        expect(subject.endsWith("…")).to.equal(true);
    });

    it("each step fits the stage: enroll before the next one, and how an administrator reinstates a suspended user", () => {
        expect(stepFor("remind", CONTEXT)).to.match(/^enroll an MFA device .*; flagged from day 7$/);
        expect(stepFor("flag", CONTEXT)).to.match(/now; suspended from day 14$/);
        expect(stepFor("flag", { ...CONTEXT, thresholds: { ...CONTEXT.thresholds, suspendAfterDays: 0 } })).to.match(/now; suspension is off$/);
        expect(stepFor("suspend", CONTEXT)).to.include("remove from mfa-suspended").and.include("remove the tag force-mfa:flagged");
        expect(stepFor("none", CONTEXT)).to.equal("nothing");
    });
});
