/**
 * The run's account audit report: the account library's report of the snapshot the job read, as JSON and HTML, kept
 * under force-mfa/audit/<day>/ in the audit bucket, with the stack's exemptions and enforced group.
 */
import { expect } from "chai";
import { auditReportKeys, keepAccountAuditReport } from "../../../../program/enrollmentWindow/job/accountAuditReport";
import { readAccount } from "../../../../program/enrollmentWindow/job/accountSnapshot";
import { JobSettings } from "../../../../program/enrollmentWindow/job/jobSettings";
import { FakeAccount } from "./fakeAccount";
import { JOB_SETTINGS } from "./jobFixtures";

const NOW = new Date("2026-12-01T06:00:00Z");
const SETTINGS: JobSettings = { ...JOB_SETTINGS, auditBucketName: "audit-bucket", enforcedGroupName: "team-mfa" };

describe("the run's account audit report", () => {
    let account: FakeAccount;
    beforeEach(() => {
        account = new FakeAccount(
            [
                { name: "alice", createdDaysAgo: 3, mfa: true, groups: ["team-mfa"] },
                { name: "breakglass", createdDaysAgo: 100, mfa: false, groups: [] },
            ],
            NOW,
        );
    });
    afterEach(() => account.restore());

    it("is kept under force-mfa/audit/<day>/account-audit.{json,html}", () => {
        expect(auditReportKeys("2026-12-01")).to.deep.equal({
            json: "force-mfa/audit/2026-12-01/account-audit.json",
            html: "force-mfa/audit/2026-12-01/account-audit.html",
        });
    });

    it("judges every principal of the snapshot, with the stack's exemptions and enforced group, in both renderings", async () => {
        const { iam, s3 } = account.clients();
        const snapshot = await readAccount(iam, async () => undefined);
        const keys = await keepAccountAuditReport(s3, SETTINGS, snapshot, NOW);
        expect(keys).to.deep.equal(auditReportKeys("2026-12-01"));
        const report = JSON.parse(account.objects.get(`audit-bucket/${keys.json}`)!);
        expect(report.enforcedGroupName).to.equal("team-mfa");
        expect(report.generatedAt).to.equal(NOW.toISOString());
        const byName = new Map(report.principals.map((p: { name: string; status: string }) => [p.name, p.status]));
        expect(byName.get("breakglass")).to.equal("exempt");
        expect(byName.has("alice")).to.equal(true);
        expect(account.objects.get(`audit-bucket/${keys.html}`)).to.match(/^<!DOCTYPE html>/i);
    });
});
