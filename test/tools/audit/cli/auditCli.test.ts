import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAuditCli } from "../../../../tools/audit/cli";
import { fixturePath } from "../../../account/accountFixtures";

const ROOT = path.join(__dirname, "../../../..");
const INPUTS = [
    "--authorization-details", fixturePath("authorization-details.json"),
    "--credential-report", fixturePath("credential-report.csv"),
    "--virtual-mfa-devices", fixturePath("virtual-mfa-devices.json"),
    "--now", "2026-12-01T12:00:00Z",
];

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await runAuditCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
    return { code, stdout, stderr };
}

function spawnBin(args: string[]) {
    return spawnSync(process.execPath, [path.join(ROOT, "tools/audit/bin/force-mfa-audit.js"), ...args], { cwd: os.tmpdir(), encoding: "utf8", timeout: 110_000 });
}

describe("account audit CLI", () => {
    it("force-mfa-audit --json: the documented report on stdout, exit 1 when something escapes", () => {
        const result = spawnBin([...INPUTS, "--exemptions", fixturePath("exemptions.json"), "--json"]);
        expect(result.stderr).to.equal("");
        expect(result.status).to.equal(1);
        const report = JSON.parse(result.stdout);
        expect(report).to.include({ schemaVersion: 2, account: "123456789012", generatedAt: "2026-12-01T12:00:00.000Z" });
        const status = (type: string, name: string) => report.principals.find((p: { type: string; name: string }) => p.type === type && p.name === name)?.status;
        expect(status("user", "bob")).to.equal("escapes");
        expect(status("user", "breakglass")).to.equal("exempt");
        expect(status("role", "admin-no-mfa")).to.equal("escapes");
        expect(report.root).to.include({ mfaActive: false, mfaType: "none", accessKeysPresent: true });
    });

    it("--fail-on none exits 0 on the same account; bad input exits 2 with the file, the place and the rule", () => {
        expect(spawnBin([...INPUTS, "--fail-on", "none"]).status).to.equal(0);
        const bad = path.join(os.tmpdir(), `force-mfa-audit-bad-${process.pid}.json`);
        const details = JSON.parse(fs.readFileSync(fixturePath("authorization-details.json"), "utf8"));
        details.Policies[2].PolicyVersionList[0].Document = "%7B%22Statement";
        fs.writeFileSync(bad, JSON.stringify(details));
        try {
            const result = spawnBin(["--authorization-details", bad]);
            expect(result.status).to.equal(2);
            expect(result.stderr).to.match(/^force-mfa-audit: \S+: Policies\[2\]\.PolicyVersionList\[0\]\.Document: is not valid JSON once decoded \(.+\)\n$/);
            expect(result.stderr).to.contain(bad);
            expect(result.stdout).to.equal("");
        } finally {
            fs.rmSync(bad, { force: true });
        }
    });

    it("prints the counts, then each principal that escapes or is locked out with its fix", async () => {
        const { code, stdout } = await run([...INPUTS, "--exemptions", fixturePath("exemptions.json")]);
        expect(code).to.equal(1);
        const lines = stdout.split("\n");
        expect(lines).to.include("20 principals: 6 escapes, 2 locked out, 2 unverifiable, 2 not applicable, 2 exempt, 6 enforced");
        const escapes = lines.indexOf("Escapes (6):");
        const locked = lines.indexOf("Locked out (2):");
        expect(escapes).to.be.greaterThan(0);
        expect(locked).to.be.greaterThan(escapes);
        const bob = lines.findIndex((l) => l.startsWith("  user bob: its own policies allow ec2:RunInstances"));
        expect(bob).to.be.within(escapes, locked);
        expect(lines.slice(bob, bob + 5).some((l) => l.startsWith('    fix: add bob to the group "mfa-enforced"'))).to.equal(true);
        expect(lines.some((l) => l.startsWith("  user frank: user frank is subject to the MFA deny but cannot enroll"))).to.equal(true);
        expect(stdout).to.contain("root: NO MFA, access keys PRESENT");
        expect(lines).to.include("  user breakglass: Emergency administrator; hardware MFA kept in the office safe, use is paged to security");
    });

    it("--fail-on chooses what fails", async () => {
        expect((await run([...INPUTS, "--fail-on", "root-virtual-mfa"])).code).to.equal(0);
        expect((await run([...INPUTS, "--fail-on", "root-access-keys"])).code).to.equal(1);
        expect((await run([...INPUTS, "--fail-on", "root-without-mfa"])).code).to.equal(1);
        const noLockOut = await run([...INPUTS, "--fail-on", "locked-out"]);
        expect(noLockOut.code).to.equal(1);
        expect(noLockOut.stdout).to.contain("FAIL (--fail-on locked-out): locked-out: 2 principal(s)");
        const bad = await run([...INPUTS, "--fail-on", "escape"]);
        expect(bad.code).to.equal(2);
        expect(bad.stderr).to.contain('--fail-on: "escape" is not a condition');
    });

    it("reads exemptions from a stack's Pulumi.<stack>.yaml", async () => {
        const { code, stdout } = await run([...INPUTS, "--stack", "audited", "--stack-dir", "test/fixtures/audit", "--json"]);
        expect(code).to.equal(1);
        const report = JSON.parse(stdout);
        const find = (type: string, name: string) => report.principals.find((p: { type: string; name: string }) => p.type === type && p.name === name);
        expect(find("user", "breakglass")).to.include({ status: "exempt" });
        // The stack exempts no role: vendor-readonly is judged, and a third-party account without MFA gets in.
        expect(find("role", "vendor-readonly").status).to.equal("escapes");
    });

    it("--csv and --asff write their files beside the summary; --asff needs a Region", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-out-"));
        try {
            const csv = path.join(dir, "audit.csv");
            const asff = path.join(dir, "findings.json");
            const { code } = await run([...INPUTS, "--csv", csv, "--asff", asff, "--region", "eu-central-1"]);
            expect(code).to.equal(1);
            expect(fs.readFileSync(csv, "utf8").split("\r\n")[0]).to.match(/^type,name,arn,path,status,/);
            const findings = JSON.parse(fs.readFileSync(asff, "utf8"));
            expect(findings.length).to.be.greaterThan(0);
            expect(findings[0].ProductArn).to.match(/^arn:aws:securityhub:eu-central-1:123456789012:product\/123456789012\/default$/);
            const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
            delete process.env.AWS_REGION;
            delete process.env.AWS_DEFAULT_REGION;
            try {
                expect((await run([...INPUTS, "--asff", asff])).stderr).to.contain("--asff needs the Region");
            } finally {
                Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)));
            }
            expect((await run([...INPUTS, "--asff", asff, "--region", "Frankfurt"])).code).to.equal(2);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses bad usage with exit 2", async () => {
        const missing = await run([]);
        expect(missing.code).to.equal(2);
        expect(missing.stderr).to.contain("--authorization-details FILE is required");
        expect((await run([...INPUTS, "--exemptions", "x.json", "--stack", "dev"])).stderr).to.contain("not both");
        expect((await run([...INPUTS, "--bogus"])).code).to.equal(2);
        expect((await run([...INPUTS, "--now", "yesterday"])).stderr).to.contain("--now");
        const noFile = await run(["--authorization-details", "nowhere.json"]);
        expect(noFile).to.include({ code: 2, stderr: "force-mfa-audit: nowhere.json: no such file\n" });
        const noStack = await run([...INPUTS, "--stack", "nosuch"]);
        expect(noStack.stderr).to.equal("force-mfa-audit: Pulumi.nosuch.yaml: no such file\n");
    });

    it("npm run audit -- --help prints the usage", () => {
        const result = spawnSync("npm", ["run", "--silent", "audit", "--", "--help"], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
        expect(result.status).to.equal(0);
        expect(result.stdout).to.contain("Usage: npm run audit -- --authorization-details FILE");
    });
});
