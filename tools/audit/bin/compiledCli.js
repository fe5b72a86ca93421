"use strict";
/**
 * The account tools run as compiled JavaScript, not through ts-node: a CLI's TypeScript and everything it imports —
 * account/, program/, the pack's evaluator from its sources, and their packages — is bundled by esbuild into one
 * file, as the enrollment window's Lambda is, on the first run and again whenever a source esbuild read for it is
 * newer (their list is kept beside the bundle). The pack's compiled data — action catalog, resource templates, AWS
 * managed policies — is copied beside the bundle, where the evaluator reads it (the pack is built first when missing
 * or stale).
 *
 * The bundle lives in the user's cache ($XDG_CACHE_HOME or ~/.cache), outside the repository's node_modules: from
 * there the Pulumi SDK is not found, so the evaluator does not load it — it patches the SDK only when an analyzer
 * runs in the same process (policy-pack/stack/sdkModule.ts), and loading it costs seconds.
 */
const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "../../..");
const PACK = path.join(ROOT, "policy-pack");
const DATA_FILES = ["actionCatalog.json", "resourceTemplates.json", "awsManagedPolicies.json"];
const CACHE = path.join(
    process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"),
    "force-mfa-tools",
    crypto.createHash("sha256").update(ROOT).digest("hex").slice(0, 16), // one checkout's bundles apart from another's
);

function isFresh(out, inputsFile) {
    try {
        const built = fs.statSync(out).mtimeMs;
        const inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
        return inputs.every((file) => fs.statSync(path.resolve(ROOT, file)).mtimeMs <= built);
    } catch {
        return false; // not built yet, or a source is gone: build
    }
}

/** The pack's build, made current: the same check the preview and `npm test` make (policy-pack/buildFreshness.ts). */
function ensurePackBuilt() {
    const data = DATA_FILES.map((name) => path.join(PACK, "bin", "iam", name));
    let stale = !data.every((file) => fs.existsSync(file)) || !fs.existsSync(path.join(PACK, "bin", "buildFreshness.js"));
    if (!stale) {
        const { staleBuild } = require(path.join(PACK, "bin", "buildFreshness.js"));
        stale = staleBuild(PACK) !== undefined;
    }
    if (stale) {
        execFileSync(process.execPath, [path.join(PACK, "scripts", "build.js")], { stdio: ["ignore", "ignore", "inherit"] });
    }
    return data;
}

/** The bundle of `entry` (relative to the repository), built when missing or stale; its path. */
async function compiledCli(entry, name) {
    const data = ensurePackBuilt();
    const out = path.join(CACHE, `${name}.js`);
    const inputsFile = path.join(CACHE, `${name}.inputs.json`);
    if (isFresh(out, inputsFile)) {
        return out;
    }
    const esbuild = require("esbuild");
    const result = await esbuild.build({
        entryPoints: [path.join(ROOT, entry)],
        absWorkingDir: ROOT,
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        // The SDK clients are loaded only by the enrollment window's job, never by these CLIs.
        external: ["@aws-sdk/*"],
        write: false,
        metafile: true,
        logLevel: "silent",
    });
    fs.mkdirSync(CACHE, { recursive: true });
    // Written aside and renamed: two runs at once never read a half-written file.
    const put = (file, contents) => {
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, contents);
        fs.renameSync(temporary, file);
    };
    data.forEach((file) => put(path.join(CACHE, path.basename(file)), fs.readFileSync(file)));
    put(inputsFile, JSON.stringify([...Object.keys(result.metafile.inputs), ...data]));
    put(out, result.outputFiles[0].contents);
    return out;
}

/** Runs the `main` export of a CLI's compiled bundle. */
function runCompiledCli(entry, name) {
    compiledCli(entry, name).then(
        (file) => require(file).main(),
        (err) => {
            process.stderr.write(`${name}: could not compile ${entry}: ${err instanceof Error ? err.message : String(err)}\n`);
            process.exitCode = 2;
        },
    );
}

module.exports = { compiledCli, runCompiledCli };
