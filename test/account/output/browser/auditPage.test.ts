/**
 * The audit page in a real headless browser (Debian's chromium, installed by ensure-chromium.sh when missing): it
 * loads with no request beyond its own file, shows the counts, sorts (worst first) and filters the principals (also
 * by clicking a count), works by keyboard, fits a 1,400-pixel screen, groups principals by fix, and prints.
 */
import { expect } from "chai";
import { Page } from "playwright-core";
import { OpenedPage, openInChromium } from "./headlessChromium";
import { renderHtmlReport } from "../../../../account/output/htmlPage";
import { buildAuditReport } from "../../../../account/report/buildAuditReport";
import { auditInputs, NOW } from "../../accountFixtures";

/** A table row as the page script sees it (the test compiles without the DOM library). */
type Row = { cells: { textContent: string | null }[] };

describe("account audit page in headless chromium", function () {
    this.timeout(300_000);
    let opened: OpenedPage | undefined;
    let page: Page;

    before(async () => {
        opened = await openInChromium(renderHtmlReport(await buildAuditReport(auditInputs(), { now: NOW })), "force-mfa-audit-page-");
        page = opened.page;
    });

    after(() => opened?.close());

    const names = () => page.$$eval("#principals tbody tr:not([hidden])", (rows) => rows.map((r) => (r as unknown as Row).cells[1].textContent ?? ""));

    it("loads on its own and shows the counts", async () => {
        expect(await page.title()).to.equal("MFA audit of account 123456789012");
        expect(opened!.requests.every((url) => url.startsWith("file://"))).to.equal(true);
        expect(await page.textContent("#count-escapes b")).to.equal("6");
        expect(await page.textContent("#count-enforced b")).to.equal("6");
        expect(await page.textContent("#count-locked-out b")).to.equal("2");
        expect(await page.textContent("#total")).to.contain("20 principals (10 users, 5 groups, 5 roles)");
        expect(await page.textContent("#root")).to.contain("NO MFA");
        expect(await page.textContent("#exemptions")).to.contain("breakglass");
        expect(await page.locator("#principals tbody tr").count()).to.equal(20);
    });

    it("sorts by a column, and reverses on a second click", async () => {
        const header = page.locator("#principals thead th", { hasText: /^Name/ });
        await header.locator("button").click();
        const ascending = await names();
        expect(ascending).to.deep.equal([...ascending].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
        expect(ascending[0]).to.equal("admin-no-mfa");
        expect(await header.getAttribute("aria-sort")).to.equal("ascending");
        await header.locator("button").click();
        expect(await names()).to.deep.equal([...ascending].reverse());
        await page.locator("#principals thead th", { hasText: "Days without MFA" }).locator("button").click();
        const days = await page.$$eval("#principals tbody tr", (rows) => rows.map((r) => (r as unknown as Row).cells[11].textContent ?? ""));
        const numbers = days.filter((d) => d !== "").map(Number);
        expect(numbers).to.deep.equal([...numbers].sort((a, b) => a - b));
        expect(numbers[numbers.length - 1]).to.equal(685);
    });

    it("filters by status and by text", async () => {
        await page.selectOption("#filter-status", "escapes");
        expect((await names()).sort()).to.deep.equal(["admin-no-mfa", "bob", "carol", "developers", "erin", "ops"]);
        expect(await page.textContent("#shown")).to.equal("6");
        await page.fill("#filter-text", "developers");
        expect((await names()).sort()).to.deep.equal(["bob", "developers", "ops"]);
        await page.selectOption("#filter-status", "");
        await page.fill("#filter-text", "");
        expect(await page.textContent("#shown")).to.equal("20");
    });

    const statuses = () => page.$$eval("#principals tbody tr:not([hidden])", (rows) => rows.map((r) => (r as unknown as { getAttribute(n: string): string }).getAttribute("data-status")));
    const SEVERITY = ["escapes", "unenforced", "locked-out", "unverifiable", "suspended", "not-applicable", "exempt", "enforced"];

    it("opens worst first, and sorting by status orders by severity, not by name", async () => {
        await page.reload();
        const first = await statuses();
        expect(first[0]).to.equal("escapes");
        expect(first.map((s) => SEVERITY.indexOf(s))).to.deep.equal([...first.map((s) => SEVERITY.indexOf(s))].sort((a, b) => a - b));
        const status = page.locator("#principals thead th", { hasText: /^Status/ });
        expect(await status.getAttribute("aria-sort")).to.equal("ascending");
        await status.locator("button").click();
        expect((await statuses())[0]).to.equal("enforced");
        await status.locator("button").click();
        expect((await statuses())[0]).to.equal("escapes");
    });

    it("fits a 1,400-pixel screen: no sideways scrolling, no witness or ARN cut off", async () => {
        const widths = await page.evaluate(() => {
            const d = (globalThis as unknown as { document: any }).document; // eslint-disable-line @typescript-eslint/no-explicit-any
            const cells = [...d.querySelectorAll("#principals td.witness, #principals td.arn, #principals td.reason")];
            return { page: d.documentElement.scrollWidth, view: d.documentElement.clientWidth, cut: cells.filter((c: any) => c.scrollWidth > c.clientWidth + 1).length }; // eslint-disable-line @typescript-eslint/no-explicit-any
        });
        expect(widths.view).to.equal(1400);
        expect(widths.page).to.be.at.most(1400);
        expect(widths.cut).to.equal(0);
    });

    it("a click on a count shows only that status; a second click shows all again", async () => {
        await page.click("#count-locked-out");
        expect(await statuses()).to.deep.equal(["locked-out", "locked-out"]);
        expect(await page.getAttribute("#count-locked-out", "aria-pressed")).to.equal("true");
        expect(await page.inputValue("#filter-status")).to.equal("locked-out");
        await page.click("#count-locked-out");
        expect(await page.textContent("#shown")).to.equal("20");
    });

    it("headers and counts are reached and used by keyboard", async () => {
        await page.reload();
        await page.focus("#filter-status");
        let focused = "";
        for (let i = 0; i < 3 && !focused.startsWith("Type"); i++) {
            await page.keyboard.press("Tab");
            focused = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent);
        }
        expect(focused).to.match(/^Type/);
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter"); // Name
        expect(await page.locator("#principals thead th", { hasText: /^Name/ }).getAttribute("aria-sort")).to.equal("ascending");
        await page.focus("#count-escapes");
        await page.keyboard.press("Space");
        expect(await page.textContent("#shown")).to.equal("6");
        await page.keyboard.press("Enter");
        expect(await page.textContent("#shown")).to.equal("20");
    });

    it("lists each fix once with the principals it applies to, and rows point at it; shows ARN, groups and last use", async () => {
        const fix = page.locator("#fixes li", { hasText: 'add to the group "mfa-enforced"' });
        expect(await fix.count()).to.equal(1);
        expect(await fix.textContent()).to.match(/users: .*bob/);
        const bob = page.locator('#principals tr[data-name="bob"]');
        expect(await bob.locator("td.fix a").getAttribute("href")).to.match(/^#fix-\d+$/);
        expect(await bob.locator("td.arn").textContent()).to.equal("arn:aws:iam::123456789012:user/bob");
        expect(await bob.textContent()).to.contain("developers, ops");
        expect(await bob.textContent()).to.contain("2026-11-30"); // an access key's last use
    });

    it("prints without the controls, every row in the page's width", async () => {
        await page.emulateMedia({ media: "print" });
        try {
            expect(await page.isVisible(".filters")).to.equal(false);
            const width = await page.evaluate(() => {
                const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
                return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
            });
            expect(width.scrollWidth).to.be.at.most(width.clientWidth);
        } finally {
            await page.emulateMedia({ media: "screen" });
        }
    });
});
