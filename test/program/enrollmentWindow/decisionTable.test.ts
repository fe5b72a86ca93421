import { expect } from "chai";
import {
    actionAfter,
    decideAll,
    decideUser,
    DecisionContext,
    DEFAULT_THRESHOLDS,
    UserMfaFacts,
    utcDay,
    wholeDaysBetween,
} from "../../../program/enrollmentWindow/decisionTable";

const NOW = new Date("2026-12-01T06:00:00Z");
const DAY = 86_400_000;

function createdDaysAgo(days: number, extraMs = 0): Date {
    return new Date(NOW.getTime() - days * DAY - extraMs);
}

function user(name: string, days: number, overrides: Partial<UserMfaFacts> = {}): UserMfaFacts {
    return { name, createdAt: createdDaysAgo(days), mfaActive: false, suspended: false, ...overrides };
}

const context: DecisionContext = { thresholds: DEFAULT_THRESHOLDS, exemptions: [], now: NOW, suspendedGroupName: "mfa-suspended" };

describe("enrollment window — the decision table", () => {
    it("counts whole days since creation, a future creation date as 0", () => {
        expect(wholeDaysBetween(createdDaysAgo(0), NOW)).to.equal(0);
        expect(wholeDaysBetween(new Date(NOW.getTime() - DAY + 1), NOW), "one millisecond short of a day").to.equal(0);
        expect(wholeDaysBetween(createdDaysAgo(1), NOW)).to.equal(1);
        expect(wholeDaysBetween(createdDaysAgo(6, DAY - 1), NOW), "23:59:59.999 into day 7 is still day 6").to.equal(6);
        expect(wholeDaysBetween(new Date(NOW.getTime() + 5 * DAY), NOW)).to.equal(0);
        expect(utcDay(new Date("2026-12-01T23:59:59Z"))).to.equal("2026-12-01");
    });

    it("default thresholds: remind from day 0, flag from day 7, suspend from day 14 — each edge", () => {
        const expected: [number, string][] = [
            [0, "remind"],
            [6, "remind"],
            [7, "flag"],
            [13, "flag"],
            [14, "suspend"],
            [400, "suspend"],
        ];
        for (const [days, action] of expected) {
            expect(actionAfter(days, DEFAULT_THRESHOLDS), `day ${days}`).to.equal(action);
            expect(decideUser(user("bob", days), context).action, `bob on day ${days}`).to.equal(action);
        }
    });

    it("a user created today without MFA is reminded with 0 days; with remindAfterDays 1, nothing yet", () => {
        const today = decideUser({ name: "new", createdAt: new Date(NOW.getTime() - 60_000), mfaActive: false, suspended: false }, context);
        expect(today).to.deep.include({ user: "new", action: "remind", daysWithoutMfa: 0 });
        expect(today.reason).to.match(/0 days after creation; flagged on day 7/);
        const later = decideUser(user("new", 0), { ...context, thresholds: { ...DEFAULT_THRESHOLDS, remindAfterDays: 1 } });
        expect(later).to.deep.include({ action: "none", daysWithoutMfa: 0 });
        expect(later.reason).to.match(/reminded from day 1/);
        expect(decideUser(user("new", 1), { ...context, thresholds: { ...DEFAULT_THRESHOLDS, remindAfterDays: 1 } }).action).to.equal("remind");
    });

    it("suspendAfterDays 0 switches suspension off: flagged for ever", () => {
        const off = { ...context, thresholds: { ...DEFAULT_THRESHOLDS, suspendAfterDays: 0 } };
        const decision = decideUser(user("bob", 90), off);
        expect(decision).to.deep.include({ action: "flag", daysWithoutMfa: 90 });
        expect(decision.reason).to.match(/suspension is off/);
    });

    it("custom thresholds move each edge", () => {
        const thresholds = { remindAfterDays: 2, flagAfterDays: 5, suspendAfterDays: 30 };
        expect([1, 2, 4, 5, 29, 30].map((d) => actionAfter(d, thresholds))).to.deep.equal(["none", "remind", "remind", "flag", "flag", "suspend"]);
        // flag and suspend on the same day: suspend wins.
        expect(actionAfter(7, { remindAfterDays: 0, flagAfterDays: 7, suspendAfterDays: 7 })).to.equal("suspend");
    });

    it("a user with an active device is left alone, whatever their age", () => {
        expect(decideUser(user("alice", 0, { mfaActive: true }), context)).to.deep.equal({ user: "alice", action: "none", daysWithoutMfa: 0, reason: "MFA active" });
        expect(decideUser(user("alice", 500, { mfaActive: true }), context).action).to.equal("none");
    });

    it("a suspended user who has enrolled is not reinstated by the job: the reason says an administrator does it", () => {
        const decision = decideUser(user("carol", 30, { mfaActive: true, suspended: true }), context);
        expect(decision.action).to.equal("none");
        expect(decision.reason).to.match(/still in mfa-suspended: an administrator reinstates/);
    });

    it("a suspended user still without MFA stays decided 'suspend' (what to write is decided against the current state)", () => {
        expect(decideUser(user("dave", 20, { suspended: true }), context).action).to.equal("suspend");
    });

    it("exemptions match case-insensitively, with or without a device, and give the reason", () => {
        const exempt = { ...context, exemptions: [{ name: "BreakGlass", reason: "hardware MFA in the safe" }] };
        const without = decideUser(user("breakglass", 40), exempt);
        expect(without).to.deep.equal({ user: "breakglass", action: "none", daysWithoutMfa: 40, reason: "exempt: hardware MFA in the safe" });
        expect(decideUser(user("BREAKGLASS", 40, { mfaActive: true }), exempt)).to.deep.include({ action: "none", daysWithoutMfa: 0 });
        // Another name that merely contains it is not exempt.
        expect(decideUser(user("breakglass2", 40), exempt).action).to.equal("suspend");
    });

    it("an exemption counts through its expiresOn day; from the next it is none: the user is decided like everyone, and the reason says when it ended", () => {
        const dated = (expiresOn: string) => ({ ...context, exemptions: [{ name: "carol", reason: "vendor migration", expiresOn }] });
        expect(decideUser(user("carol", 100), dated("2026-12-01"))).to.deep.equal({
            user: "carol",
            action: "none",
            daysWithoutMfa: 100,
            reason: "exempt: vendor migration (until 2026-12-01)",
        });
        expect(decideUser(user("carol", 100), dated("2026-11-30"))).to.deep.equal({
            user: "carol",
            action: "suspend",
            daysWithoutMfa: 100,
            reason: "exemption expired on 2026-11-30; no MFA device 100 days after creation; suspended",
            exemptionExpiredOn: "2026-11-30",
        });
        expect(decideUser(user("carol", 8), dated("2026-11-30"))).to.deep.include({ action: "flag", exemptionExpiredOn: "2026-11-30" });
        expect(decideUser(user("carol", 2, { mfaActive: true }), dated("2026-11-30"))).to.deep.include({ action: "none", reason: "exemption expired on 2026-11-30; MFA active" });
    });

    it("a device removed: the days count from the first run that saw it gone, when that is later than the creation", () => {
        const removed = (daysAgo: number) => ({ deviceRemovedAt: new Date(NOW.getTime() - daysAgo * DAY) });
        expect(decideUser(user("veteran", 400, removed(0)), context)).to.deep.equal({
            user: "veteran",
            action: "remind",
            daysWithoutMfa: 0,
            reason: "no MFA device 0 days after its device was removed (first seen without one 2026-12-01); flagged on day 7",
            countedFromDeviceRemoval: true,
        });
        expect(decideUser(user("veteran", 400, removed(7)), context).action).to.equal("flag");
        expect(decideUser(user("veteran", 400, removed(14)), context).action).to.equal("suspend");
        // A removal noted before the user's creation (another user of the same name) does not count.
        expect(decideUser(user("reborn", 3, removed(10)), context)).to.deep.include({ daysWithoutMfa: 3, reason: "no MFA device 3 days after creation; flagged on day 7" });
    });

    it("an unknown MFA status decides nothing", () => {
        const decision = decideUser(user("fresh", 20, { mfaActive: undefined }), context);
        expect(decision).to.deep.include({ action: "none", daysWithoutMfa: 20 });
        expect(decision.reason).to.match(/unknown/);
    });

    it("decides every user, in name order", () => {
        const decisions = decideAll([user("zed", 14), user("amy", 0, { mfaActive: true }), user("max", 7)], context);
        expect(decisions.map((d) => [d.user, d.action])).to.deep.equal([
            ["amy", "none"],
            ["max", "flag"],
            ["zed", "suspend"],
        ]);
    });
});
