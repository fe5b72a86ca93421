/**
 * Captures of this repository's own program, shared by the test files that need the same one: a capture runs the
 * program in a child process (a few seconds of CPU each), and several suites capture the example stack alike. Kept in
 * the temporary directory under a key made of the options and the content of every source a capture reads, so a
 * change to any of them captures again; files run in parallel wait for the one that captures first.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { captureProgram, CaptureOptions, CaptureOutput } from "../../../tools/preview/captureProgram";

const ROOT = path.resolve(__dirname, "../../..");
const SOURCE_DIRS = ["program", "account", "policy-pack", "tools/preview", "fixtures"];
const SOURCE_FILES = ["package-lock.json", "Pulumi.yaml", "tsconfig.json"];
const SKIPPED = new Set(["node_modules", "bin", ".git"]);
const DIR = path.join(os.tmpdir(), "force-mfa-test-captures");
const WAIT_MS = 240_000;

let sources: string | undefined;

function fingerprint(): string {
    if (sources === undefined) {
        const hash = crypto.createHash("sha256");
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
                const file = path.join(dir, entry.name);
                if (entry.isDirectory()) {
                    if (!SKIPPED.has(entry.name) && !entry.name.startsWith(".bin-build-")) {
                        walk(file);
                    }
                } else if (entry.isFile()) {
                    hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file));
                }
            }
        };
        SOURCE_DIRS.forEach((d) => walk(path.join(ROOT, d)));
        for (const name of [...SOURCE_FILES, ...fs.readdirSync(ROOT).filter((n) => /^Pulumi\..+\.yaml$/.test(n))]) {
            hash.update(name).update(fs.readFileSync(path.join(ROOT, name)));
        }
        sources = hash.digest("hex");
    }
    return sources;
}

/** The options as JSON with their keys in order: two suites writing the same options alike share a capture. */
function stableJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(stableJson).join(",")}]`;
    }
    if (typeof value === "object" && value !== null) {
        return `{${Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** captureProgram, or the capture another test file made of the very same program, sources and options. */
export async function cachedCapture(options: CaptureOptions): Promise<CaptureOutput> {
    const key = crypto.createHash("sha256").update(stableJson(options)).update(fingerprint()).digest("hex");
    const file = path.join(DIR, `${key}.json`);
    const lock = `${file}.lock`;
    fs.mkdirSync(DIR, { recursive: true });
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
        if (fs.existsSync(file)) {
            return JSON.parse(fs.readFileSync(file, "utf8")) as CaptureOutput;
        }
        try {
            fs.mkdirSync(lock);
            break;
        } catch (err) {
            const stale = fs.existsSync(lock) && Date.now() - fs.statSync(lock).mtimeMs > WAIT_MS;
            if ((err as NodeJS.ErrnoException).code !== "EEXIST" || stale || Date.now() > deadline) {
                return captureProgram(options);
            }
            await sleep(250);
        }
    }
    try {
        const output = await captureProgram(options);
        const partial = `${file}.${process.pid}`;
        fs.writeFileSync(partial, JSON.stringify(output));
        fs.renameSync(partial, file);
        return output;
    } finally {
        fs.rmSync(lock, { recursive: true, force: true });
    }
}
