import { expect } from "chai";
import { buildAuditReport, parseAuthorizationDetails, parseCredentialReport } from "../../../account";
import { accountExport } from "../../../tools/bench/accountExport";

describe("bench — accountExport: a synthetic account of any size, as the audit reads it", () => {
    it("the export and its credential report parse, the same users in both", () => {
        const { details, credentialReportCsv } = accountExport(100, 20);
        const parsed = parseAuthorizationDetails(details, "details.json");
        const report = parseCredentialReport(credentialReportCsv, "credential-report.csv");
        expect(parsed.users).to.have.length(100);
        expect(parsed.roles).to.have.length(20);
        expect([...report.users.keys()].sort()).to.deep.equal(parsed.users.map((u) => u.name.toLowerCase()).sort());
    });

    // Each hundred users holds 6 that escape, 1 unenforced, 1 suspended, 92 enforced; the first ten hold all but 90 of those.
    it("the users hold the mix the benchmark measures: user 0-5 escape, 6 is unenforced, 7 suspended, the rest enforced", async () => {
        const { details, credentialReportCsv } = accountExport(10, 10);
        const report = await buildAuditReport(
            { authorizationDetails: parseAuthorizationDetails(details, "d"), credentialReport: parseCredentialReport(credentialReportCsv, "c") },
            { now: new Date("2026-12-01T12:00:00Z") },
        );
        expect(report.summary.byType.user).to.include({ total: 10, escapes: 6, unenforced: 1, suspended: 1, enforced: 2 });
        // roles: service, person (MFA), vendor, Identity Center, service-linked and web-identity roles in turn
        expect(report.summary.byType.role.total).to.equal(10);
        expect(report.summary.byType.role["not-applicable"]).to.be.greaterThan(0);
    });
});
