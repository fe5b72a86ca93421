/**
 * The watch's Lambda entry: from its sources (settings from the environment, the runtime's clients, Lambda's partial
 * batch response), and as the bundle the program ships, loaded and run against the mocked SDK.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { bundleLambda, CATALOG_FILE, TEMPLATES_FILE, catalogPath } from "../../../../program/aws/lambdaBundle";
import { handler } from "../../../../program/watch/handler/handler";
import { WATCH_SETTINGS_VARIABLE } from "../../../../program/watch/handler/watchSettings";
import { WATCH_ENTRY } from "../../../../program/watch/iamChangeWatch";
import { iamCall } from "../../../../tools/bench/cloudTrailSamples";
import { ADMIN_ARN, FakeAws, TABLE, TOPIC } from "../../../../tools/bench/watchFakeAws";

// Inside the repository, so the bundle's require("@aws-sdk/...") finds the SDK modules the mocks patch.
const OUT = path.resolve(__dirname, "../../../../node_modules/.cache/force-mfa-watch-bundle-test");
const SETTINGS = JSON.stringify({ topicArn: TOPIC, tableName: TABLE, enforcedGroupName: "mfa-enforced", mode: "report", exemptions: [] });

describe("watch — the Lambda entry", () => {
    let aws: FakeAws;
    const saved = process.env[WATCH_SETTINGS_VARIABLE];
    const log = console.log;
    let lines: string[];
    beforeEach(() => {
        aws = new FakeAws();
        aws.addUser("alice", { groups: [], attached: [ADMIN_ARN] });
        lines = [];
        console.log = (line: string) => lines.push(line);
    });
    afterEach(() => {
        console.log = log;
        aws.restore();
        if (saved === undefined) {
            delete process.env[WATCH_SETTINGS_VARIABLE];
        } else {
            process.env[WATCH_SETTINGS_VARIABLE] = saved;
        }
    });

    it("judges the batch, alerts, logs one JSON line per decision and returns Lambda's partial batch response", async () => {
        process.env[WATCH_SETTINGS_VARIABLE] = SETTINGS;
        const result = await handler({ Records: [iamCall("AttachUserPolicy", { userName: "alice", policyArn: ADMIN_ARN }), { messageId: "junk", body: "{}" }] });
        expect(result).to.deep.equal({ batchItemFailures: [{ itemIdentifier: "junk" }] });
        expect(aws.published()).to.have.length(1);
        expect(lines.map((line) => JSON.parse(line).source)).to.satisfy((sources: string[]) => sources.every((s) => s === "force-mfa-watch"));
    });

    it("settings missing: it fails naming the variable, before any call (the whole batch goes back to the queue)", async () => {
        delete process.env[WATCH_SETTINGS_VARIABLE];
        let error: unknown;
        await handler({ Records: [iamCall("CreateUser")] }).catch((err) => (error = err));
        expect((error as Error).message).to.equal(`${WATCH_SETTINGS_VARIABLE}: is not set`);
        expect(aws.iamCalls()).to.equal(0);
    });

    it("bundled: one CommonJS file but the AWS SDK, which loaded with the evaluator's catalog beside it runs the same", async () => {
        const code = bundleLambda(WATCH_ENTRY);
        const requires = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
        const builtIn = new Set(require("module").builtinModules as string[]);
        expect(requires.filter((r) => !r.startsWith("@aws-sdk/") && !builtIn.has(r.replace(/^node:/, "")))).to.deep.equal([]);
        expect(requires).to.include.members(["@aws-sdk/client-iam", "@aws-sdk/client-sns", "@aws-sdk/client-dynamodb"]);
        fs.mkdirSync(OUT, { recursive: true });
        const file = path.join(OUT, "index.js");
        fs.writeFileSync(file, code);
        // What lambdaArchive ships beside the bundle: the catalog, and the templates the audit's witness search reads.
        for (const name of [CATALOG_FILE, TEMPLATES_FILE]) {
            fs.copyFileSync(catalogPath(name), path.join(OUT, name));
        }
        delete require.cache[file];
        const bundle = require(file);
        process.env[WATCH_SETTINGS_VARIABLE] = SETTINGS;
        const result = await bundle.handler({ Records: [iamCall("AttachUserPolicy", { userName: "alice", policyArn: ADMIN_ARN })] });
        expect(result).to.deep.equal({ batchItemFailures: [] });
        expect(aws.published().map((p) => p.Subject)).to.deep.equal(["force-mfa watch: user alice can act without MFA"]);
    });
});
