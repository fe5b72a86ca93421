/**
 * A policy pack that ships compiled JavaScript (force-mfa-guard: TypeScript sources, `main` → bin/index.js) is run
 * as the Pulumi CLI runs it: its built entry. Before starting one, the entry is (re)built with the pack's own
 * `npm run build` when it is missing or older than a source file, so tests and `npm start` never judge with a stale
 * build. A pack whose `main` is its TypeScript (or that has no build script) is started as it is.
 *
 * force-mfa-guard has no lifecycle script of its own (`npm pack`, run by `pulumi policy publish`, must print only the
 * tarball's name, and the published pack's `npm install` has nothing to build): the repository root's `prepare`
 * builds it on `npm ci`, and this rebuilds it when a source changed since.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules" && entry.name !== "bin" && !entry.name.startsWith(".")) {
                newest = Math.max(newest, newestSource(full));
            }
        } else if (entry.name.endsWith(".ts") || entry.name === "package.json" || entry.name === "tsconfig.json" || entry.name.endsWith(".js")) {
            newest = Math.max(newest, fs.statSync(full).mtimeMs);
        }
    }
    return newest;
}

/** The entry the analyzer will start for this pack directory; built first when it is missing or stale. */
export function ensureBuiltPack(packDir: string): string {
    const manifestPath = path.join(packDir, "package.json");
    if (!fs.existsSync(manifestPath)) {
        return packDir;
    }
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { main?: string; scripts?: Record<string, string> };
    const main = path.join(packDir, manifest.main ?? "index.js");
    if (main.endsWith(".ts") || !manifest.scripts?.build) {
        return main;
    }
    const built = fs.existsSync(main) ? fs.statSync(main).mtimeMs : -1;
    if (built < 0 || newestSource(packDir) > built) {
        try {
            execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "build"], { cwd: packDir, stdio: ["ignore", "ignore", "pipe"] });
        } catch (err) {
            const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim() ?? "";
            throw new Error(`building the policy pack in ${packDir} failed (npm run build): ${stderr.split("\n").slice(-6).join("\n")}`);
        }
    }
    return main;
}
