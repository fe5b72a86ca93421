import { ListMFADevicesCommand, TagUserCommand } from "@aws-sdk/client-iam";
import { PublishCommand } from "@aws-sdk/client-sns";
import { expect } from "chai";
import { parseJobSettings, SETTINGS_VARIABLE, JobSettings } from "../../../../program/enrollmentWindow/job/jobSettings";
import { runEnrollmentWindow } from "../../../../program/enrollmentWindow/job/runEnrollmentWindow";
import { FixtureUser } from "../accountFixture";
import { FakeAccount } from "./fakeAccount";

const NOW = new Date("2026-12-01T06:00:00Z");
const TOPIC = "arn:aws:sns:eu-central-1:123456789012:force-mfa-alerts";
const BUCKET = "force-mfa-audit-123456789012-eu-central-1";

export const USERS: FixtureUser[] = [
    { name: "alice", createdDaysAgo: 30, mfa: true, accessKeys: [true] },
    { name: "ben", createdDaysAgo: 0, mfa: false },
    { name: "cleo", createdDaysAgo: 7, mfa: false, accessKeys: [true] },
    { name: "dan", createdDaysAgo: 14, mfa: false, accessKeys: [true, false] },
    { name: "breakglass", createdDaysAgo: 100, mfa: false, accessKeys: [true] },
    { name: "stale", createdDaysAgo: 20, mfa: false, accessKeys: [true] },
    { name: "newbie", createdDaysAgo: 0, mfa: false, inReport: false },
    { name: "eve", createdDaysAgo: 20, mfa: true, groups: ["mfa-enforced", "mfa-suspended"] },
];

function settings(mode: "report" | "enforce"): JobSettings {
    return parseJobSettings({
        [SETTINGS_VARIABLE]: JSON.stringify({
            mode,
            thresholds: { remindAfterDays: 0, flagAfterDays: 7, suspendAfterDays: 14 },
            exemptions: [{ name: "BreakGlass", reason: "hardware MFA in the safe" }],
            suspendedGroupName: "mfa-suspended",
            topicArn: TOPIC,
            auditBucketName: BUCKET,
        }),
    });
}

