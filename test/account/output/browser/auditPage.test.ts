/**
 * The audit page in a real headless browser (Debian's chromium, installed by ensure-chromium.sh when missing): it
 * loads with no request beyond its own file, shows the counts, sorts and filters the principals.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BrowserContext, chromium, Page } from "playwright-core";
import { renderHtmlReport } from "../../../../account/output/htmlPage";
import { buildAuditReport } from "../../../../account/report/buildAuditReport";
import { auditInputs, NOW } from "../../accountFixtures";

const CHROMIUM = "/usr/bin/chromium";
/** A table row as the page script sees it (the test compiles without the DOM library). */
type Row = { cells: { textContent: string | null }[] };

describe("account audit page in headless chromium", function () {
    this.timeout(300_000);
    let dir: string;
    let context: BrowserContext | undefined;
    let page: Page;
    const requests: string[] = [];

    before(async () => {
        if (!fs.existsSync(CHROMIUM)) {
            spawnSync("sh", [path.join(__dirname, "ensure-chromium.sh")], { stdio: "inherit" });
        }
        expect(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing and could not be installed (apt-get install chromium)`).to.equal(true);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-audit-page-"));
        const file = path.join(dir, "audit.html");
        const report = await buildAuditReport(auditInputs(), { now: NOW });
        fs.writeFileSync(file, renderHtmlReport(report));
        context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
            executablePath: CHROMIUM,
            headless: true,
            args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        page = context.pages()[0] ?? (await context.newPage());
        page.on("request", (r) => requests.push(r.url()));
        await page.goto(`file://${file}`);
    });

    after(async () => {
        await context?.close();
        if (dir) {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    const names = () => page.$$eval("#principals tbody tr:not([hidden])", (rows) => rows.map((r) => (r as unknown as Row).cells[1].textContent ?? ""));

    it("loads on its own and shows the counts", async () => {
        expect(await page.title()).to.equal("MFA audit of account 123456789012");
        expect(requests.every((url) => url.startsWith("file://"))).to.equal(true);
        expect(await page.textContent("#count-escapes b")).to.equal("6");
        expect(await page.textContent("#count-enforced b")).to.equal("6");
        expect(await page.textContent("#count-locked-out b")).to.equal("2");
        expect(await page.textContent("#total")).to.contain("20 principals (10 users, 5 groups, 5 roles)");
        expect(await page.textContent("#root")).to.contain("NO MFA");
        expect(await page.textContent("#exemptions")).to.contain("breakglass");
        expect(await page.locator("#principals tbody tr").count()).to.equal(20);
    });

    it("sorts by a column, and reverses on a second click", async () => {
        const header = page.locator("#principals thead th", { hasText: "Name" });
        await header.click();
        const ascending = await names();
        expect(ascending).to.deep.equal([...ascending].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
        expect(ascending[0]).to.equal("admin-no-mfa");
        expect(await header.getAttribute("aria-sort")).to.equal("ascending");
        await header.click();
        expect(await names()).to.deep.equal([...ascending].reverse());
        await page.locator("#principals thead th", { hasText: "Days without MFA" }).click();
        const days = await page.$$eval("#principals tbody tr", (rows) => rows.map((r) => (r as unknown as Row).cells[8].textContent ?? ""));
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
});
