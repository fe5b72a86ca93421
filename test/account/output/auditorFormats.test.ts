/** Where auditors look: the CSV and the ASFF findings for Security Hub, from the truth account. */
import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { asffFindings } from "../../../account/output/asffFindings";
import { csvField, renderCsvReport } from "../../../account/output/csvReport";
import { parseCsv } from "../../../account/inputs/csv";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { AuditReport } from "../../../account/report/reportModel";
import { NOW } from "../accountFixtures";
import { TRUTH_ACCOUNT, truthInputs } from "../truthFixtures";

const ASFF_SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../account/output/asff.schema.json"), "utf8"));
const FSBP = "AWS Foundational Security Best Practices v1.0.0";

describe("account audit — CSV and ASFF", () => {
    let report: AuditReport;
    before(async () => {
        report = await buildAuditReport(truthInputs(), { now: NOW });
    });

    it("CSV: a header and one row per principal, worst first, that a CSV reader reads back", () => {
        const records = parseCsv(renderCsvReport(report));
        const header = records[0].fields;
        expect(header.slice(0, 5)).to.deep.equal(["type", "name", "arn", "path", "status"]);
        expect(records).to.have.length(report.principals.length + 1);
        const row = (name: string) => Object.fromEntries(header.map((h, i) => [h, records.find((r) => r.fields[1] === name)!.fields[i]]));
        expect(row("ci-putpolicy")).to.include({ status: "escapes", witness_action: "iam:PutUserPolicy", mfa_active: "false", access_keys_active: "1", access_key_last_used: "2026-11-30T23:05:00.000Z" });
        expect(row("policy-editor")).to.include({ groups: "policy-editors", password_last_used: "2026-11-29T08:40:12.000Z" });
        expect(records[1].fields[4]).to.equal("escapes");
        expect(csvField("=HYPERLINK(1)")).to.equal("'=HYPERLINK(1)");
        expect(csvField('say "hi", twice')).to.equal('"say ""hi"", twice"');
    });

    it("ASFF: every finding has what BatchImportFindings requires, within its limits", () => {
        const findings = asffFindings(report, { region: "eu-west-1" });
        const validate = new Ajv({ allErrors: true }).compile(ASFF_SCHEMA);
        expect(validate(findings), JSON.stringify(validate.errors)).to.equal(true);
    });

    it("ASFF: one finding per failing principal, with its resource, the witness and the FSBP controls that apply", () => {
        const findings = asffFindings(report, { region: "eu-west-1" }) as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
        const failing = report.principals.filter((p) => ["escapes", "unenforced", "locked-out", "unverifiable"].includes(p.status));
        expect(findings.filter((f) => f.Resources[0].Type !== "AwsAccount")).to.have.length(failing.length);
        expect(new Set(findings.map((f) => f.Id)).size).to.equal(findings.length);
        const ci = findings.find((f) => f.Id === `force-mfa-audit/${TRUTH_ACCOUNT}/user/ci-putpolicy`);
        expect(ci.ProductArn).to.equal(`arn:aws:securityhub:eu-west-1:${TRUTH_ACCOUNT}:product/${TRUTH_ACCOUNT}/default`);
        expect(ci.Resources[0]).to.deep.equal({ Type: "AwsIamUser", Id: `arn:aws:iam::${TRUTH_ACCOUNT}:user/ci-putpolicy`, Partition: "aws", Region: "eu-west-1" });
        expect(ci.Severity.Label).to.equal("HIGH");
        expect(ci.ProductFields).to.include({ "force-mfa/witness/action": "iam:PutUserPolicy", "force-mfa/witness/resource": `arn:aws:iam::${TRUTH_ACCOUNT}:user/ci-putpolicy` });
        expect(ci.Compliance).to.deep.equal({ Status: "FAILED", RelatedRequirements: [`${FSBP}/IAM.19`] }); // no password: not IAM.5
        const editor = findings.find((f) => f.Id.endsWith("/user/policy-editor"));
        expect(editor.Compliance.RelatedRequirements).to.deep.equal([`${FSBP}/IAM.19`, `${FSBP}/IAM.5`]);
        const role = findings.find((f) => f.Id.endsWith("/role/OrganizationAccountAccessRole"));
        expect(role.Resources[0].Type).to.equal("AwsIamRole");
        expect(role.Compliance).to.deep.equal({ Status: "FAILED" });
        const root = findings.find((f) => f.Resources[0].Type === "AwsAccount");
        expect(root.Resources[0].Id).to.equal(`AWS::::Account:${TRUTH_ACCOUNT}`);
        expect(root.Compliance.RelatedRequirements).to.include(`${FSBP}/IAM.9`);
        expect(findings.some((f) => f.Id.endsWith("/user/left-behind") || f.Id.includes("AWSServiceRoleForSupport"))).to.equal(false);
    });
});
