/**
 * The organization report from a synthetic organization with an account of each kind: every account judged by the
 * account audit's own code, the counts, the order by risk, the failed account, the JSON held to its schema, the
 * organization's --fail-on, its ASFF findings and its page.
 */
import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import {
    AccountAuditResult,
    accountAuditFailure,
    buildAuditReport,
    buildOrganizationReport,
    judgeAccountExport,
    organizationAsffFindings,
    organizationFailures,
    OrganizationReport,
    parseAuthorizationDetails,
    parseCredentialReport,
    parseOrganizationFailOn,
    renderOrganizationHtml,
    renderJsonReport,
    renderOrganizationJson,
} from "../../../account";
import { NOW } from "../accountFixtures";
import { judgeOrganization, ORG, organizationFiles } from "./organizationFixtures";

const OUTPUT = path.join(__dirname, "../../../account/output");
const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(OUTPUT, name), "utf8"));

describe("organization report", () => {
    let results: AccountAuditResult[];
    let report: OrganizationReport;
    before(async () => {
        results = await judgeOrganization();
        report = buildOrganizationReport(results, NOW);
    });

    it("judges each account exactly as the account audit does", async () => {
        const files = organizationFiles();
        for (const result of results.filter((r) => r.status === "audited")) {
            const f = files[result.accountId];
            const alone = await buildAuditReport(
                {
                    authorizationDetails: parseAuthorizationDetails(JSON.parse(f["authorization-details.json"]), "authorization-details.json"),
                    credentialReport: parseCredentialReport(f["credential-report.csv"], "credential-report.csv"),
                },
                { now: NOW },
            );
            // What the account audit's --json writes, to the byte once serialized: a stored result is the account's report.
            expect(result.status === "audited" && JSON.stringify(result.report, null, 2) + "\n", result.accountId).to.equal(renderJsonReport(alone));
        }
    });

    it("an account whose export is missing, or of another account, is not audited, with why", async () => {
        const missing = results.find((r) => r.accountId === ORG.notCollected)!;
        expect(missing).to.deep.include({ status: "failed", reason: "error" });
        expect(missing.status === "failed" && missing.detail).to.contain(`${ORG.notCollected}/authorization-details`);
        const files = organizationFiles();
        const other = await judgeAccountExport({ accountId: "999999999999", export: JSON.parse(files[ORG.escaping]["authorization-details.json"]), now: NOW });
        expect(other).to.deep.equal({ accountId: "999999999999", status: "failed", reason: "error", detail: `999999999999/authorization-details: is of account ${ORG.escaping}, not of 999999999999` });
    });

    it("counts accounts by risk and failure, principals by status, root users", () => {
        expect(report.generatedAt).to.equal(NOW.toISOString());
        expect(report.totals).to.deep.include({ accounts: 5, audited: 4, failed: 1, rootWithoutMfa: 1, rootAccessKeys: 0, rootUnknown: 0 });
        expect(report.totals.byRisk).to.deep.equal({ critical: 2, high: 1, "not-audited": 1, medium: 0, low: 1 });
        expect(report.totals.failuresByReason).to.deep.equal({ "role-missing": 0, "access-denied": 0, throttled: 0, error: 1 });
        expect(report.totals.byStatus).to.include({ escapes: 1, "locked-out": 2, unenforced: 0 });
        const audited = results.flatMap((r) => (r.status === "audited" ? [r.report.summary.principals] : []));
        expect(report.totals.principals).to.equal(audited.reduce((a, b) => a + b, 0));
        const gaps = results.flatMap((r) => (r.status === "audited" ? [r.report.summary.sensitiveActionGaps] : []));
        expect(report.totals.sensitiveActionGaps).to.be.above(0).and.to.equal(gaps.reduce((a, b) => a + b, 0));
    });

    it("lists accounts riskiest first, each with why, and keeps only the principals that need attention", () => {
        expect(report.accounts.map((a) => [a.accountId, a.risk])).to.deep.equal([
            [ORG.escaping, "critical"], // one escape ranks above a root without MFA and no escape
            [ORG.rootWithoutMfa, "critical"],
            [ORG.lockedOut, "high"],
            [ORG.notCollected, "not-audited"],
            [ORG.enforced, "low"],
        ]);
        const [escaping, rootless, locked, , enforced] = report.accounts;
        expect(escaping.accountName).to.equal("payments-prod");
        expect(escaping.riskReasons).to.deep.equal(["1 principal(s) act without MFA"]);
        expect(rootless.riskReasons).to.deep.equal(["the root user has no MFA"]);
        expect(locked.riskReasons).to.deep.equal(["2 principal(s) locked out of enrolling MFA"]);
        expect(enforced.riskReasons).to.deep.equal([]);
        if (escaping.status !== "audited" || enforced.status !== "audited" || locked.status !== "audited") throw new Error("audited accounts expected");
        expect(escaping.principals.map((p) => [p.type, p.name, p.status])).to.deep.equal([["user", "bob", "escapes"]]);
        expect(escaping.principals[0].witness).to.include({ action: "s3:GetObject", mfaContext: "MFA absent (long-term access keys)" });
        expect(locked.principals.map((p) => `${p.type} ${p.name}`)).to.deep.equal(["user carol", "group mfa-enforced"]);
        expect(locked.principals[0].witness?.action).to.be.a("string");
        expect(enforced.principals).to.deep.equal([]);
        expect(enforced.summary.byStatus.enforced).to.equal(4);
    });

    it("a failure the program records (role missing, throttled) counts by its reason; an account twice is refused", () => {
        const more = buildOrganizationReport([...results, accountAuditFailure("666666666666", "role-missing", "no force-mfa-audit role to assume", "sandbox")], NOW);
        expect(more.totals.failuresByReason).to.include({ "role-missing": 1, error: 1 });
        expect(more.accounts.filter((a) => a.risk === "not-audited").map((a) => a.accountId)).to.deep.equal([ORG.notCollected, "666666666666"]);
        expect(() => buildOrganizationReport([...results, results[0]], NOW)).to.throw(`account ${results[0].accountId} is in the organization report twice`);
    });

    it("the JSON satisfies its schema, which holds entries to their status and risk", () => {
        const ajv = new Ajv({ allErrors: true, strict: false });
        ajv.addSchema(schema("auditReport.schema.json"), "auditReport.schema.json");
        const validate = ajv.compile(schema("organizationReport.schema.json"));
        const text = renderOrganizationJson(report);
        // Written an account at a time, it is the text one JSON.stringify of the whole would be, empty or not.
        const whole = (r: OrganizationReport) => `${JSON.stringify({ schemaVersion: 1, accountReportSchemaVersion: 2, ...r }, null, 2)}\n`;
        expect(text).to.equal(whole(report));
        const empty = buildOrganizationReport([], NOW);
        expect(renderOrganizationJson(empty)).to.equal(whole(empty));
        const json = JSON.parse(text);
        expect(json).to.include({ schemaVersion: 1, accountReportSchemaVersion: 2 });
        expect(validate(json), JSON.stringify(validate.errors)).to.equal(true);
        const failedIndex = json.accounts.findIndex((a: { status: string }) => a.status === "failed");
        const wrong = (change: (j: typeof json) => void) => {
            const copy = JSON.parse(JSON.stringify(json));
            change(copy);
            return validate(copy);
        };
        expect(wrong((j) => (j.accounts[failedIndex].risk = "low"))).to.equal(false);
        expect(wrong((j) => (j.accounts[0].principals[0].status = "enforced"))).to.equal(false);
        expect(wrong((j) => (j.accounts[0].accountId = "12345"))).to.equal(false);
        expect(wrong((j) => (j.accounts[failedIndex].failure.reason = "timeout"))).to.equal(false);
        expect(wrong((j) => (j.totals.verdict = "ok"))).to.equal(false);
    });

    it("--fail-on: the account audit's conditions in each account, and not-audited", () => {
        expect(parseOrganizationFailOn("escapes,not-audited")).to.deep.equal(["escapes", "not-audited"]);
        expect(parseOrganizationFailOn("not-audited")).to.deep.equal(["not-audited"]);
        expect(parseOrganizationFailOn("none")).to.deep.equal([]);
        expect(() => parseOrganizationFailOn("escapes,audited")).to.throw(/"audited" is not a condition.*, not-audited$/);
        expect(organizationFailures(report, parseOrganizationFailOn("escapes,root-without-mfa,not-audited"))).to.deep.equal([
            `${ORG.escaping}: escapes: 1 principal(s)`,
            `${ORG.rootWithoutMfa}: root-without-mfa: the root user has no MFA`,
            `${ORG.notCollected}: not-audited (error)`,
        ]);
        expect(organizationFailures(report, parseOrganizationFailOn("unenforced,suspended"))).to.deep.equal([]);
    });

    it("ASFF findings carry each member account, or one importer's account with the member named", () => {
        const validate = new Ajv({ allErrors: true }).compile(schema("asff.schema.json"));
        const findings = organizationAsffFindings(report, { region: "eu-west-1" });
        expect(validate(findings), JSON.stringify(validate.errors)).to.equal(true);
        expect(findings.map((f) => [f.AwsAccountId, f.Id])).to.deep.equal([
            [ORG.escaping, `force-mfa-audit/${ORG.escaping}/user/bob`],
            [ORG.rootWithoutMfa, `force-mfa-audit/${ORG.rootWithoutMfa}/root`],
            [ORG.lockedOut, `force-mfa-audit/${ORG.lockedOut}/user/carol`],
            [ORG.lockedOut, `force-mfa-audit/${ORG.lockedOut}/group/mfa-enforced`],
        ]);
        expect(findings[0].ProductArn).to.equal(`arn:aws:securityhub:eu-west-1:${ORG.escaping}:product/${ORG.escaping}/default`);
        const imported = organizationAsffFindings(report, { region: "eu-west-1", importerAccountId: "999999999999" });
        expect(validate(imported), JSON.stringify(validate.errors)).to.equal(true);
        expect(imported.map((f) => f.Id)).to.deep.equal(findings.map((f) => f.Id));
        expect(new Set(imported.map((f) => f.AwsAccountId))).to.deep.equal(new Set(["999999999999"]));
        expect(imported[0].ProductArn).to.equal("arn:aws:securityhub:eu-west-1:999999999999:product/999999999999/default");
        expect(imported[0].ProductFields).to.include({ "force-mfa/account": ORG.escaping, "force-mfa/accountName": "payments-prod" });
        expect((imported[0].Resources as { Id: string }[])[0].Id).to.equal(`arn:aws:iam::${ORG.escaping}:user/bob`);
    });

    it("the page lists the accounts riskiest first with a drill-down each, escapes what it prints, and loads nothing", () => {
        const page = renderOrganizationHtml(report);
        expect(page).to.contain("default-src 'none'");
        expect(page).not.to.match(/<(?:script|link|img)[^>]+(?:src|href)=/);
        const rows = [...page.matchAll(/<tr data-risk="([a-z-]+)"><td><a class="drill" href="#account-(\d{12})">/g)].map((m) => [m[2], m[1]]);
        expect(rows).to.deep.equal(report.accounts.map((a) => [a.accountId, a.risk]));
        for (const a of report.accounts) {
            expect(page).to.contain(`<details class="account" id="account-${a.accountId}">`);
        }
        expect(page).to.match(/<button type="button" class="count" id="risk-critical"[^>]*><b class="risk-critical">2<\/b>Critical<\/button>/);
        expect(page).to.contain("Not audited (error): 555555555555/authorization-details: the top level: must be an object, found nothing");
        const hostile = buildOrganizationReport([accountAuditFailure("777777777777", "error", "<img src=x onerror=alert(1)>", "<b>x</b>")], NOW);
        const hostilePage = renderOrganizationHtml(hostile);
        expect(hostilePage).to.contain("&lt;img src=x onerror=alert(1)&gt;");
        expect(hostilePage).not.to.contain("<img src=x");
        expect(hostilePage).not.to.contain("<b>x</b>");
    });
});
