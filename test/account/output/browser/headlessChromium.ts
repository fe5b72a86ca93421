/**
 * The audit pages' browser tests open their page here: Debian's chromium (installed by ensure-chromium.sh when
 * missing), headless, a 1,400-pixel viewport, every request the page makes recorded.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BrowserContext, chromium, Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";

export interface OpenedPage {
    readonly page: Page;
    /** The URL of every request the page made. */
    readonly requests: string[];
    /** Closes the browser and removes the page's folder. */
    readonly close: () => Promise<void>;
}

/** `html` written to a temporary folder and opened in a fresh profile there; `close` it in the suite's `after`. */
export async function openInChromium(html: string, prefix: string): Promise<OpenedPage> {
    if (!fs.existsSync(CHROMIUM)) {
        spawnSync("sh", [path.join(__dirname, "ensure-chromium.sh")], { stdio: "inherit" });
    }
    expect(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing and could not be installed (apt-get install chromium)`).to.equal(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const file = path.join(dir, "page.html");
    fs.writeFileSync(file, html);
    let context: BrowserContext | undefined;
    const close = async () => {
        await context?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    };
    try {
        context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
            executablePath: CHROMIUM,
            headless: true,
            args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        const page = context.pages()[0] ?? (await context.newPage());
        const requests: string[] = [];
        page.on("request", (r) => requests.push(r.url()));
        await page.setViewportSize({ width: 1400, height: 900 });
        await page.goto(`file://${file}`);
        return { page, requests, close };
    } catch (err) {
        await close();
        throw err;
    }
}
