/**
 * `force-mfa-audit --organization DIR`, run in-process on the synthetic organization written to a temporary folder:
 * exit codes, accounts not audited said on stderr and recorded, DIR/accounts.json, the outputs, bad usage.
 */
import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAuditCli } from "../../../../tools/audit/cli";
import { ORG, organizationFiles, writeOrganization } from "../../../account/organization/organizationFixtures";

const SCHEMAS = path.join(__dirname, "../../../../account/output");

describe("organization audit CLI", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-org-cli-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
        let stdout = "";
        let stderr = "";
        const code = await runAuditCli([...args, "--now", "2026-12-01T12:00:00Z"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
        return { code, stdout, stderr };
    }

    it("judges every account folder; one not audited is said on stderr and fails the run by default; --json is the schema's", async () => {
        writeOrganization(path.join(dir, "org"));
        const text = await run(["--organization", "org"]);
        expect(text.code).to.equal(1);
        expect(text.stderr).to.equal(`force-mfa-audit: account ${ORG.notCollected} not audited (error): ${path.join("org", ORG.notCollected)}: has no authorization-details.json (aws iam get-account-authorization-details > authorization-details.json); it holds credential-report.csv\n`);
        expect(text.stdout).to.match(/^Organization audited at 2026-12-01T12:00:00.000Z: 5 accounts, 4 audited, 1 not audited\n/);
        expect(text.stdout).to.contain(`  ${ORG.escaping} critical: 1 principal(s) act without MFA\n`);
        expect(text.stdout).to.contain(`\nFAIL (--fail-on escapes,unenforced,locked-out,unverifiable,root-without-mfa,not-audited): 4 finding(s)`);
        const json = await run(["--organization", "org", "--json"]);
        expect(json.code).to.equal(1);
        const report = JSON.parse(json.stdout);
        const ajv = new Ajv({ strict: false });
        ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMAS, "auditReport.schema.json"), "utf8")), "auditReport.schema.json");
        const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS, "organizationReport.schema.json"), "utf8")));
        expect(validate(report), JSON.stringify(validate.errors)).to.equal(true);
        expect(report.accounts.map((a: { accountId: string }) => a.accountId)).to.deep.equal([ORG.escaping, ORG.rootWithoutMfa, ORG.lockedOut, ORG.notCollected, ORG.enforced]);
    });

    it("exit codes follow --fail-on: 0 when nothing it names is found, 1 for not-audited alone", async () => {
        const files = organizationFiles();
        writeOrganization(path.join(dir, "clean"), { [ORG.enforced]: files[ORG.enforced] });
        expect((await run(["--organization", "clean"])).code).to.equal(0);
        writeOrganization(path.join(dir, "org"));
        expect((await run(["--organization", "org", "--fail-on", "none"])).code).to.equal(0);
        expect((await run(["--organization", "org", "--fail-on", "unenforced,suspended"])).code).to.equal(0);
        expect((await run(["--organization", "org", "--fail-on", "not-audited"])).code).to.equal(1);
        expect((await run(["--organization", "org", "--fail-on", "locked-out"])).code).to.equal(1);
    });

    it("DIR/accounts.json names the accounts, and an active account without a folder is not audited", async () => {
        const files = organizationFiles();
        writeOrganization(path.join(dir, "org"), { [ORG.enforced]: files[ORG.enforced] });
        const accounts = {
            Accounts: [
                { Id: ORG.enforced, Name: "shared-services", Status: "ACTIVE" },
                { Id: "888888888888", Name: "data-lake", State: "ACTIVE" },
                { Id: "999999999999", Name: "closed", State: "CLOSED" },
            ],
        };
        fs.writeFileSync(path.join(dir, "org", "accounts.json"), JSON.stringify(accounts));
        const result = await run(["--organization", "org", "--json"]);
        expect(result.code).to.equal(1);
        const report = JSON.parse(result.stdout);
        expect(report.accounts.map((a: { accountId: string; accountName?: string; status: string }) => [a.accountId, a.accountName, a.status])).to.deep.equal([
            ["888888888888", "data-lake", "failed"],
            [ORG.enforced, "shared-services", "audited"],
        ]);
        expect(report.accounts[0].failure.detail).to.equal("listed in accounts.json as active, but the organization folder has no folder 888888888888: its export was not collected");
        expect(result.stderr).to.contain("account 888888888888 not audited (error)");
    });

    it("an unreadable or broken file makes its account not audited, not the run fail", async () => {
        const files = organizationFiles();
        files[ORG.escaping]["authorization-details.json"] = "{ not json";
        files[ORG.lockedOut]["credential-report.json"] = "{}";
        writeOrganization(path.join(dir, "org"), files);
        fs.mkdirSync(path.join(dir, "org", ORG.rootWithoutMfa, "virtual-mfa-devices.json")); // a folder where a file belongs
        const result = await run(["--organization", "org", "--json", "--fail-on", "escapes"]);
        expect(result.code).to.equal(0);
        const byId = new Map(JSON.parse(result.stdout).accounts.map((a: { accountId: string }) => [a.accountId, a]));
        const failure = (id: string) => (byId.get(id) as { failure?: { reason: string; detail: string } }).failure;
        expect(failure(ORG.escaping)?.detail).to.match(new RegExp(`^${path.join("org", ORG.escaping, "authorization-details.json")}: .*not valid JSON`));
        expect(failure(ORG.lockedOut)?.detail).to.equal(`${path.join("org", ORG.lockedOut)}: holds both credential-report.json and credential-report.csv: keep one`);
        expect(failure(ORG.rootWithoutMfa)?.detail).to.equal(`${path.join("org", ORG.rootWithoutMfa, "virtual-mfa-devices.json")}: cannot be read (EISDIR)`);
        expect(result.stderr.split("\n").filter((l) => l.includes("not audited"))).to.have.length(4);
    });

    it("writes --html and --asff (each member's findings, or all the importer's with --asff-account)", async () => {
        writeOrganization(path.join(dir, "org"));
        const result = await run(["--organization", "org", "--html", "org.html", "--asff", "org.asff.json", "--region", "eu-west-1", "--asff-account", "123456789012"]);
        expect(result.code).to.equal(1);
        expect(fs.readFileSync(path.join(dir, "org.html"), "utf8")).to.contain(`<details class="account" id="account-${ORG.escaping}">`);
        const findings = JSON.parse(fs.readFileSync(path.join(dir, "org.asff.json"), "utf8"));
        expect(findings.map((f: { AwsAccountId: string }) => f.AwsAccountId)).to.deep.equal(["123456789012", "123456789012", "123456789012", "123456789012"]);
        expect(findings.map((f: { ProductFields: Record<string, string> }) => f.ProductFields["force-mfa/account"])).to.deep.equal([ORG.escaping, ORG.rootWithoutMfa, ORG.lockedOut, ORG.lockedOut]);
    });

    it("bad usage exits 2 with one line: no DIR, a folder not named by an account id, no account, single-account flags", async () => {
        const bad = async (args: string[], message: string | RegExp) => {
            const result = await run(args);
            expect(result.code, result.stderr).to.equal(2);
            expect(result.stdout).to.equal("");
            expect(result.stderr.split("\n")[0]).to.match(typeof message === "string" ? new RegExp(`^force-mfa-audit: ${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : message);
        };
        await bad(["--organization", "nowhere"], "--organization: nowhere: no such directory");
        writeOrganization(path.join(dir, "org"));
        fs.mkdirSync(path.join(dir, "org", "prod-account"));
        await bad(["--organization", "org"], `--organization: ${path.join("org", "prod-account")}: not named by a 12-digit account id; name each account's folder by its id, and move anything else out of org`);
        fs.mkdirSync(path.join(dir, "empty"));
        await bad(["--organization", "empty"], "--organization: empty has no account folder (one per account, named by its 12-digit id)");
        await bad(["--organization", "empty", "--authorization-details", "a.json"], /^force-mfa-audit: --organization DIR takes each account's files from DIR\/<account id>\/ .*not --authorization-details$/);
        await bad(["--organization", "empty", "--csv", "a.csv"], /not --csv \(the organization report is JSON, HTML and ASFF\)$/);
        await bad(["--organization", "empty", "--asff", "a.json", "--region", "eu-west-1", "--asff-account", "12"], '--asff-account: "12" is not a 12-digit account id');
        await bad(["--authorization-details", "a.json", "--asff-account", "123456789012"], "--asff-account is for --organization: a single account's findings are that account's");
        await bad(["--organization", "org", "--fail-on", "everything"], /"everything" is not a condition; .*not-audited$/);
    });
});
