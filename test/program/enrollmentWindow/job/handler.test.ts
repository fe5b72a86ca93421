/**
 * The Lambda entry, from its sources (jobBundle.test.ts runs the bundle): settings from the environment, the run with
 * the runtime's clients, the account audit report kept, a summary returned; broken settings stop it before any call.
 */
import { PublishCommand } from "@aws-sdk/client-sns";
import { expect } from "chai";
import { handler } from "../../../../program/enrollmentWindow/job/handler";
import { SETTINGS_VARIABLE } from "../../../../program/enrollmentWindow/job/jobSettings";
import { FakeAccount } from "./fakeAccount";

describe("the job's handler", () => {
    let account: FakeAccount;
    const saved = process.env[SETTINGS_VARIABLE];
    const log = console.log;
    let lines: string[];
    beforeEach(() => {
        account = new FakeAccount(
            [
                { name: "alice", createdDaysAgo: 3, mfa: true },
                { name: "dan", createdDaysAgo: 20, mfa: false, accessKeys: [true] },
            ],
            new Date(),
        );
        lines = [];
        console.log = (line: string) => lines.push(line);
    });
    afterEach(() => {
        console.log = log;
        account.restore();
        if (saved === undefined) {
            delete process.env[SETTINGS_VARIABLE];
        } else {
            process.env[SETTINGS_VARIABLE] = saved;
        }
    });

    it("report mode: announces, changes nothing, keeps the day's audit report, and returns the summary", async () => {
        process.env[SETTINGS_VARIABLE] = JSON.stringify({
            mode: "report",
            thresholds: { remindAfterDays: 0, flagAfterDays: 7, suspendAfterDays: 14 },
            exemptions: [],
            suspendedGroupName: "mfa-suspended",
            topicArn: "arn:aws:sns:eu-central-1:123456789012:force-mfa-alerts",
            auditBucketName: "audit-bucket",
        });
        const result = await handler();
        const day = new Date().toISOString().slice(0, 10);
        expect(result).to.deep.equal({ mode: "report", day, announced: true, actions: 1, changes: 0 });
        expect(account.writes()).to.deep.equal([]);
        expect(account.sns.commandCalls(PublishCommand)).to.have.length(1);
        expect(account.objects.has(`audit-bucket/force-mfa/audit/${day}/account-audit.json`)).to.equal(true);
        // One JSON line per user acted on, then the summary: the function's log is machine-readable.
        expect(lines.map((line) => JSON.parse(line).source)).to.deep.equal(["force-mfa-enrollment-window", "force-mfa-enrollment-window"]);
    });

    it("settings missing from the environment: it fails naming the variable, before touching the account", async () => {
        delete process.env[SETTINGS_VARIABLE];
        let error: unknown;
        await handler().catch((err) => (error = err));
        expect((error as Error).message).to.equal(`${SETTINGS_VARIABLE}: is not set`);
        expect(account.iam.calls()).to.deep.equal([]);
        expect(account.s3.calls()).to.deep.equal([]);
    });
});
