import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { asffFindings, renderAsffFindings } from "../../../account/output/asffFindings";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { AuditReport } from "../../../account/report/reportModel";
import { NOW } from "../accountFixtures";
import { TRUTH_ACCOUNT, truthInputs } from "../truthFixtures";
import { BOB, SAMPLE_ACCOUNT, sampleReport } from "./sampleReport";

const ASFF_SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../account/output/asff.schema.json"), "utf8"));
const FSBP = "AWS Foundational Security Best Practices v1.0.0";
type Finding = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("account output — asffFindings", () => {
    let report: AuditReport;
    before(async () => {
        report = await buildAuditReport(truthInputs(), { now: NOW });
    });

    it("every finding has what BatchImportFindings requires, within its limits", () => {
        const validate = new Ajv({ allErrors: true }).compile(ASFF_SCHEMA);
        const findings = asffFindings(report, { region: "eu-west-1" });
        expect(validate(findings), JSON.stringify(validate.errors)).to.equal(true);
        expect(JSON.parse(renderAsffFindings(report, { region: "eu-west-1" }))).to.deep.equal(findings);
    });

    it("one finding per failing principal, with its resource, the witness and the FSBP controls that apply", () => {
        const findings = asffFindings(report, { region: "eu-west-1" }) as Finding[];
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

    it("severity by status, titles that say what fails, exempt / not-applicable / enforced principals left out", () => {
        const findings = asffFindings(sampleReport(), { region: "eu-central-1" }) as Finding[];
        expect(findings.map((f) => [f.Id.split("/").slice(2).join("/"), f.Severity.Label])).to.deep.equal([
            ["user/bob", "HIGH"],
            ["user/dan", "HIGH"],
            ["role/deploy", "MEDIUM"],
            ["group/admins", "MEDIUM"],
        ]);
        expect(findings[0].Title).to.equal("IAM user bob can act without MFA");
        expect(findings[2].Title).to.equal("MFA enforcement of IAM role deploy could not be verified");
        expect(findings[3].Title).to.equal("IAM group admins is not subject to the MFA deny");
        expect(findings[0].Remediation).to.deep.equal({ Recommendation: { Text: BOB.fix } });
        expect(findings[0].ProductFields).to.include({ "force-mfa/status": "escapes", "force-mfa/witness/boundaryAllowedBy": 'boundary "Edge": statement 1', "force-mfa/daysWithoutMfa": "395" });
        expect(findings[0].ProductArn).to.equal(`arn:aws:securityhub:eu-central-1:${SAMPLE_ACCOUNT}:product/${SAMPLE_ACCOUNT}/default`);
    });

    it("text over ASFF's limits is clipped with an ellipsis; the partition comes from the account's ARNs", () => {
        const long = { ...BOB, reason: "r".repeat(2000), fix: "f".repeat(600), arn: BOB.arn!.replace("arn:aws:", "arn:aws-cn:") };
        const [finding] = asffFindings(sampleReport([long]), { region: "cn-north-1" }) as Finding[];
        expect(finding.Description).to.have.length(1024);
        expect(finding.Description.endsWith("…")).to.equal(true);
        expect(finding.Remediation.Recommendation.Text).to.have.length(512);
        expect(finding.Resources[0].Partition).to.equal("aws-cn");
        expect(finding.ProductArn).to.match(/^arn:aws-cn:securityhub:cn-north-1:/);
    });

    it("root: no MFA is critical (IAM.9, IAM.6), access keys critical (IAM.4), a virtual device medium (IAM.6); removed credentials pass", () => {
        const rootFinding = (root: Parameters<typeof sampleReport>[1]) => (asffFindings(sampleReport([], root), { region: "eu-west-1" }) as Finding[]).find((f) => f.Id.endsWith("/root"));
        const none = rootFinding({ mfaActive: false, mfaType: "none", accessKeysPresent: false, reason: "no MFA" });
        expect([none.Severity.Label, none.Title, none.Compliance.RelatedRequirements]).to.deep.equal(["CRITICAL", "The root user has no MFA", [`${FSBP}/IAM.9`, `${FSBP}/IAM.6`]]);
        const keys = rootFinding({ mfaActive: true, mfaType: "hardware-totp", accessKeysPresent: true, reason: "keys" });
        expect([keys.Severity.Label, keys.Title, keys.Compliance.RelatedRequirements]).to.deep.equal(["CRITICAL", "The root user has access keys", [`${FSBP}/IAM.4`]]);
        const virtual = rootFinding({ mfaActive: true, mfaType: "virtual-totp", accessKeysPresent: false, reason: "virtual" });
        expect([virtual.Severity.Label, virtual.Title]).to.deep.equal(["MEDIUM", "The root user's MFA is a virtual device"]);
        expect(rootFinding({ credentialsRemoved: true, mfaActive: false, mfaType: "none", reason: "centralized" })).to.equal(undefined);
        expect(rootFinding({ mfaActive: true, mfaType: "fido", accessKeysPresent: false, reason: "ok" })).to.equal(undefined);
    });

    it("refuses to write findings without the account id they belong to", () => {
        expect(() => asffFindings({ ...sampleReport(), account: undefined }, { region: "eu-west-1" })).to.throw(/need the account id/);
    });
});
