/** What the user is told when a program fails: the reason whole, at the program's line. In process. */
import { expect } from "chai";
import * as path from "path";
import { crashReason, programFailure, reasonOf } from "../../../tools/preview/programFailure";

const PROJECT = path.join(path.sep, "work", "team");

describe("program failures", () => {
    it("a compile error keeps the compiler's diagnostic and points at its line", () => {
        const err = Object.assign(new Error("⨯ Unable to compile TypeScript:\nindex.ts(3,14): error TS1005: ';' expected.\n"), { name: "TSError" });
        expect(programFailure(err, [PROJECT], () => undefined)).to.deep.equal({
            error: "⨯ Unable to compile TypeScript:\nindex.ts(3,14): error TS1005: ';' expected.",
            location: "index.ts:3:14",
        });
    });

    it("an invoke's error carries its reason and the line that called the invoke, not the SDK's frames", () => {
        const err = new Error("invocation of aws:iam/getPolicyDocument:getPolicyDocument returned an error: identifiers must be a list of strings, got [null]");
        err.stack = `Error: ${err.message}\n    at Object.callback (${PROJECT}/node_modules/@pulumi/runtime/invoke.ts:272:37)`;
        const failure = programFailure(err, [PROJECT], (token) => (token === "aws:iam/getPolicyDocument:getPolicyDocument" ? "index.ts:6:23" : undefined));
        expect(failure).to.deep.equal({ error: err.message, location: "index.ts:6:23" });
    });

    it("a garbled library frame (a source its map names but does not ship) is never the location", () => {
        const err = new Error("boom");
        err.stack = `Error: boom\n    at x (${PROJECT}/node_modules/@pulumi/runtime/invoke.ts:272:37)`;
        expect(programFailure(err, [PROJECT], () => undefined)).to.deep.equal({ error: "boom" });
    });

    it("keeps a reason's lines and drops stack frames; a crash names the error with what its first line announces", () => {
        expect(reasonOf("Missing required configuration variable 'team:db'\n\tplease set a value\n    at Config.require (x.js:1:1)")).to.equal(
            "Missing required configuration variable 'team:db'\nplease set a value",
        );
        expect(crashReason("/x/y.ts:1\nTSError: ⨯ Unable to compile TypeScript:\nerror TS6046: Argument for '--lib' option must be: 'es5'.\n    at createTSError (x.js:1:1)")).to.equal(
            "TSError: ⨯ Unable to compile TypeScript: error TS6046: Argument for '--lib' option must be: 'es5'.",
        );
    });

    it("a module the program imports and does not have: its name and what to do, not this tool's require stack", () => {
        const err = Object.assign(new Error(`Cannot find module '@pulumi/eks'\nRequire stack:\n- ${PROJECT}/index.ts\n- /tool/captureWorker.ts`), { code: "MODULE_NOT_FOUND" });
        expect(programFailure(err, [PROJECT], () => undefined).error).to.equal("Cannot find module '@pulumi/eks': install the program's dependencies (npm ci in its directory)");
    });
});
