import { expect } from "chai";
import { parseCsv } from "../../../account/inputs/csv";
import { csvField, renderCsvReport } from "../../../account/output/csvReport";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { NOW } from "../accountFixtures";
import { truthInputs } from "../truthFixtures";
import { sampleReport } from "./sampleReport";

describe("account output — csvReport", () => {
    it("a header and one row per principal of the truth account, worst first, that a CSV reader reads back", async () => {
        const report = await buildAuditReport(truthInputs(), { now: NOW });
        const records = parseCsv(renderCsvReport(report));
        const header = records[0].fields;
        expect(header.slice(0, 5)).to.deep.equal(["type", "name", "arn", "path", "status"]);
        expect(records).to.have.length(report.principals.length + 1);
        const row = (name: string) => Object.fromEntries(header.map((h, i) => [h, records.find((r) => r.fields[1] === name)!.fields[i]]));
        expect(row("ci-putpolicy")).to.include({ status: "escapes", witness_action: "iam:PutUserPolicy", mfa_active: "false", access_keys_active: "1", access_key_last_used: "2026-11-30T23:05:00.000Z" });
        expect(row("policy-editor")).to.include({ groups: "policy-editors", password_last_used: "2026-11-29T08:40:12.000Z" });
        expect(records[1].fields[4]).to.equal("escapes");
    });

    it("RFC 4180: CRLF after every row, fields quoted where they hold a comma, quote or line break", () => {
        const text = renderCsvReport(sampleReport());
        expect(text.endsWith("\r\n")).to.equal(true);
        expect(text.split("\r\n").slice(0, -1).every((line) => !line.includes("\n"))).to.equal(true);
        expect(csvField('say "hi", twice')).to.equal('"say ""hi"", twice"');
        expect(csvField("two\nlines")).to.equal('"two\nlines"');
        expect(csvField(undefined)).to.equal("");
        expect(csvField(false)).to.equal("false");
        expect(csvField(395)).to.equal("395");
    });

    it("a field a spreadsheet would read as a formula is prefixed with a quote (OWASP CSV injection)", () => {
        for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
            expect(csvField(`${start}cmd|' /C calc'!A0`).replace(/^"/, "")[0], JSON.stringify(start)).to.equal("'");
        }
        expect(csvField("=HYPERLINK(1)")).to.equal("'=HYPERLINK(1)");
        expect(csvField("a=b")).to.equal("a=b");
    });

    it("groups joined by `;`, the latest use of any access key, and empty cells where a fact is not known", () => {
        const records = parseCsv(renderCsvReport(sampleReport()));
        const header = records[0].fields;
        const row = (name: string) => Object.fromEntries(header.map((h, i) => [h, records.find((r) => r.fields[1] === name)!.fields[i]]));
        expect(row("bob")).to.include({ groups: "admins;devs", access_key_last_used: "2026-11-30T22:10:00Z", days_without_mfa: "395", password_enabled: "true", witness_allowed_by: 'policy "Power": statement 1' });
        expect(row("deploy")).to.include({ role_kind: "iam", mfa_active: "", groups: "", witness_action: "" });
        expect(row("breakglass")).to.include({ access_keys_active: "0", access_key_last_used: "" });
    });
});
