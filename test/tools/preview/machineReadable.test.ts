/**
 * The offline preview as CI reads it: `--json` (JSON alone on stdout, errors included), `--sarif` (SARIF 2.1.0 for
 * code scanning), `--strict` on remote components, the program's messages in the text output, secrets anywhere in
 * the stack config. The command runs in this process (its program, as under the CLI, in its own; one pack process
 * judges the file's runs); `npx force-mfa-preview` runs as CI would, in a process of its own.
 */
import { spawnSync } from "child_process";
import { previewInProcess, sharedPack } from "./previewInProcess";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../../..");
const PROGRAMS = path.join(__dirname, "../../fixtures/preview/programs");

function run(command: string, args: string[]) {
    const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", timeout: 280_000, env: { ...process.env, INIT_CWD: ROOT } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("offline preview output for CI", function () {
    this.timeout(300_000);
    const pack = sharedPack();
    after(() => pack.close());
    /** The preview of a fixture program, the command run in this process (previewInProcess.ts). */
    const cli = (program: string, ...args: string[]) => previewInProcess(["--program", path.join(PROGRAMS, program), "--stack", "test", ...args], ROOT, pack);

    it("--json and --sarif: resources with inputs, outputs, diagnostics with level and severity; SARIF rules and located results", async () => {
        const sarifFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-sarif-")), "preview.sarif");
        const result = await cli("policy-document", "--json", "--known", "--sarif", sarifFile);
        expect(result.code, result.stderr).to.equal(1);
        const report = JSON.parse(result.stdout);
        expect(report.passes).to.equal(false);
        expect(report.assumptions).to.include({ accountId: "123456789012", region: "us-west-2" });
        const open = report.resources.find((r: { name: string }) => r.name === "open");
        expect(open.inputs.assumeRolePolicy).to.be.a("string");
        expect(open.declaredAt).to.deep.include({ file: "test/fixtures/preview/programs/policy-document/index.ts", line: 18 });
        expect(report.outputs).to.deep.equal({ guarded: "guarded", open: "open" });
        const [violation] = report.diagnostics.filter((d: { enforcementLevel: string }) => d.enforcementLevel === "mandatory");
        expect(violation).to.include({ policyName: "iam-role-trust-requires-mfa", urn: open.urn });
        expect(violation).to.have.property("severity").that.is.a("string");
        expect(violation).to.have.property("message").that.is.a("string");

        const sarif = JSON.parse(fs.readFileSync(sarifFile, "utf8"));
        expect(sarif.version).to.equal("2.1.0");
        expect(sarif.$schema).to.match(/sarif-2\.1\.0/);
        expect(sarif.runs).to.have.length(1);
        const [{ tool, results }] = sarif.runs;
        expect(tool.driver.name).to.equal("force-mfa-guard");
        const ruleIds = tool.driver.rules.map((r: { id: string }) => r.id);
        expect(ruleIds).to.include.members(["iam-user-requires-mfa", "iam-role-trust-requires-mfa"]);
        for (const rule of tool.driver.rules) {
            expect(rule.shortDescription.text).to.be.a("string").and.not.equal("");
            expect(["error", "warning", "note", "none"]).to.include(rule.defaultConfiguration.level);
        }
        const located = results.filter((r: { ruleId: string }) => r.ruleId === "iam-role-trust-requires-mfa");
        expect(located).to.have.length(1);
        const [finding] = located;
        expect(finding.level).to.equal("error");
        expect(ruleIds[finding.ruleIndex]).to.equal(finding.ruleId);
        expect(finding.message.text).to.be.a("string").and.not.equal("");
        expect(finding.locations[0].logicalLocations[0]).to.include({ fullyQualifiedName: open.urn, name: "open" });
        expect(finding.locations[0].physicalLocation.artifactLocation.uri).to.equal("test/fixtures/preview/programs/policy-document/index.ts");
        expect(finding.locations[0].physicalLocation.region.startLine).to.equal(18);
    });

    it("a remote component is listed as not judged; --strict makes that block the stack", async () => {
        const result = await cli("remote-component", "--json", "--strict");
        expect(result.code, result.stderr).to.equal(1);
        const report = JSON.parse(result.stdout);
        expect(report.mandatoryViolations).to.equal(0);
        expect(report.passes).to.equal(false);
        expect(report.remoteComponents.map((r: { type: string; name: string }) => `${r.type} ${r.name}`)).to.deep.equal(["eks:index:Cluster cluster"]);
        // What a person can act on: the principals its type creates with these inputs.
        expect(report.remoteComponents[0].creates).to.deep.equal([
            "IAM role for the cluster (trusted by eks.amazonaws.com)",
            "IAM role and instance profile for the nodes (trusted by ec2.amazonaws.com)",
        ]);
    });

    it("--write-fixtures: one run names every invoke the program needs and writes them, typed, to fill in; unfilled, the file is refused", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-fixtures-")), "fixtures.json");
        const result = await cli("collect-invokes", "--json", "--write-fixtures", file);
        expect(result.code).to.equal(2);
        const { error } = JSON.parse(result.stdout);
        expect(error.unansweredInvokes.map((i: { token: string; sites: string[] }) => [i.token, i.sites])).to.deep.equal([
            ["aws:ec2/getSubnets:getSubnets", ["index.ts:6:35"]],
            ["aws:ec2/getVpc:getVpc", ["index.ts:8:31"]],
        ]);
        expect(error.fixturesWritten).to.equal(file);
        const written = JSON.parse(fs.readFileSync(file, "utf8"));
        expect(Object.keys(written)).to.deep.equal(["aws:ec2/getSubnets:getSubnets", "aws:ec2/getVpc:getVpc"]);
        expect(written["aws:ec2/getSubnets:getSubnets"]).to.deep.include({ ids: ["<string>"], id: "<string>" });
        expect(written["aws:ec2/getVpc:getVpc"]).to.deep.include({ cidrBlock: "<string>", enableDnsSupport: "<boolean>" });
        const unfilled = await cli("collect-invokes", "--fixtures", file);
        expect(unfilled.code).to.equal(2);
        expect(unfilled.stderr).to.match(/^error: fixtures file .*: aws:ec2\/getSubnets:getSubnets \S+ is still a placeholder written by --write-fixtures/);
    });

    it("the program's warnings are shown under their resource, as pulumi preview shows them", async () => {
        const result = await cli("program-log");
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.include("Diagnostics:\n");
        expect(result.stdout).to.match(/\n {2}aws:sns\/topic:Topic \(alerts\):\n {4}warning: nobody is notified until the topic has a subscriber\n/);
        expect(result.stdout).to.match(/\n {2}pulumi:pulumi:Stack \(log-team-test\):\n {4}info: alerts go to the alerts topic\n/);
    });

    it("--json errors are JSON too: an unanswered invoke, with its token and call site", async () => {
        const result = await cli("unanswered-invoke", "--json");
        expect(result.code).to.equal(2);
        const report = JSON.parse(result.stdout);
        expect(report.exitCode).to.equal(2);
        expect(report.error.message).to.include("aws:ec2/getSubnets:getSubnets").and.include("--fixtures");
        expect(report.error.unansweredInvokes).to.deep.equal([{ token: "aws:ec2/getSubnets:getSubnets", sites: ["index.ts:4:25"] }]);
    });

    it("npx force-mfa-preview --json: a secret inside a list of the stack config stops the run, naming its path, in JSON alone", async () => {
        const result = run("npx", ["--no-install", "force-mfa-preview", "--program", path.join(PROGRAMS, "nested-secret"), "--stack", "test", "--json"]);
        expect(result.code).to.equal(2);
        const report = JSON.parse(result.stdout);
        expect(report.error.message).to.include("secret-team:members[1].name is a secret");
    });
});
