import { PublishCommand } from "@aws-sdk/client-sns";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { buildJobBundle, JOB_CATALOG_FILE, JOB_TEMPLATES_FILE, jobCatalogPath } from "../../../program/enrollmentWindow/jobBundle";
import { SETTINGS_VARIABLE } from "../../../program/enrollmentWindow/job/jobSettings";
import { FakeAccount } from "./job/fakeAccount";

// Inside the repository, so that the bundle's require("@aws-sdk/...") finds the same SDK modules the mocks patch,
// as it finds the runtime's on Lambda.
const OUT = path.resolve(__dirname, "../../../node_modules/.cache/force-mfa-job-bundle-test");

describe("enrollment window — the Lambda bundle", () => {
    let account: FakeAccount | undefined;
    const saved = process.env[SETTINGS_VARIABLE];
    afterEach(() => {
        account?.restore();
        process.env[SETTINGS_VARIABLE] = saved;
        if (saved === undefined) {
            delete process.env[SETTINGS_VARIABLE];
        }
    });

    it("is one self-contained CommonJS file except the AWS SDK, the same bytes on every build", () => {
        const code = buildJobBundle();
        const requires = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
        const builtIn = new Set(require("module").builtinModules as string[]);
        expect(requires.filter((r) => !r.startsWith("@aws-sdk/") && !builtIn.has(r.replace(/^node:/, "")))).to.deep.equal([]);
        expect(requires).to.include.members(["@aws-sdk/client-iam", "@aws-sdk/client-sns", "@aws-sdk/client-s3"]);
        expect(code).to.not.include(path.resolve(__dirname, "../../..")); // no machine paths
        expect(buildJobBundle()).to.equal(code);
    });

    it("built and loaded, its handler runs the window with the runtime's SDK clients", async () => {
        fs.mkdirSync(OUT, { recursive: true });
        const file = path.join(OUT, "index.js");
        fs.writeFileSync(file, buildJobBundle());
        fs.copyFileSync(jobCatalogPath(), path.join(OUT, JOB_CATALOG_FILE)); // as the function's archive ships it
        fs.copyFileSync(jobCatalogPath(JOB_TEMPLATES_FILE), path.join(OUT, JOB_TEMPLATES_FILE));
        delete require.cache[file];
        const bundle = require(file);
        expect(bundle.handler).to.be.a("function");

        account = new FakeAccount(
            [
                { name: "alice", createdDaysAgo: 3, mfa: true },
                { name: "dan", createdDaysAgo: 20, mfa: false, accessKeys: [true] },
            ],
            new Date(),
        );
        process.env[SETTINGS_VARIABLE] = JSON.stringify({
            mode: "enforce",
            thresholds: { remindAfterDays: 0, flagAfterDays: 7, suspendAfterDays: 14 },
            exemptions: [],
            suspendedGroupName: "mfa-suspended",
            topicArn: "arn:aws:sns:eu-central-1:123456789012:force-mfa-alerts",
            auditBucketName: "audit-bucket",
        });
        const log = console.log;
        const lines: string[] = [];
        console.log = (line: string) => lines.push(line);
        let result;
        try {
            result = await bundle.handler({ "detail-type": "Scheduled Event", source: "aws.events" });
        } finally {
            console.log = log;
        }
        expect(result).to.deep.include({ mode: "enforce", announced: true, actions: 1, changes: 3 });
        expect(account.groups.get("dan")).to.include("mfa-suspended");
        expect(account.keys.get("dan")![0].Status).to.equal("Inactive");
        expect(account.sns.commandCalls(PublishCommand)).to.have.length(1);
        expect(lines.map((l) => JSON.parse(l)).find((l) => l.user === "dan")).to.deep.include({ action: "suspend", daysWithoutMfa: 20 });
        // The account audit report of the run, by the audit's own builder, next to the day record.
        const day = new Date().toISOString().slice(0, 10);
        const audit = JSON.parse(account.objects.get(`audit-bucket/force-mfa/audit/${day}/account-audit.json`)!);
        expect(audit.principals.map((p: any) => `${p.type} ${p.name}`)).to.include.members(["user alice", "user dan"]);
        expect(account.objects.get(`audit-bucket/force-mfa/audit/${day}/account-audit.html`)).to.match(/^<!DOCTYPE html>/i);
        expect(account.objects.has(`audit-bucket/force-mfa/enrollment-window/${day}.json`)).to.equal(true);
    });
});
