/**
 * The daily job's expiry path, against mocked AWS SDK v3 clients: an exemption that expired yesterday is none — its
 * user is re-checked, reminded, flagged or suspended by the days since creation like everyone, and the log and the
 * announcement say when the exemption expired — while one that ends today still counts.
 */
import { ListMFADevicesCommand } from "@aws-sdk/client-iam";
import { PublishCommand } from "@aws-sdk/client-sns";
import { expect } from "chai";
import { JobSettings } from "../../../../program/enrollmentWindow/job/jobSettings";
import { runEnrollmentWindow } from "../../../../program/enrollmentWindow/job/runEnrollmentWindow";
import { FakeAccount } from "./fakeAccount";
import { JOB_SETTINGS } from "./jobFixtures";

const NOW = new Date("2026-12-01T06:00:00Z");
const YESTERDAY = "2026-11-30";

const SETTINGS: JobSettings = {
    ...JOB_SETTINGS,
    mode: "enforce",
    exemptions: [
        { name: "carol", reason: "vendor migration", expiresOn: YESTERDAY },
        { name: "dora", reason: "new laptop on order", expiresOn: YESTERDAY },
        { name: "erin", reason: "awaiting a hardware key", expiresOn: YESTERDAY },
        { name: "frank", reason: "vendor migration, second phase", expiresOn: "2026-12-01" },
    ],
};

describe("enrollment window — the daily job when an exemption has expired", () => {
    let account: FakeAccount;
    let logs: string[];
    beforeEach(() => {
        account = new FakeAccount(
            [
                { name: "carol", createdDaysAgo: 100, mfa: false, accessKeys: [true] },
                { name: "dora", createdDaysAgo: 8, mfa: false },
                { name: "erin", createdDaysAgo: 2, mfa: false },
                { name: "frank", createdDaysAgo: 100, mfa: false, accessKeys: [true] },
            ],
            NOW,
        );
        logs = [];
    });
    afterEach(() => account.restore());

    const run = () => runEnrollmentWindow(account.clients(), SETTINGS, { now: NOW, log: (line) => logs.push(line), sleep: async () => undefined });

    it("suspends, flags and reminds by the days since creation, as the window does for everyone; the exemption ending today still counts", async () => {
        const outcome = await run();
        expect(outcome.decisions.map((d) => [d.decision.user, d.decision.action, d.decision.exemptionExpiredOn])).to.deep.equal([
            ["carol", "suspend", YESTERDAY],
            ["dora", "flag", YESTERDAY],
            ["erin", "remind", YESTERDAY],
        ]);
        expect(account.iam.commandCalls(ListMFADevicesCommand).map((c) => c.args[0].input.UserName), "no longer exempt: re-checked like everyone").to.have.members(["carol", "dora", "erin"]);
        expect(account.groups.get("carol")).to.include("mfa-suspended");
        expect(account.keys.get("carol")![0].Status).to.equal("Inactive");
        expect(account.tags.get("dora")).to.deep.equal({ "force-mfa:flagged": "2026-12-01" });
        expect(account.writes().filter((w) => (w.input as { UserName?: string }).UserName === "frank")).to.deep.equal([]);
    });

    it("says so: each log line and the announcement name the day the exemption expired", async () => {
        await run();
        const carol = JSON.parse(logs.find((l) => l.includes('"user":"carol"'))!);
        expect(carol).to.deep.include({ action: "suspend", exemptionExpiredOn: YESTERDAY, reason: `exemption expired on ${YESTERDAY}; no MFA device 100 days after creation; suspended` });
        const { Message } = account.sns.commandCalls(PublishCommand)[0].args[0].input;
        expect(Message).to.include(`- carol: 100 days without MFA, suspended (exemption expired on ${YESTERDAY}). Changes: tag force-mfa:flagged=2026-12-01; add to group mfa-suspended; deactivate access key AKIACAROL1.`);
        expect(Message).to.include(`- dora: 8 days without MFA, flagged (exemption expired on ${YESTERDAY}).`);
        expect(Message).to.include(`- erin: 2 days without MFA, reminded (exemption expired on ${YESTERDAY}).`);
        expect(Message).to.not.include("frank");
    });

    it("names the exemptions without an end in its summary line (advisory: honoured, to be reviewed)", async () => {
        const settings = { ...SETTINGS, exemptions: [...SETTINGS.exemptions, { name: "breakglass", reason: "hardware MFA in the safe" }] };
        await runEnrollmentWindow(account.clients(), settings, { now: NOW, log: (line) => logs.push(line), sleep: async () => undefined });
        expect(JSON.parse(logs.find((l) => l.includes('"summary":true'))!).permanentExemptions).to.deep.equal(["breakglass"]);
    });
});
