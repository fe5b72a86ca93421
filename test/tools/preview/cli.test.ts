/**
 * `npm start` end to end: the offline preview's exit codes and output, on this repository's program and on fixture
 * stacks. `npm start` on the example stack, and from another directory (INIT_CWD), runs as a user would, in a process
 * of its own; the other runs run the same command in this process (previewInProcess.ts), their programs in processes
 * of their own as under the CLI, judged by one pack process started for them.
 */
import { spawnSync } from "child_process";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { previewInProcess, sharedPack } from "./previewInProcess";

const ROOT = path.resolve(__dirname, "../../..");
const FIXTURE_PROJECT = path.join(__dirname, "../../fixtures/preview/project");

function cliIn(env: NodeJS.ProcessEnv, ...args: string[]) {
    const run = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", path.join(ROOT, "tools/preview/cli.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 240_000,
        // The example's --json report is over spawnSync's default 1 MiB (its Lambda bundles): past it, the CLI is killed
        // mid-write and the exit code is whichever of it and the kill came first.
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, ...env },
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const cli = (...args: string[]) => cliIn({ INIT_CWD: ROOT }, ...args);


function tempFile(name: string, content: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-cli-")), name);
    fs.writeFileSync(file, content);
    return file;
}

describe("npm start (offline preview CLI)", function () {
    this.timeout(300_000);
    const pack = sharedPack();
    after(() => pack.close());
    const inProcess = (args: readonly string[], cwd = ROOT) => previewInProcess(args, cwd, pack);

    it("passes the committed example stack: exit 0, the plan, the verdict summary", () => {
        const run = cli();
        expect(run.stderr).to.equal("");
        expect(run.code).to.equal(0);
        expect(run.stdout).to.include("Previewing force-mfa/example offline (first preview: outputs unknown)");
        // As pulumi preview lists them: the stack, its components, their resources; default providers not shown.
        expect(run.stdout).to.match(/\n \+ {3}pulumi:pulumi:Stack +force-mfa-example +\n/);
        expect(run.stdout).to.match(/\n \+ {5}force-mfa:enforcement:MfaEnforcement +force-mfa +\n/);
        expect(run.stdout).to.match(/\+ {7}aws:iam\/groupPolicyAttachment:GroupPolicyAttachment +force-mfa-attachment +group=mfa-enforced {2}policyArn=\(known after apply\)/);
        expect(run.stdout).not.to.include("pulumi:providers:aws");
        expect(run.stdout).to.match(/aws:s3\/bucket:Bucket +terraform-state-bucket \[protect\]/);
        expect(run.stdout).to.include("Policy violations: 0 mandatory, 0 advisory. This stack passes.");
    });

    it("blocks a violating stack: exit 1, the violation under its resource; --json and --known", async () => {
        const run = await inProcess(["--program", FIXTURE_PROJECT, "--stack", "violating", "--json", "--known"]);
        expect(run.code).to.equal(1);
        const result = JSON.parse(run.stdout);
        expect(result.mode).to.equal("known");
        expect(result.mandatoryViolations).to.equal(1);
        expect(result.passes).to.equal(false);
        const [violation] = result.diagnostics.filter((d: { enforcementLevel: string }) => d.enforcementLevel === "mandatory");
        expect(violation.policyName).to.equal("iam-user-requires-mfa");
        expect(violation.urn).to.match(/aws:iam\/user:User::force-mfa-user-alice$/);
        expect(violation.message).to.match(/^user alice: groups \[\]; no policy denies ec2:RunInstances/);
    });

    for (const mode of ["--preview", "--known"]) {
        it(`passes the full program with every switch on (trail, recorder, admin role, delete guard, KMS) ${mode}`, async () => {
            const run = await inProcess(["--program", FIXTURE_PROJECT, "--stack", "everything", "--json", mode]);
            // On failure, say what blocked: the mandatory diagnostics, or the error.
            const blocked = () => {
                try {
                    return JSON.stringify(JSON.parse(run.stdout).diagnostics.filter((d: { enforcementLevel: string }) => d.enforcementLevel === "mandatory"));
                } catch {
                    return `${run.stderr}${run.stdout.slice(0, 2000)}`;
                }
            };
            expect(run.code, blocked()).to.equal(0);
            const result = JSON.parse(run.stdout);
            expect(result.mode).to.equal(mode.slice(2));
            expect(result.mandatoryViolations).to.equal(0);
            expect(result.passes).to.equal(true);
            expect(result.resources.filter((r: { defaultProvider?: boolean }) => r.defaultProvider).map((r: { type: string }) => r.type)).to.deep.equal(["pulumi:providers:aws"]);
            const types = new Set(result.resources.map((r: { type: string }) => r.type));
            for (const type of ["aws:cloudtrail/trail:Trail", "aws:cfg/recorder:Recorder", "aws:iam/role:Role", "aws:cloudwatch/metricAlarm:MetricAlarm"]) {
                expect(types.has(type), type).to.equal(true);
            }
        });
    }

    it("gates another team's program anywhere on disk (no tsconfig, no node_modules of its own), its invokes answered from --fixtures", async () => {
        const other = fs.mkdtempSync(path.join(os.tmpdir(), "other-team-"));
        fs.cpSync(path.join(__dirname, "../../fixtures/preview/other-project"), other, { recursive: true });
        const run = await inProcess(["--program", other, "--stack", "dev", "--fixtures", path.join(other, "fixtures.json"), "--json"]);
        expect(run.code, run.stderr).to.equal(1);
        const result = JSON.parse(run.stdout);
        expect(result.project).to.equal("other-team");
        const [violation] = result.diagnostics.filter((d: { enforcementLevel: string }) => d.enforcementLevel === "mandatory");
        expect(violation.message).to.match(/^user eve: groups \[\]; no policy denies ec2:RunInstances/);
    });

    for (const [what, args, reason] of [
        ["an unknown flag", ["--bogus"], /^error: Unknown option '--bogus' \(see --help\)\n$/],
        // No stack file is no config, as for the CLI: a program that needs some fails, and the error says which it read.
        [
            "a program that needs config and has no stack file",
            ["--program", path.join(__dirname, "../../fixtures/preview/programs/invoke-error"), "--stack", "nope"],
            /^error: the program failed at index\.ts:8:23: .*returned an error: .* \(there is no Pulumi\.nope\.yaml: the program ran without config; it read invoke-error-team:deployerArn\)\n$/,
        ],
        ["a stack whose config the program rejects", ["--program", FIXTURE_PROJECT, "--stack", "badconfig"], /^error: the program failed at \S*program\/index\.ts:\d+:\d+: invalid stack config: maxMfaAgeSeconds: must be an integer from 900 to 129600, got 60\n$/],
        ["a secret the preview cannot decrypt", ["--program", FIXTURE_PROJECT, "--stack", "secret"], /^error: .*force-mfa:stateKmsKeyArn is a secret; secrets cannot be decrypted offline/],
        ["a users file that is not a list of users", ["--users-file", "package.json"], /^error: users file .*package\.json must be a JSON array/],
        ["a user whose path is not an IAM path", ["--users-file", tempFile("users.json", '[{"name": "carol", "path": 5}]')], /^error: users file .*\[0\]\.path must be an IAM path such as "\/" or "\/eng\/", got 5\n$/],
        ["an invoke fixture that is not an object", ["--fixtures", tempFile("fixtures.json", '{"aws:iam/getUsers:getUsers": 5}')], /^error: fixtures file .*: the result for aws:iam\/getUsers:getUsers must be an object, got 5\n$/],
        [
            "a policy config the pack's schema refuses (an exemption without a reason, an unknown key)",
            ["--policy-config", tempFile("policy.json", '{"iam-user-requires-mfa": {"exemptUsers": [{"name": "bob"}], "exemptUser": []}}')],
            /^error: policy config: policy iam-user-requires-mfa: config: must NOT have additional properties "exemptUser"; exemptUsers\/0: must have required property 'reason'\n$/,
        ],
        ["a policy config that is not an object", ["--policy-config", tempFile("policy.json", "[]")], /^error: policy config: must be an object of policy names, got \[\]\n$/],
    ] as const) {
        it(`exits 2 with a one-line reason for ${what}`, async () => {
            const run = await inProcess([...args]);
            expect(run.code).to.equal(2);
            expect(run.stdout).to.equal("");
            expect(run.stderr).to.match(reason);
        });
    }

    it("reads relative paths from where npm start was typed (INIT_CWD), not from the package root", async () => {
        const run = cliIn({ INIT_CWD: path.join(ROOT, "program") }, "--users-file", "../fixtures/existing-users.json", "--json");
        expect(run.code, run.stderr).to.equal(0);
        const missing = await inProcess(["--users-file", "fixtures/existing-users.json"], path.join(ROOT, "program"));
        expect(missing.code).to.equal(2);
        expect(missing.stderr).to.include(path.join(ROOT, "program", "fixtures", "existing-users.json"));
    });
});
