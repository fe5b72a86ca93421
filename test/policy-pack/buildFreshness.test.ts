/** A checkout's pack refuses to start from a build older than its sources; a published pack has no sources to compare. */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { staleBuild } from "../../policy-pack/buildFreshness";

describe("force-mfa-guard's build freshness", () => {
    let dir: string;
    const at = (file: string, seconds: number) => {
        const full = path.join(dir, file);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        if (!fs.existsSync(full)) {
            fs.writeFileSync(full, "");
        }
        fs.utimesSync(full, seconds, seconds);
    };

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-freshness-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("a build newer than every source is current", () => {
        at("index.ts", 1000);
        at("policies/userRequiresMfa.ts", 1000);
        at("package.json", 1000);
        at("bin/index.js", 2000);
        expect(staleBuild(dir)).to.equal(undefined);
    });

    it("a source edited after the build names the file and the command", () => {
        at("index.ts", 1000);
        at("policies/userRequiresMfa.ts", 3000);
        at("bin/index.js", 2000);
        expect(staleBuild(dir)).to.equal(
            `force-mfa-guard's build (${path.join("bin", "index.js")}) is older than ${path.join("policies", "userRequiresMfa.ts")}: it would judge, ` +
                `or be published, with rules that are not the sources'. Run \`npm run build\` in ${dir} first.`,
        );
    });

    it("ignores what is not a source: node_modules, the build itself, the build script", () => {
        at("index.ts", 1000);
        at("node_modules/x/index.ts", 3000);
        at("bin/policies/userRequiresMfa.js", 3000);
        at("scripts/build.ts", 3000);
        at("bin/index.js", 2000);
        expect(staleBuild(dir)).to.equal(undefined);
    });

    it("a published pack (no sources) and a pack not built yet are not judged here", () => {
        at("bin/index.js", 2000);
        at("README.md", 3000);
        expect(staleBuild(dir)).to.equal(undefined);
        fs.rmSync(path.join(dir, "bin"), { recursive: true });
        at("index.ts", 3000);
        expect(staleBuild(dir)).to.equal(undefined);
    });
});
