/**
 * The runbook's lost-device procedure with the enrollment window on, against mocked AWS SDK v3 clients: a
 * long-standing user whose device an administrator removed is reminded, not suspended, on the next run; flagged and
 * suspended only once the window has passed since the removal. The device history the runs keep is in the audit bucket.
 */
import { PublishCommand } from "@aws-sdk/client-sns";
import { expect } from "chai";
import { DEVICE_HISTORY_KEY } from "../../../../program/enrollmentWindow/job/deviceHistoryRecord";
import { JobSettings } from "../../../../program/enrollmentWindow/job/jobSettings";
import { runEnrollmentWindow } from "../../../../program/enrollmentWindow/job/runEnrollmentWindow";
import { FakeAccount } from "./fakeAccount";
import { JOB_SETTINGS } from "./jobFixtures";

const START = new Date("2026-12-01T06:00:00Z");
const DAY = 86_400_000;
const SETTINGS: JobSettings = { ...JOB_SETTINGS, mode: "enforce", exemptions: [] };

describe("enrollment window — a lost device (the runbook's procedure)", () => {
    let account: FakeAccount;
    let logs: string[];
    beforeEach(() => {
        account = new FakeAccount(
            [
                { name: "veteran", createdDaysAgo: 400, mfa: true, accessKeys: [true] },
                { name: "never", createdDaysAgo: 400, mfa: false },
            ],
            START,
        );
        logs = [];
    });
    afterEach(() => account.restore());

    /** The next daily run, `days` after the first; the users keep their creation dates. */
    async function runAfter(days: number) {
        const now = new Date(START.getTime() + days * DAY);
        const elapsed = Math.round((now.getTime() - account.now.getTime()) / DAY);
        account.users.forEach((u, i) => (account.users[i] = { ...u, createdDaysAgo: u.createdDaysAgo + elapsed }));
        account.now = now;
        account.resetHistory();
        logs = [];
        const outcome = await runEnrollmentWindow(account.clients(), SETTINGS, { now, log: (line) => logs.push(line), sleep: async () => undefined });
        return { outcome, action: outcome.decisions.find((d) => d.decision.user === "veteran")?.decision.action ?? "none" };
    }

    function removeDevice(): void {
        account.users[0] = { ...account.users[0], mfa: false };
    }

    it("reminded, not suspended, on the run after the removal; flagged after flagAfterDays and suspended after suspendAfterDays from it", async () => {
        expect((await runAfter(0)).action).to.equal("none");
        removeDevice();

        const first = await runAfter(1);
        expect(first.action).to.equal("remind");
        expect(account.groups.get("veteran")).to.not.include("mfa-suspended");
        expect(account.writes().filter((w) => (w.input as { UserName?: string }).UserName === "veteran")).to.deep.equal([]);
        const { Message } = account.sns.commandCalls(PublishCommand)[0].args[0].input;
        expect(Message).to.include("- veteran: 0 days without MFA since its device was removed, reminded.");
        expect(JSON.parse(logs.find((l) => l.includes('"user":"veteran"'))!)).to.deep.include({
            countedFrom: "device removal",
            reason: "no MFA device 0 days after its device was removed (first seen without one 2026-12-02); flagged on day 7",
        });

        expect((await runAfter(7)).action).to.equal("remind");
        expect((await runAfter(8)).action).to.equal("flag");
        expect(account.groups.get("veteran")).to.not.include("mfa-suspended");
        expect((await runAfter(14)).action).to.equal("flag");
        expect((await runAfter(15)).action).to.equal("suspend");
        expect(account.groups.get("veteran")).to.include("mfa-suspended");
        expect(account.keys.get("veteran")![0].Status).to.equal("Inactive");
    });

    it("a user the runs never saw with a device is still counted from its creation", async () => {
        const { outcome } = await runAfter(0);
        expect(outcome.decisions.find((d) => d.decision.user === "never")?.decision).to.deep.include({ action: "suspend", daysWithoutMfa: 400 });
    });

    it("the runs keep what they saw in the audit bucket, in report mode too, and a new device ends the restarted window", async () => {
        await runEnrollmentWindow(account.clients(), { ...SETTINGS, mode: "report" }, { now: START, log: () => undefined, sleep: async () => undefined });
        const key = `${SETTINGS.auditBucketName}/${DEVICE_HISTORY_KEY}`;
        expect(JSON.parse(account.objects.get(key)!).users.veteran).to.deep.include({ deviceSeenOn: "2026-12-01" });
        removeDevice();
        await runAfter(1);
        expect(JSON.parse(account.objects.get(key)!).users.veteran).to.deep.include({ withoutDeviceSince: "2026-12-02T06:00:00.000Z" });
        account.users[0] = { ...account.users[0], mfa: true };
        expect((await runAfter(2)).action).to.equal("none");
        expect(JSON.parse(account.objects.get(key)!).users.veteran).to.not.have.property("withoutDeviceSince");
    });
});
