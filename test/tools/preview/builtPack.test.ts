import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ensureBuiltPack } from "../../../tools/preview/builtPack";
import { dirWith } from "./dirWith";

/** A pack whose build writes bin/index.js (or fails), with its source and built entry dated as given. */
function pack(build: string | undefined, sourceAge: number, builtAge?: number): string {
    const dir = dirWith({ "package.json": JSON.stringify({ name: "p", main: "bin/index.js", ...(build ? { scripts: { build } } : {}) }), "index.ts": "export {};\n" });
    const past = (seconds: number) => new Date(Date.now() - seconds * 1000);
    fs.utimesSync(path.join(dir, "index.ts"), past(sourceAge), past(sourceAge));
    fs.utimesSync(path.join(dir, "package.json"), past(sourceAge), past(sourceAge));
    if (builtAge !== undefined) {
        fs.mkdirSync(path.join(dir, "bin"));
        fs.writeFileSync(path.join(dir, "bin", "index.js"), "old build");
        fs.utimesSync(path.join(dir, "bin", "index.js"), past(builtAge), past(builtAge));
    }
    return dir;
}

const WRITE_BUILD = `node -e "require('fs').mkdirSync('bin',{recursive:true});require('fs').writeFileSync('bin/index.js','new build')"`;

describe("preview — builtPack: a pack that ships compiled JavaScript runs its built entry, rebuilt when stale", function () {
    this.timeout(60_000);

    it("no package.json: the directory; a TypeScript main or no build script: the main as it is", () => {
        const bare = dirWith({ "index.js": "" });
        expect(ensureBuiltPack(bare)).to.equal(bare);
        const ts = dirWith({ "package.json": JSON.stringify({ main: "index.ts", scripts: { build: "exit 1" } }) });
        expect(ensureBuiltPack(ts)).to.equal(path.join(ts, "index.ts"));
        const noScript = dirWith({ "package.json": "{}" });
        expect(ensureBuiltPack(noScript)).to.equal(path.join(noScript, "index.js"));
    });

    it("a build newer than every source is used as it is (no build run)", () => {
        const dir = pack("exit 1", 100, 10);
        expect(ensureBuiltPack(dir)).to.equal(path.join(dir, "bin", "index.js"));
        expect(fs.readFileSync(path.join(dir, "bin", "index.js"), "utf8")).to.equal("old build");
    });

    // One build run only (npm starts a process): a failing build's message is read in the code, not run here.
    it("a source newer than the build runs the pack's build first", () => {
        const stale = pack(WRITE_BUILD, 10, 100);
        expect(ensureBuiltPack(stale)).to.equal(path.join(stale, "bin", "index.js"));
        expect(fs.readFileSync(path.join(stale, "bin", "index.js"), "utf8")).to.equal("new build");
    });
});
