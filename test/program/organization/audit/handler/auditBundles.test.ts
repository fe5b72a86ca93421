/**
 * The organization audit's three functions as Lambda runs them: each bundle one CommonJS file but for the runtime's
 * AWS SDK clients; the item function's bundle, loaded beside the pack's action catalog, audits an account through
 * the mocked SDK; the settings variable checked on every invocation.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { bundleLambda, CATALOG_FILE, catalogPath, TEMPLATES_FILE } from "../../../../../program/aws/lambdaBundle";
import { AUDIT_FUNCTIONS } from "../../../../../program/organization/audit/organizationAudit";
import { AUDIT_SETTINGS_VARIABLE, parseAuditSettings } from "../../../../../program/organization/audit/handler/auditSettings";
import { runKeys } from "../../../../../program/organization/audit/handler/auditRun";
import { AUDITOR, FakeOrganization, SETTINGS } from "./fakeOrganization";

// Inside the repository, so that the bundle's require("@aws-sdk/...") finds the SDK modules the mocks patch.
const OUT = path.resolve(__dirname, "../../../../../node_modules/.cache/force-mfa-organization-audit-bundle-test");

describe("organization audit — the Lambda bundles and their settings", function () {
    this.timeout(60_000);
    const saved = process.env[AUDIT_SETTINGS_VARIABLE];
    let aws: FakeOrganization | undefined;
    afterEach(() => {
        aws?.restore();
        process.env[AUDIT_SETTINGS_VARIABLE] = saved;
        if (saved === undefined) {
            delete process.env[AUDIT_SETTINGS_VARIABLE];
        }
    });

    it("each function is one CommonJS file but for the AWS SDK clients it uses", () => {
        const builtIn = new Set(require("module").builtinModules as string[]);
        const uses = { list: ["@aws-sdk/client-organizations", "@aws-sdk/client-s3"], account: ["@aws-sdk/client-sts", "@aws-sdk/client-iam", "@aws-sdk/client-s3"], report: ["@aws-sdk/client-s3", "@aws-sdk/client-securityhub"] };
        for (const [kind, spec] of Object.entries(AUDIT_FUNCTIONS)) {
            const requires = [...bundleLambda(spec.entry).matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
            expect(requires.filter((r) => !r.startsWith("@aws-sdk/") && !builtIn.has(r.replace(/^node:/, ""))), kind).to.deep.equal([]);
            expect(requires, kind).to.include.members(uses[kind as keyof typeof uses]);
        }
    });

    it("the item function's bundle, beside the action catalog, audits an account with the runtime's SDK clients", async () => {
        fs.mkdirSync(OUT, { recursive: true });
        const file = path.join(OUT, "index.js");
        fs.writeFileSync(file, bundleLambda(AUDIT_FUNCTIONS.account.entry));
        fs.copyFileSync(catalogPath(), path.join(OUT, CATALOG_FILE));
        fs.copyFileSync(catalogPath(TEMPLATES_FILE), path.join(OUT, TEMPLATES_FILE));
        delete require.cache[file];
        const bundle = require(file);
        aws = new FakeOrganization();
        // The auditing account itself: read with the function's own clients, as the bundle makes them.
        aws.add(AUDITOR, [{ name: "alice", createdDaysAgo: 30, mfa: true }]);
        process.env[AUDIT_SETTINGS_VARIABLE] = JSON.stringify(SETTINGS);
        const log = console.log;
        console.log = () => undefined;
        try {
            const outcome = await bundle.handler({ run: "2026-12-07-on-demand-x", account: { accountId: AUDITOR } });
            expect(outcome).to.deep.equal({ accountId: AUDITOR, status: "audited", key: runKeys("2026-12-07-on-demand-x").account(AUDITOR) });
        } finally {
            console.log = log;
        }
        expect(aws.json(runKeys("2026-12-07-on-demand-x").account(AUDITOR)).report.principals.map((p: { name: string }) => p.name)).to.deep.equal(["alice"]);
    });

    it("settings: a broken variable fails the invocation naming the rule", () => {
        const parse = (value: unknown) => () => parseAuditSettings({ [AUDIT_SETTINGS_VARIABLE]: JSON.stringify(value) });
        expect(() => parseAuditSettings({})).to.throw(`${AUDIT_SETTINGS_VARIABLE}: is not set`);
        expect(parse({ ...SETTINGS, targets: ["r-ab12"] })).to.throw(/targets must be a non-empty list of "root" or OU ids, got \["r-ab12"\]/);
        expect(parse({ ...SETTINGS, auditAccountId: "1234" })).to.throw(/auditAccountId must be a 12-digit account id/);
        expect(parse({ ...SETTINGS, securityHub: "yes" })).to.throw(/securityHub must be true or false/);
        expect(parse({ ...SETTINGS, bucketName: "" })).to.throw(/bucketName must be a non-empty string/);
        expect(parse(SETTINGS)()).to.deep.equal(SETTINGS);
    });
});
