import { expect } from "chai";
import { escapeHtml, renderHtmlReport } from "../../../account/output/htmlPage";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { auditInputs, NOW } from "../accountFixtures";
import { sampleReport } from "./sampleReport";

describe("account output — htmlPage", () => {
    it("the page of the fixture account holds everything it shows and loads nothing", async () => {
        const page = renderHtmlReport(await buildAuditReport(auditInputs(), { now: NOW }));
        expect(page).to.contain("default-src 'none'");
        expect(page).not.to.match(/<(?:script|link|img)[^>]+(?:src|href)=/);
        expect(page).to.match(/<button type="button" class="count" id="count-escapes"[^>]*><b class="status-escapes">6<\/b>Escapes<\/button>/);
        expect(page).to.contain("<li><b>role vendor-readonly</b>: Third-party auditor under contract; external id required, read-only permissions</li>");
    });

    it("escapes what it prints", () => {
        expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).to.equal("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
        const report = sampleReport();
        const hostile = { ...report, principals: [{ ...report.principals[0], reason: "<img src=x onerror=alert(1)>", name: '"><svg onload=1>' }] };
        const page = renderHtmlReport(hostile);
        expect(page).to.contain("&lt;img src=x onerror=alert(1)&gt;");
        expect(page).not.to.contain("<img src=x");
        expect(page).not.to.contain("<svg");
    });

    it("a fix is listed once with the principals that take it, most taken first, and each row points at it", () => {
        const page = renderHtmlReport(sampleReport());
        // bob and dan share the summary fix; the role's and the group's stand alone; exempt and enforced take none
        expect(page).to.contain('<li id="fix-1"><b>add to the group &quot;mfa-enforced&quot;</b> — 2 users: <span class="members">bob, dan</span></li>');
        expect(page).to.match(/<li id="fix-2"><b>require MFA in its trust<\/b> — 1 role: /);
        expect(page).to.match(/<li id="fix-3"><b>attach the MFA deny<\/b> — 1 group: /);
        expect(page).to.not.contain('id="fix-4"');
        // the row links the shared fix and still shows its own wording
        expect(page).to.contain('<a href="#fix-1">Fix 1</a><div class="small">add bob to the group &quot;mfa-enforced&quot;</div>');
    });

    it("root failing is marked; no fixes or exemptions say so; the account and the counts head the page", () => {
        const page = renderHtmlReport(sampleReport([], { mfaActive: false, mfaType: "none", accessKeysPresent: false, reason: "root has no MFA" }));
        expect(page).to.contain('<p id="root" class="status-escapes">root: NO MFA, no access keys — root has no MFA</p>');
        expect(page).to.contain('<p id="fixes">None: nothing to fix.</p>');
        expect(page).to.contain('<p id="exemptions">None.</p>');
        expect(page).to.contain("<title>MFA audit of account 111122223333</title>");
        expect(page).to.contain("0 principals (0 users, 0 groups, 0 roles)");
        expect(renderHtmlReport(sampleReport())).to.contain('<p id="root" class="">');
    });

    it("a row per principal, in the report's order, with its status cell sortable by severity", () => {
        const page = renderHtmlReport(sampleReport());
        const names = [...page.matchAll(/<tr data-status="([^"]+)" data-name="([^"]+)">/g)].map((m) => `${m[1]}:${m[2]}`);
        expect(names).to.deep.equal(["escapes:bob", "escapes:dan", "unverifiable:deploy", "unenforced:admins", "not-applicable:AWSServiceRoleForSupport", "exempt:breakglass", "enforced:alice"]);
        expect(page).to.contain('<td class="status-escapes" data-value="0">Escapes</td>');
        expect(page).to.contain('<td data-value="">no password</td>');
    });
});
