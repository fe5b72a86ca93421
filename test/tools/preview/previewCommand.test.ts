import { expect } from "chai";
import * as path from "path";
import { dirWith } from "./dirWith";
import { previewInProcess } from "./previewInProcess";

/** Runs that stop before any program or pack starts: the command's own answers. */
describe("preview — previewCommand: arguments, exit codes and how failures are told", () => {
    it("--help prints the usage and exits 0", async () => {
        const run = await previewInProcess(["--help"]);
        expect(run.code).to.equal(0);
        expect(run.stdout).to.match(/^Usage: npm start -- \[options\]/);
        expect(run.stdout).to.contain("Exit code: 0 the stack passes, 1 it would be blocked, 2 bad usage or input.");
        expect(run.stderr).to.equal("");
    });

    it("bad usage exits 2 with one line on stderr and nothing on stdout", async () => {
        for (const [args, reason] of [
            [["--stack"], /^error: Option '--stack <value>' argument missing \(see --help\)\n$/],
            [["extra"], /^error: Unexpected argument 'extra'.*\(see --help\)\n$/],
            [["--preview", "--known"], /^error: --preview and --known exclude each other\n$/],
        ] as const) {
            const run = await previewInProcess([...args]);
            expect([run.code, run.stdout], args.join(" ")).to.deep.equal([2, ""]);
            expect(run.stderr).to.match(reason);
        }
    });

    it("relative paths are read from where the command was typed", async () => {
        const dir = dirWith({});
        const run = await previewInProcess(["--program", "nowhere"], dir);
        expect(run.code).to.equal(2);
        expect(run.stderr).to.equal(`error: Pulumi project file not found: ${path.join(dir, "nowhere", "Pulumi.yaml")}\n`);
    });

    it("with --json a failure is JSON on stdout alone, with exit code 2", async () => {
        const run = await previewInProcess(["--json", "--preview", "--known"]);
        expect(run.code).to.equal(2);
        expect(run.stderr).to.equal("");
        expect(JSON.parse(run.stdout)).to.deep.equal({ error: { message: "--preview and --known exclude each other" }, exitCode: 2 });
    });

    it("bad input (a secret in the stack file) is told on one line, before any program runs", async () => {
        const dir = dirWith({ "Pulumi.yaml": "name: team\nruntime: nodejs\n", "Pulumi.dev.yaml": "config:\n  team:token:\n    secure: v1:abc\n" });
        const run = await previewInProcess(["--program", dir, "--stack", "dev"]);
        expect(run.code).to.equal(2);
        expect(run.stderr.split("\n")).to.have.length(2);
        expect(run.stderr).to.match(/^error: .*team:token is a secret/);
    });
});
