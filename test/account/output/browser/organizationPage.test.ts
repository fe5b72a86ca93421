/**
 * The organization page in headless chromium (Debian's, as the account page's test uses it): it loads nothing beyond
 * its own file, opens with the accounts riskiest first, sorts them by a column, filters by risk (a click on a count)
 * and by text, opens an account's drill-down from its link, and fits a 1,400-pixel screen.
 */
import { expect } from "chai";
import { Page } from "playwright-core";
import { OpenedPage, openInChromium } from "./headlessChromium";
import { buildOrganizationReport, renderOrganizationHtml } from "../../../../account";
import { NOW } from "../../accountFixtures";
import { judgeOrganization, ORG } from "../../organization/organizationFixtures";

type Row = { cells: { textContent: string | null }[]; getAttribute(name: string): string | null };

describe("organization audit page in headless chromium", function () {
    this.timeout(300_000);
    let opened: OpenedPage | undefined;
    let page: Page;

    before(async () => {
        opened = await openInChromium(renderOrganizationHtml(buildOrganizationReport(await judgeOrganization(), NOW)), "force-mfa-org-page-");
        page = opened.page;
    });

    after(() => opened?.close());

    const accounts = () => page.$$eval("#accounts tbody tr:not([hidden])", (rows) => rows.map((r) => ((r as unknown as Row).cells[0].textContent ?? "").slice(0, 12)));

    it("loads on its own, riskiest account first", async () => {
        expect(await page.title()).to.equal("MFA audit of the organization");
        expect(opened!.requests.every((url) => url.startsWith("file://"))).to.equal(true);
        expect(await accounts()).to.deep.equal([ORG.escaping, ORG.rootWithoutMfa, ORG.lockedOut, ORG.notCollected, ORG.enforced]);
        expect(await page.textContent("#risk-critical b")).to.equal("2");
        expect(await page.textContent("#total")).to.contain("5 accounts: 4 audited, 1 not audited (1 error)");
    });

    it("sorts by a column and back by risk", async () => {
        const header = (name: RegExp) => page.locator("#accounts thead th", { hasText: name }).locator("button");
        await header(/^Account/).click();
        expect(await accounts()).to.deep.equal([ORG.enforced, ORG.escaping, ORG.lockedOut, ORG.rootWithoutMfa, ORG.notCollected]);
        await header(/^Locked out/).click();
        expect((await accounts()).at(-1)).to.equal(ORG.lockedOut);
        await header(/^Risk/).click();
        expect(await accounts()).to.deep.equal([ORG.escaping, ORG.rootWithoutMfa, ORG.lockedOut, ORG.notCollected, ORG.enforced]);
        await header(/^Risk/).click();
        expect((await accounts())[0]).to.equal(ORG.enforced);
    });

    it("a click on a risk shows only those accounts; text filters too", async () => {
        await page.reload();
        await page.click("#risk-critical");
        expect(await accounts()).to.deep.equal([ORG.escaping, ORG.rootWithoutMfa]);
        expect(await page.getAttribute("#risk-critical", "aria-pressed")).to.equal("true");
        await page.click("#risk-critical");
        expect(await page.textContent("#shown")).to.equal("5");
        await page.fill("#filter-text", "locked out");
        expect(await accounts()).to.deep.equal([ORG.lockedOut]);
        await page.fill("#filter-text", "");
    });

    it("an account's link opens its drill-down with its principals and witness", async () => {
        const details = page.locator(`#account-${ORG.escaping}`);
        expect(await details.getAttribute("open")).to.equal(null);
        await page.click(`#accounts a[href="#account-${ORG.escaping}"]`);
        await page.waitForFunction((id) => (globalThis as unknown as { document: { getElementById(i: string): { open: boolean } } }).document.getElementById(id).open, `account-${ORG.escaping}`);
        expect(await details.locator("table.principals tbody tr").count()).to.equal(1);
        expect(await details.locator("table.principals td.witness").textContent()).to.contain("s3:GetObject");
        expect(await details.isVisible()).to.equal(true);
    });

    it("fits a 1,400-pixel screen", async () => {
        const widths = await page.evaluate(() => {
            const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
            return { page: d.documentElement.scrollWidth, view: d.documentElement.clientWidth };
        });
        expect(widths.view).to.equal(1400);
        expect(widths.page).to.be.at.most(1400);
    });
});
