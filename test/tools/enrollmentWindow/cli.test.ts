import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runEnrollmentWindowCli } from "../../../tools/enrollmentWindow/cli";
import { authorizationDetails, credentialReportCsv, FixtureUser } from "../../program/enrollmentWindow/accountFixture";

const NOW = new Date("2026-12-01T06:00:00Z");
const USERS: FixtureUser[] = [
    { name: "alice", createdDaysAgo: 30, mfa: true },
    { name: "ben", createdDaysAgo: 0, mfa: false },
    { name: "cleo", createdDaysAgo: 7, mfa: false },
    { name: "dan", createdDaysAgo: 14, mfa: false },
    { name: "breakglass", createdDaysAgo: 100, mfa: false },
    { name: "newbie", createdDaysAgo: 0, mfa: false, inReport: false },
    { name: "eve", createdDaysAgo: 20, mfa: true, groups: ["mfa-enforced", "mfa-suspended"] },
];

describe("the enrollment window's CLI (npm run lifecycle): the job's decisions, offline", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-lifecycle-"));
        fs.writeFileSync(path.join(dir, "details.json"), JSON.stringify(authorizationDetails(USERS, NOW)));
        fs.writeFileSync(path.join(dir, "report.csv"), credentialReportCsv(USERS, NOW));
        fs.writeFileSync(path.join(dir, "exemptions.json"), JSON.stringify([{ name: "BreakGlass", reason: "hardware MFA in the safe" }]));
        const lines = credentialReportCsv(USERS, NOW).split("\n");
        const dan = lines.findIndex((l) => l.startsWith("dan,"));
        lines[dan] = lines[dan].split(",").map((field, i) => (i === 7 ? "maybe" : field)).join(",");
        fs.writeFileSync(path.join(dir, "broken.csv"), lines.join("\n"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function run(...args: string[]) {
        const out: string[] = [];
        const err: string[] = [];
        const code = runEnrollmentWindowCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir });
        return { code, stdout: out.join(""), stderr: err.join("") };
    }
    const BASE = ["--authorization-details", "details.json", "--credential-report", "report.csv", "--now", NOW.toISOString()];

    it("--json: one entry per user with action, days without MFA and reason — the job's table, exemptions case-insensitive", () => {
        const { code, stdout } = run(...BASE, "--exemptions", "exemptions.json", "--json");
        expect(code).to.equal(0);
        const { actions } = JSON.parse(stdout);
        expect(actions.map((a: any) => [a.user, a.action, a.daysWithoutMfa])).to.deep.equal([
            ["alice", "none", 0],
            ["ben", "remind", 0],
            ["breakglass", "none", 100],
            ["cleo", "flag", 7],
            ["dan", "suspend", 14],
            ["eve", "none", 0],
            ["newbie", "none", 0],
        ]);
        expect(Object.keys(actions[0]).sort()).to.deep.equal(["action", "daysWithoutMfa", "reason", "suspended", "user"]);
        expect(actions.find((a: any) => a.user === "eve").suspended).to.equal(true);
        expect(actions.find((a: any) => a.user === "breakglass").reason).to.equal("exempt: hardware MFA in the safe");
        expect(actions.find((a: any) => a.user === "eve").reason).to.match(/still in mfa-suspended/);
        expect(actions.find((a: any) => a.user === "newbie").reason).to.match(/not in the credential report/);
    });

    it("without exemptions the break-glass user is suspended; thresholds can be moved", () => {
        const plain = JSON.parse(run(...BASE, "--json").stdout).actions;
        expect(plain.find((a: any) => a.user === "breakglass").action).to.equal("suspend");
        const off = JSON.parse(run(...BASE, "--json", "--suspend-after-days", "0").stdout).actions;
        expect(off.find((a: any) => a.user === "dan").action).to.equal("flag");
        const later = JSON.parse(run(...BASE, "--json", "--flag-after-days", "8").stdout).actions;
        expect(later.find((a: any) => a.user === "cleo").action).to.equal("remind");
    });

    it("the terminal view lists each user and the counts", () => {
        const { code, stdout } = run(...BASE, "--exemptions", "exemptions.json");
        expect(code).to.equal(0);
        expect(stdout).to.match(/^suspend +dan +14 days/m);
        expect(stdout).to.include("7 users: 1 suspend, 1 flag, 1 remind, 4 none");
    });

    it("exit 2 with the file, the place and the rule on bad input; with the reason on bad usage", () => {
        const broken = run("--authorization-details", "details.json", "--credential-report", "broken.csv", "--now", NOW.toISOString());
        expect(broken.code).to.equal(2);
        expect(broken.stderr).to.equal('force-mfa-lifecycle: broken.csv: line 6, column mfa_active: must be TRUE or FALSE, found "maybe"\n');
        const missing = run("--authorization-details", "nope.json", "--credential-report", "report.csv", "--now", NOW.toISOString());
        expect(missing).to.deep.include({ code: 2, stderr: "force-mfa-lifecycle: nope.json: no such file\n" });
        expect(run("--authorization-details", "details.json", "--credential-report", "report.csv").stderr).to.match(/--now is required/);
        expect(run(...BASE.slice(0, 4), "--now", "yesterday").stderr).to.match(/--now: "yesterday" is not an ISO 8601 date-time/);
        expect(run(...BASE, "--flag-after-days", "-1").code).to.equal(2);
        expect(run(...BASE, "--suspend-after-days", "3").stderr).to.match(/--suspend-after-days: must be 0 \(off\) or not before --flag-after-days \(7\), got 3/);
        expect(run(...BASE, "--bogus").code).to.equal(2);
    });
});
