/**
 * The report function against aws-sdk-client-mock: every account of the run's list in the organization report (its
 * result read back, or failed when none was recorded or it is not that account's), JSON and HTML written next to
 * the results; with Security Hub on, the findings imported in batches of 100 as the auditing account's, each naming
 * its member account; a refused finding fails the step after the report is written.
 */
import { BatchImportFindingsCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { expect } from "chai";
import { mockClient } from "aws-sdk-client-mock";
import { accountAuditFailure, judgeAccountExport, organizationAsffFindings, OrganizationReport } from "../../../../../account";
import { runKeys } from "../../../../../program/organization/audit/handler/auditRun";
import { FINDINGS_BATCH, runWriteReport } from "../../../../../program/organization/audit/handler/writeReport";
import { FixtureUser } from "../../../enrollmentWindow/accountFixture";
import { accountAnswers, AUDITOR, FakeOrganization, NOW, SETTINGS } from "./fakeOrganization";

const RUN = "2026-12-07-quarterly-report-exec-9";
const KEYS = runKeys(RUN);
const ENFORCED = "111111111111";
const ESCAPING = "222222222222";
const DENIED = "333333333333";
const SILENT = "444444444444";
const WRONG = "555555555555";

async function audited(accountId: string, users: FixtureUser[]) {
    const { details, csv } = accountAnswers(accountId, users);
    return judgeAccountExport({ accountId, export: { ...details, GroupDetailList: [{ GroupName: "mfa-enforced", GroupId: "AGPA1", Arn: `arn:aws:iam::${accountId}:group/mfa-enforced`, Path: "/", CreateDate: "2026-01-01T00:00:00+00:00", GroupPolicyList: [], AttachedManagedPolicies: [] }] }, credentialReport: csv, now: NOW });
}

describe("organization audit — the report function", () => {
    let aws: FakeOrganization;
    const securityHub = mockClient(SecurityHubClient);
    beforeEach(async () => {
        aws = new FakeOrganization();
        securityHub.reset();
        const list = [ENFORCED, ESCAPING, DENIED, SILENT, WRONG].map((accountId) => ({ accountId, accountName: `acct-${accountId}` }));
        aws.objects.set(KEYS.accountsList, JSON.stringify(list));
        aws.objects.set(KEYS.account(ENFORCED), JSON.stringify(await audited(ENFORCED, [{ name: "alice", createdDaysAgo: 30, mfa: true }])));
        // 120 users outside the enforced group: more findings than one Security Hub batch.
        const outside = Array.from({ length: 120 }, (_, i): FixtureUser => ({ name: `user${i}`, createdDaysAgo: 30, mfa: false, groups: [] }));
        aws.objects.set(KEYS.account(ESCAPING), JSON.stringify(await audited(ESCAPING, outside)));
        aws.objects.set(KEYS.account(DENIED), JSON.stringify(accountAuditFailure(DENIED, "role-missing", "sts:AssumeRole was refused", `acct-${DENIED}`)));
        aws.objects.set(KEYS.account(WRONG), JSON.stringify(await audited(ENFORCED, [{ name: "bob", createdDaysAgo: 3, mfa: true }])));
    });
    afterEach(() => aws.restore());
    after(() => securityHub.restore());

    const input = { run: RUN, purpose: "quarterly-report" as const, accountsKey: KEYS.accountsList, map: { ResultWriterDetails: {} } };
    const run = { now: NOW, region: "eu-central-1" };

    it("every account of the run in the report: results read back (every listing page), a missing or foreign result as failed; JSON and HTML written", async () => {
        const summary = await runWriteReport({ s3: aws.clients().s3 }, SETTINGS, input, run);
        expect(summary).to.deep.include({ run: RUN, purpose: "quarterly-report", accounts: 5, audited: 2, failed: 3, reportKeys: { json: KEYS.reportJson, html: KEYS.reportHtml } });
        expect(summary).not.to.have.property("findingsImported");
        const report = aws.json(KEYS.reportJson) as OrganizationReport;
        const byId = Object.fromEntries(report.accounts.map((a) => [a.accountId, a]));
        expect(Object.keys(byId)).to.have.members([ENFORCED, ESCAPING, DENIED, SILENT, WRONG]);
        // The 120 users and the enforced group itself, which carries no MFA deny here.
        expect(byId[ESCAPING].status === "audited" && byId[ESCAPING].summary.byStatus.unenforced).to.equal(121);
        expect(byId[DENIED]).to.deep.include({ status: "failed", failure: { reason: "role-missing", detail: "sts:AssumeRole was refused" } });
        expect(byId[SILENT]).to.deep.include({ status: "failed", accountName: `acct-${SILENT}` });
        expect(byId[SILENT].status === "failed" && byId[SILENT].failure.detail).to.match(/no result was recorded/);
        expect(byId[WRONG].status === "failed" && byId[WRONG].failure.detail).to.equal(`${KEYS.account(WRONG)} is not this account's audit result`);
        // Riskiest first.
        expect(report.accounts[0].accountId).to.equal(ESCAPING);
        expect(aws.objects.get(KEYS.reportHtml)).to.match(/^<!DOCTYPE html>/i);
        expect(securityHub.calls()).to.have.length(0);
    });

    it("Security Hub on: the findings imported in batches of 100, as the auditing account's, each naming its member account", async () => {
        securityHub.on(BatchImportFindingsCommand).callsFake((i) => ({ SuccessCount: i.Findings.length, FailedCount: 0, FailedFindings: [] }));
        const summary = await runWriteReport({ s3: aws.clients().s3, securityHub: new SecurityHubClient({ region: "eu-central-1" }) }, { ...SETTINGS, securityHub: true }, input, run);
        const expected = organizationAsffFindings(aws.json(KEYS.reportJson), { region: "eu-central-1", importerAccountId: AUDITOR });
        expect(expected.length).to.be.greaterThan(FINDINGS_BATCH);
        const batches = securityHub.commandCalls(BatchImportFindingsCommand).map((c) => c.args[0].input.Findings!);
        expect(batches.map((b) => b.length)).to.deep.equal([FINDINGS_BATCH, expected.length - FINDINGS_BATCH]);
        const sent = batches.flat();
        expect(sent.map((f) => f.Id)).to.deep.equal(expected.map((f) => f.Id));
        expect(new Set(sent.map((f) => f.AwsAccountId))).to.deep.equal(new Set([AUDITOR]));
        expect(new Set(sent.map((f) => f.ProductArn))).to.deep.equal(new Set([`arn:aws:securityhub:eu-central-1:${AUDITOR}:product/${AUDITOR}/default`]));
        expect(sent.filter((f) => f.ProductFields?.["force-mfa/account"] === ESCAPING)).to.have.length(121);
        expect(summary.findingsImported).to.equal(expected.length);
    });

    it("a finding Security Hub refuses fails the step, after the report is written", async () => {
        securityHub.on(BatchImportFindingsCommand).callsFake((i) => ({ SuccessCount: i.Findings.length - 1, FailedCount: 1, FailedFindings: [{ Id: i.Findings[0].Id, ErrorCode: "InvalidInput", ErrorMessage: "bad" }] }));
        let error: any;
        await runWriteReport({ s3: aws.clients().s3, securityHub: new SecurityHubClient({ region: "eu-central-1" }) }, { ...SETTINGS, securityHub: true }, input, run).catch((e) => (error = e));
        expect(error?.name).to.equal("SecurityHubImportFailed");
        expect(error.message).to.match(/^Security Hub refused 2 of \d+ findings \(the report is written\): .*InvalidInput bad/);
        expect(aws.objects.has(KEYS.reportJson)).to.equal(true);
    });
});
