import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { programLocation } from "../../../tools/preview/programLocation";

/** A project on disk: frames are only taken where their file exists. */
function project(dirName = "project") {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-location-"));
    const dir = path.join(root, dirName);
    const files = {
        index: path.join(dir, "index.ts"),
        helper: path.join(dir, "lib", "helper.ts"),
        library: path.join(dir, "node_modules", "@acme", "iam", "index.js"),
        runner: path.join(dir, "node_modules", "@pulumi", "pulumi", "runtime", "invoke.js"),
        elsewhere: path.join(root, "shared", "main.ts"),
    };
    for (const file of Object.values(files)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, "");
    }
    return { dir, files };
}

const stackOf = (...frames: string[]) => ["Error: boom", ...frames.map((f) => `    at ${f}`)].join("\n");

describe("preview — programLocation: where in the program something happened", () => {
    it("the first frame in the program's own files, relative to the project; runners and missing files skipped", () => {
        const { dir, files } = project();
        const stack = stackOf(`invoke (${files.runner}:10:2)`, `Object.<anonymous> (/nowhere/gone.ts:1:1)`, `makeUser (${files.helper}:4:9)`, `${files.index}:12:3`);
        expect(programLocation(stack, [dir])).to.equal(`${path.join("lib", "helper.ts")}:4:9`);
    });

    it("else the first frame in a library the program uses", () => {
        const { dir, files } = project();
        const stack = stackOf(`invoke (${files.runner}:10:2)`, `getThing (${files.library}:7:1)`);
        expect(programLocation(stack, [dir])).to.equal(`${path.join("node_modules", "@acme", "iam", "index.js")}:7:1`);
    });

    it("a program whose main lies outside the project is the program too, and is named by its full path", () => {
        const { dir, files } = project();
        expect(programLocation(stackOf(`main (${files.elsewhere}:2:1)`), [dir, path.dirname(files.elsewhere)])).to.equal(`${files.elsewhere}:2:1`);
        expect(programLocation(stackOf(`main (${files.elsewhere}:2:1)`), [dir])).to.equal(undefined);
    });

    it("frames to skip (a relaying SDK function) are skipped; no stack, no place", () => {
        const { dir, files } = project();
        const stack = stackOf(`relay (${files.helper}:1:1)`, `${files.index}:12:3`);
        expect(programLocation(stack, [dir], (file) => file === files.helper)).to.equal("index.ts:12:3");
        expect(programLocation(undefined, [dir])).to.equal(undefined);
        expect(programLocation("Error: no frames", [dir])).to.equal(undefined);
    });

    it("an ES module's frames are file URLs", () => {
        const { dir, files } = project();
        expect(programLocation(stackOf(`main (${pathToFileURL(files.index).href}:5:7)`), [dir])).to.equal("index.ts:5:7");
    });

    it("a project whose path holds a space, as a CommonJS frame and as an ES module's URL", () => {
        const { dir, files } = project("my project");
        expect(programLocation(stackOf(`makeUser (${files.helper}:4:9)`), [dir])).to.equal(`${path.join("lib", "helper.ts")}:4:9`);
        expect(programLocation(stackOf(`${files.index}:12:3`), [dir])).to.equal("index.ts:12:3");
        expect(programLocation(stackOf(`main (${pathToFileURL(files.index).href}:5:7)`), [dir])).to.equal("index.ts:5:7");
    });
});
