import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { escapeHtml, renderHtmlReport } from "../../../account/output/htmlPage";
import { renderJsonReport } from "../../../account/output/jsonReport";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { AuditReport } from "../../../account/report/reportModel";
import { auditInputs, NOW } from "../accountFixtures";

const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../account/output/auditReport.schema.json"), "utf8"));

describe("account audit outputs", () => {
    let report: AuditReport;
    before(async () => {
        report = await buildAuditReport(auditInputs(), { now: NOW });
    });

    it("the JSON output satisfies the documented schema, and the schema holds it to the statuses", () => {
        const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);
        const json = JSON.parse(renderJsonReport(report));
        expect(validate(json), JSON.stringify(validate.errors)).to.equal(true);
        const wrong = { ...json, principals: [{ ...json.principals[0], status: "passed" }] };
        expect(validate(wrong)).to.equal(false);
        const extra = { ...json, verdict: "ok" };
        expect(validate(extra)).to.equal(false);
    });

    it("the page holds everything it shows and loads nothing", () => {
        const page = renderHtmlReport(report);
        expect(page).to.contain("default-src 'none'");
        expect(page).not.to.match(/<(?:script|link|img)[^>]+(?:src|href)=/);
        expect(page).to.match(/<button type="button" class="count" id="count-escapes"[^>]*><b class="status-escapes">6<\/b>Escapes<\/button>/);
        expect(page).to.contain("<li><b>role vendor-readonly</b>: Third-party auditor under contract; external id required, read-only permissions</li>");
    });

    it("escapes what it prints", () => {
        expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).to.equal("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
        const hostile = { ...report, principals: [{ ...report.principals[0], reason: "<img src=x onerror=alert(1)>" }] };
        expect(renderHtmlReport(hostile)).to.contain("&lt;img src=x onerror=alert(1)&gt;");
        expect(renderHtmlReport(hostile)).not.to.contain("<img src=x");
    });
});
