/**
 * A checkout's build must be as new as its sources: `pulumi policy publish` and `pulumi preview --policy-pack` start
 * bin/index.js as it is, and nothing rebuilds it on the way (the pack has no lifecycle script: publishInstall test).
 * A published pack holds no sources, so there is nothing to compare.
 */
import * as fs from "fs";
import * as path from "path";

function newestSource(dir: string): { file: string; mtimeMs: number } | undefined {
    let newest: { file: string; mtimeMs: number } | undefined;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        const found = entry.isDirectory()
            ? ["node_modules", "bin", "scripts"].includes(entry.name) || entry.name.startsWith(".")
                ? undefined
                : newestSource(full)
            : entry.name.endsWith(".ts") || entry.name === "tsconfig.json" || entry.name === "package.json"
              ? { file: full, mtimeMs: fs.statSync(full).mtimeMs }
              : undefined;
        if (found && (!newest || found.mtimeMs > newest.mtimeMs)) {
            newest = found;
        }
    }
    return newest;
}

/** The reason a build in `packDir` is older than a source beside it, or undefined when it is current (or published). */
export function staleBuild(packDir: string, entry = path.join(packDir, "bin", "index.js")): string | undefined {
    if (!fs.existsSync(path.join(packDir, "index.ts")) || !fs.existsSync(entry)) {
        return undefined;
    }
    const built = fs.statSync(entry).mtimeMs;
    const newest = newestSource(packDir);
    if (!newest || newest.mtimeMs <= built) {
        return undefined;
    }
    return (
        `force-mfa-guard's build (${path.relative(packDir, entry)}) is older than ${path.relative(packDir, newest.file)}: ` +
        `it would judge, or be published, with rules that are not the sources'. Run \`npm run build\` in ${packDir} first.`
    );
}
