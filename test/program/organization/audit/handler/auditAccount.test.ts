/**
 * The item function against aws-sdk-client-mock: it assumes the member account's audit role, reads every page of the
 * export and the complete credential report, judges with judgeAccountExport and writes the account's result; the
 * auditing account is read with the function's own role; a refused AssumeRole or read is the account's recorded
 * failure; throttling is thrown as `Throttled` (retried by the state machine), nothing written; an error the state
 * machine caught is recorded with its reason.
 */
import { GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { expect } from "chai";
import { AccountAuditResult, judgeAccountExport } from "../../../../../account";
import { auditRoleExemption, runAuditAccount } from "../../../../../program/organization/audit/handler/auditAccount";
import { THROTTLED_ERROR } from "../../../../../program/organization/audit/handler/auditErrors";
import { runKeys } from "../../../../../program/organization/audit/handler/auditRun";
import { accountAnswers, AUDITOR, FakeOrganization, NOW, ROLE_NAME, SETTINGS } from "./fakeOrganization";

const MEMBER = "111122223333";
const RUN = "2026-12-07-weekly-check-exec-1";
const item = (accountId: string, extra: object = {}) => ({ run: RUN, account: { accountId, accountName: `acct-${accountId}` }, ...extra });
const noWait = { now: NOW, sleep: async () => undefined };

function awsError(name: string, message = name) {
    return Object.assign(new Error(message), { name, $metadata: {} });
}

describe("organization audit — the item function (one account)", () => {
    let aws: FakeOrganization;
    beforeEach(() => (aws = new FakeOrganization()));
    afterEach(() => aws.restore());

    it("assumes the member's audit role, reads every page of the export and the complete report, judges, writes the account's result", async () => {
        aws.add(MEMBER, [
            { name: "alice", createdDaysAgo: 30, mfa: true },
            { name: "bob", createdDaysAgo: 30, mfa: true, groups: [] },
            { name: "carol", createdDaysAgo: 30, mfa: false },
        ], [ROLE_NAME]);
        aws.pageSize = 2;
        aws.iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: "STARTED" }).resolves({ State: "COMPLETE" });

        const outcome = await runAuditAccount(aws.clients(), SETTINGS, item(MEMBER), noWait);

        const assumed = aws.sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input);
        expect(assumed).to.deep.equal([{ RoleArn: `arn:aws:iam::${MEMBER}:role/${ROLE_NAME}`, RoleSessionName: `force-mfa-audit-${RUN}`, DurationSeconds: 3600 }]);
        expect(aws.iamCredentials).to.deep.equal([{ accessKeyId: `ASIA${MEMBER}`, secretAccessKey: "secret", sessionToken: "token" }]);
        expect(aws.markers).to.deep.equal([undefined, "2"]);
        expect(aws.iam.commandCalls(GenerateCredentialReportCommand)).to.have.length(2);

        const key = runKeys(RUN).account(MEMBER);
        expect(outcome).to.deep.equal({ accountId: MEMBER, status: "audited", key });
        const result: AccountAuditResult = aws.json(key);
        expect(result.status).to.equal("audited");
        if (result.status !== "audited") return;
        expect(result.accountName).to.equal(`acct-${MEMBER}`);
        // Every page judged (carol is on the second), each principal as the account audit judges the whole export at once.
        const { details, csv } = accountAnswers(MEMBER, aws.accounts.get(MEMBER)!.users, [ROLE_NAME]);
        const alone = await judgeAccountExport({ accountId: MEMBER, export: details, credentialReport: csv, exemptions: { users: [], roles: [auditRoleExemption(SETTINGS)] }, now: NOW });
        expect(alone.status).to.equal("audited");
        expect(result.report.principals.map((p) => p.name)).to.have.members(["alice", "bob", "carol", ROLE_NAME]);
        const asWritten = (value: unknown) => JSON.parse(JSON.stringify(value));
        expect(result.report.principals).to.deep.equal(alone.status === "audited" ? asWritten(alone.report.principals) : undefined);
        expect(result.report.summary).to.deep.equal(alone.status === "audited" ? asWritten(alone.report.summary) : undefined);
        // The audit role itself is exempt, with its reason, not counted as an escape.
        const role = result.report.principals.find((p) => p.name === ROLE_NAME)!;
        expect(role.status).to.equal("exempt");
        expect(role.reason).to.include(auditRoleExemption(SETTINGS).reason);
    });

    it("reads the auditing account itself with the function's own role: no AssumeRole", async () => {
        aws.add(AUDITOR, [{ name: "breakglass", createdDaysAgo: 300, mfa: true }]);
        const outcome = await runAuditAccount(aws.clients(), SETTINGS, item(AUDITOR), noWait);
        expect(aws.sts.commandCalls(AssumeRoleCommand)).to.deep.equal([]);
        expect(aws.iamCredentials).to.deep.equal([undefined]);
        expect(outcome.status).to.equal("audited");
        expect(aws.json(outcome.key).report.account).to.equal(AUDITOR);
    });

    it("a refused AssumeRole (role missing, or not trusting the job role) and a refused read are recorded as the account's failure, not thrown", async () => {
        aws.sts.on(AssumeRoleCommand).rejects(awsError("AccessDenied", `User: arn:aws:sts::${AUDITOR}:assumed-role/x is not authorized to perform: sts:AssumeRole`));
        const missing = await runAuditAccount(aws.clients(), SETTINGS, item(MEMBER), noWait);
        expect(missing).to.deep.equal({ accountId: MEMBER, status: "failed", reason: "role-missing", key: runKeys(RUN).account(MEMBER) });
        const recorded = aws.json(missing.key);
        expect(recorded).to.include({ accountId: MEMBER, accountName: `acct-${MEMBER}`, status: "failed", reason: "role-missing" });
        expect(recorded.detail).to.match(/audit role is missing in the account/).and.include(`arn:aws:iam::${MEMBER}:role/${ROLE_NAME}`);

        aws.add(AUDITOR, [{ name: "breakglass", createdDaysAgo: 300, mfa: true }]);
        aws.iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError("AccessDenied", "explicit deny in a service control policy"));
        const denied = await runAuditAccount(aws.clients(), SETTINGS, item(AUDITOR), noWait);
        expect(denied.reason).to.equal("access-denied");
        expect(aws.json(denied.key).detail).to.match(/was refused \(AccessDenied: explicit deny in a service control policy\)/);
    });

    it("throttling (of STS or of the account's IAM) is thrown as Throttled for the state machine's backoff, and nothing is written", async () => {
        aws.sts.on(AssumeRoleCommand).rejects(awsError("Throttling", "Rate exceeded"));
        let error: any;
        await runAuditAccount(aws.clients(), SETTINGS, item(MEMBER), noWait).catch((e) => (error = e));
        expect(error?.name).to.equal(THROTTLED_ERROR);
        expect(error.message).to.match(/sts:AssumeRole .*Throttling: Rate exceeded/);

        aws.add(AUDITOR, [{ name: "breakglass", createdDaysAgo: 300, mfa: true }]);
        aws.iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError("Throttling", "Rate exceeded"));
        error = undefined;
        await runAuditAccount(aws.clients(), SETTINGS, item(AUDITOR), noWait).catch((e) => (error = e));
        expect(error?.name).to.equal(THROTTLED_ERROR);
        expect([...aws.objects.keys()]).to.deep.equal([]);
    });

    it("an error the state machine caught after its retries is recorded with its reason, without touching the account", async () => {
        const cause = JSON.stringify({ errorType: THROTTLED_ERROR, errorMessage: "reading account 111122223333: Throttling: Rate exceeded" });
        const throttled = await runAuditAccount(aws.clients(), SETTINGS, item(MEMBER, { error: { Error: THROTTLED_ERROR, Cause: cause } }), noWait);
        expect(throttled.reason).to.equal("throttled");
        expect(aws.json(throttled.key).detail).to.equal(`the account's audit failed after the state machine's retries: Throttled: reading account 111122223333: Throttling: Rate exceeded`);
        const timedOut = await runAuditAccount(aws.clients(), SETTINGS, item(MEMBER, { error: { Error: "States.Timeout", Cause: "" } }), noWait);
        expect(timedOut.reason).to.equal("error");
        expect(aws.sts.commandCalls(AssumeRoleCommand)).to.deep.equal([]);
        expect(aws.iamCredentials).to.deep.equal([]);
    });

    it("refuses an item whose account id is not 12 digits", async () => {
        let error: unknown;
        await runAuditAccount(aws.clients(), SETTINGS, item("12345"), noWait).catch((e) => (error = e));
        expect((error as Error).message).to.equal('the item\'s account id must be 12 digits, got "12345"');
    });
});