describe("enrollment window — the daily job against mocked AWS SDK v3 clients", () => {
    let account: FakeAccount;
    let logs: string[];
    const run = (mode: "report" | "enforce", now = NOW) =>
        runEnrollmentWindow(account.clients(), settings(mode), { now, log: (line) => logs.push(line), sleep: async () => undefined });

    beforeEach(() => {
        account = new FakeAccount(USERS.map((u) => ({ ...u })), NOW);
        account.enrolledSinceReport.add("stale");
        logs = [];
    });
    afterEach(() => account.restore());

    it("reads the credential report (waiting until complete), the authorization details, and re-checks the devices of whoever the report shows without MFA", async () => {
        await run("report");
        expect(account.iam.commandCalls(ListMFADevicesCommand).map((c) => c.args[0].input.UserName)).to.have.members(["ben", "cleo", "dan", "stale", "newbie"]);
    });

    it("report mode: decides and announces, changes nothing in IAM", async () => {
        const outcome = await run("report");
        expect(account.writes()).to.deep.equal([]);
        expect(outcome.applied).to.deep.equal([]);
        expect(outcome.decisions.map((d) => [d.decision.user, d.decision.action])).to.deep.equal([
            ["ben", "remind"],
            ["cleo", "flag"],
            ["dan", "suspend"],
            ["newbie", "remind"],
        ]);
        const published = account.sns.commandCalls(PublishCommand);
        expect(published).to.have.length(1);
        const { TopicArn, Subject, Message } = published[0].args[0].input;
        expect(TopicArn).to.equal(TOPIC);
        expect(Subject).to.match(/^force-mfa enrollment window 2026-12-01 \(report mode\): 1 to suspend, 1 to flag, 2 to remind, 1 await/);
        expect(Subject!.length, "SNS subjects are at most 100 characters").to.be.at.most(100);
        expect(Message).to.match(/^Report mode: nothing was changed/);
        expect(Message).to.include("- dan: 14 days without MFA, to suspend. Would change: tag force-mfa:flagged=2026-12-01; add to group mfa-suspended; deactivate access key AKIADAN1.");
        expect(Message).to.include("- ben: 0 days without MFA, to remind.");
        expect(Message).to.include("Enrolled but still in mfa-suspended (an administrator reinstates them): eve.");
        expect(Message).to.not.match(/alice|breakglass|stale/);
        const lines = logs.map((l) => JSON.parse(l));
        expect(lines.filter((l) => l.user).map((l) => [l.user, l.action, l.daysWithoutMfa])).to.deep.equal([
            ["ben", "remind", 0],
            ["cleo", "flag", 7],
            ["dan", "suspend", 14],
            ["newbie", "remind", 0],
        ]);
        expect(lines.find((l) => l.user === "dan").wouldChange).to.have.length(3);
        expect(lines.find((l) => l.user === "dan")).to.not.have.property("changed");
    });

    it("enforce mode: tags the flagged and suspended users, puts the suspended one in mfa-suspended, deactivates its active key — and nothing else", async () => {
        await run("enforce");
        expect(account.writes()).to.deep.equal([
            { command: "TagUserCommand", input: { UserName: "cleo", Tags: [{ Key: "force-mfa:flagged", Value: "2026-12-01" }] } },
            { command: "TagUserCommand", input: { UserName: "dan", Tags: [{ Key: "force-mfa:flagged", Value: "2026-12-01" }] } },
            { command: "AddUserToGroupCommand", input: { GroupName: "mfa-suspended", UserName: "dan" } },
            { command: "UpdateAccessKeyCommand", input: { UserName: "dan", AccessKeyId: "AKIADAN1", Status: "Inactive" } },
        ]);
        expect(account.sns.commandCalls(PublishCommand)).to.have.length(1);
        const { Subject, Message } = account.sns.commandCalls(PublishCommand)[0].args[0].input;
        expect(Subject).to.equal("force-mfa enrollment window 2026-12-01: 1 suspended, 1 flagged, 2 reminded, 1 awaiting reinstatement");
        expect(Message).to.match(/^Enforce mode: the changes listed were made/);
        expect(Message).to.include("- dan: 14 days without MFA, suspended. Changes: tag force-mfa:flagged=2026-12-01; add to group mfa-suspended; deactivate access key AKIADAN1.");
        expect(JSON.parse(logs.find((l) => l.includes('"user":"dan"'))!).changed).to.deep.equal([
            "tag force-mfa:flagged=2026-12-01",
            "add to group mfa-suspended",
            "deactivate access key AKIADAN1",
        ]);
    });

    it("a second run the same day writes nothing and announces nothing", async () => {
        await run("enforce");
        account.resetHistory();
        const second = await run("enforce", new Date("2026-12-01T18:00:00Z"));
        expect(account.writes()).to.deep.equal([]);
        expect(second.applied).to.deep.equal([]);
        expect(account.sns.commandCalls(PublishCommand)).to.deep.equal([]);
        expect(second.announced).to.equal(false);
    });

    it("the next day the reminders come again, the flag keeps its first date, the suspended user is not written again", async () => {
        await run("enforce");
        account.resetHistory();
        await run("enforce", new Date("2026-12-02T06:00:00Z"));
        expect(account.writes()).to.deep.equal([]);
        expect(account.tags.get("cleo")).to.deep.equal({ "force-mfa:flagged": "2026-12-01" });
        expect(account.sns.commandCalls(PublishCommand)).to.have.length(1);
        const { Message } = account.sns.commandCalls(PublishCommand)[0].args[0].input;
        expect(Message).to.include("- cleo: 8 days without MFA, flagged.");
        expect(Message, "dan's suspension was announced the day it happened").to.not.include("- dan:");
    });

    it("a key reactivated by hand while suspended is deactivated again on the next run", async () => {
        await run("enforce");
        account.keys.get("dan")![0].Status = "Active";
        account.resetHistory();
        await run("enforce", new Date("2026-12-01T12:00:00Z"));
        expect(account.writes()).to.deep.equal([{ command: "UpdateAccessKeyCommand", input: { UserName: "dan", AccessKeyId: "AKIADAN1", Status: "Inactive" } }]);
        expect(account.sns.commandCalls(PublishCommand), "a change is news, even the same day").to.have.length(1);
    });

    it("a failing write is logged, the others still happen and are announced, then the run fails", async () => {
        account.iam.on(TagUserCommand, { UserName: "cleo" }).rejects(Object.assign(new Error("throttled"), { name: "Throttling" }));
        const error = await run("enforce").then(
            () => undefined,
            (err: Error) => err,
        );
        expect(error?.message).to.match(/1 user\(s\) could not be handled: cleo: Throttling: throttled/);
        expect(account.groups.get("dan")).to.include("mfa-suspended");
        expect(account.sns.commandCalls(PublishCommand)).to.have.length(1);
        expect(JSON.parse(logs.find((l) => l.includes('"user":"cleo"'))!).error).to.equal("Throttling: throttled");
    });

    it("nothing to say: no message", async () => {
        account = (account.restore(), new FakeAccount([{ name: "alice", createdDaysAgo: 3, mfa: true }], NOW));
        const outcome = await run("enforce");
        expect(outcome.announced).to.equal(false);
        expect(account.sns.commandCalls(PublishCommand)).to.deep.equal([]);
    });
});

describe("enrollment window — the job's settings", () => {
    it("refuses a missing or malformed variable rather than act on a guess", () => {
        expect(() => parseJobSettings({})).to.throw(`${SETTINGS_VARIABLE}: is not set`);
        expect(() => parseJobSettings({ [SETTINGS_VARIABLE]: "{" })).to.throw(/is not JSON/);
        expect(() => parseJobSettings({ [SETTINGS_VARIABLE]: JSON.stringify({ mode: "on" }) })).to.throw(/mode must be "report" or "enforce"/);
        expect(() =>
            parseJobSettings({ [SETTINGS_VARIABLE]: JSON.stringify({ mode: "report", thresholds: { remindAfterDays: 0, flagAfterDays: "7", suspendAfterDays: 14 }, exemptions: [] }) }),
        ).to.throw(/thresholds.flagAfterDays must be a whole number/);
    });
});
