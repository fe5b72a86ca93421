import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { AuditInputError } from "../../../account/inputs/auditInputError";
import { parseCredentialReport } from "../../../account/inputs/credentialReport";

const CSV = fs.readFileSync(path.join(__dirname, "../../fixtures/audit/credential-report.csv"), "utf8");

function refusal(text: string): AuditInputError {
    try {
        parseCredentialReport(text, "report.csv");
    } catch (err) {
        expect(err).to.be.instanceOf(AuditInputError);
        return err as AuditInputError;
    }
    throw new Error("the report was accepted");
}

describe("credential report", () => {
    it("reads each user's MFA, password and access keys, and the root user apart", () => {
        const report = parseCredentialReport(CSV, "report.csv");
        expect(report.account).to.equal("123456789012");
        expect(report.root!.mfaActive).to.equal(false);
        expect(report.root!.passwordEnabled).to.equal(undefined); // not_supported, not false
        expect(report.root!.accessKeys[0].active).to.equal(true);
        const bob = report.users.get("bob")!;
        expect(bob.mfaActive).to.equal(false);
        expect(bob.passwordEnabled).to.equal(true);
        expect(bob.accessKeys.map((k) => k.active)).to.deep.equal([true, true]);
        expect(bob.accessKeys[0].lastUsedService).to.equal("ec2");
        expect(bob.accessKeys[1].lastUsedDate).to.equal(undefined); // N/A
        expect(bob.createdAt).to.equal("2025-11-01T12:00:00.000Z");
        expect(report.users.get("carol")!.passwordLastUsed).to.equal(undefined); // no_information
        expect(report.users.has("<root_account>")).to.equal(false);
    });

    it("reads the JSON answer of get-credential-report, base64 content and all, and bytes", () => {
        const answer = JSON.stringify({ Content: Buffer.from(CSV).toString("base64"), ReportFormat: "text/csv", GeneratedTime: "2026-12-01T06:00:00Z" });
        const report = parseCredentialReport(answer, "report.json");
        expect(report.generatedAt).to.equal("2026-12-01T06:00:00.000Z");
        expect(report.users.get("alice")!.mfaActive).to.equal(true);
        expect(parseCredentialReport(new TextEncoder().encode(CSV), "bytes").users.size).to.equal(report.users.size);
    });

    it("refuses a report with the line, the column and the rule", () => {
        const badMfa = CSV.replace("bob,arn:aws:iam::123456789012:user/bob,2025-11-01T12:00:00+00:00,true,2026-11-28T14:00:00+00:00,2025-11-01T12:05:00+00:00,N/A,false", "bob,arn:aws:iam::123456789012:user/bob,2025-11-01T12:00:00+00:00,true,2026-11-28T14:00:00+00:00,2025-11-01T12:05:00+00:00,N/A,maybe");
        const e = refusal(badMfa);
        expect(e.place).to.equal("line 4, column mfa_active");
        expect(e.rule).to.equal('must be TRUE or FALSE, found "maybe"');
        expect(refusal("name,arn\nalice,x\n").rule).to.match(/lacks user, user_creation_time/);
        const short = CSV.split("\n").slice(0, 3).join("\n") + "\ndave,arn:aws:iam::123456789012:user/dave\n";
        expect(refusal(short).place).to.equal("line 4");
        expect(refusal(CSV.replace("2025-01-15T10:20:30+00:00,true,no_information", "yesterday,true,no_information")).rule).to.match(/ISO 8601/);
        expect(refusal(CSV.replace("user/grace", "role/grace")).place).to.match(/column arn/);
        expect(refusal(CSV.replace("arn:aws:iam::123456789012:user/henry", "arn:aws:iam::999999999999:user/henry")).rule).to.match(/one report covers one account/);
        expect(refusal('{"Content": 12}').place).to.equal("Content");
    });

    it("reads the answer as boto3-based collectors save it: Content as CSV text, GeneratedTime as Python prints it", () => {
        const answer = JSON.stringify({ Content: CSV, ReportFormat: "text/csv", GeneratedTime: "2026-12-01 06:00:00+00:00" });
        const report = parseCredentialReport(answer, "collector.json");
        expect(report.generatedAt).to.equal("2026-12-01T06:00:00.000Z");
        expect(report.users.get("alice")!.mfaActive).to.equal(true);
        expect(refusal(JSON.stringify({ Content: "name,arn\nalice,x" })).place).to.equal("Content");
        // Python's str() of the bytes boto3 returns, as json.dumps(..., default=str) writes it.
        const printed = `b'${CSV.replace(/\n/g, "\\n")}'`;
        expect(parseCredentialReport(JSON.stringify({ Content: printed }), "printed.json").users.get("alice")!.mfaActive).to.equal(true);
    });
});
