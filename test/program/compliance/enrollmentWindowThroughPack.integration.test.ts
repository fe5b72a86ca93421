/**
 * Integration: the example stack with the enrollment window on, run under mocks and judged by force-mfa-guard over
 * the analyzer protocol the Pulumi CLI speaks. The suspension group denies everything, enrollment included, on
 * purpose: the pack must not take it for a lock-out of enrolled users, nor the job's role for an escape.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { captureProgram, CapturedResource } from "../../../tools/preview/captureProgram";
import { Diagnostic, PolicyPackSession, reportedText, startPolicyPack } from "../../../tools/preview/policyPackClient";

const ROOT = path.resolve(__dirname, "../../..");

function exampleStackConfig(): Record<string, string> {
    const { config } = parseYaml(fs.readFileSync(path.join(ROOT, "Pulumi.example.yaml"), "utf8")) as { config: Record<string, unknown> };
    const withWindow = { ...config, "force-mfa:compliance": { enabled: true, mode: "enforce" } };
    return Object.fromEntries(Object.entries(withWindow).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

for (const mode of ["preview", "known"] as const) {
    describe(`enrollment window on: the program through force-mfa-guard (${mode})`, function () {
        this.timeout(240_000);
        let pack: PolicyPackSession;
        let resources: CapturedResource[];

        before(async () => {
            const [captured, session] = await Promise.all([
                captureProgram({
                    programDir: path.join(ROOT, "program"),
                    stackConfig: exampleStackConfig(),
                    projectName: "force-mfa",
                    stackName: "example",
                    existingUsers: JSON.parse(fs.readFileSync(path.join(ROOT, "fixtures/existing-users.json"), "utf8")),
                    mode,
                }),
                startPolicyPack(path.join(ROOT, "policy-pack")),
            ]);
            resources = captured.resources;
            pack = session;
            await pack.configure(JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack/config.example.json"), "utf8")));
        });

        after(async () => {
            await pack?.close();
        });

        it("registers the job and the suspension group", () => {
            const types = resources.map((r) => r.type);
            expect(types).to.include.members(["aws:lambda/function:Function", "aws:iam/groupPolicy:GroupPolicy", "aws:cloudwatch/eventRule:EventRule"]);
            expect(resources.find((r) => r.type === "aws:iam/group:Group" && (r.properties as { name?: string }).name === "mfa-suspended")).to.not.equal(undefined);
        });

        it("passes with zero mandatory violations", async () => {
            const diagnostics: Diagnostic[] = [...(await Promise.all(resources.map((r) => pack.analyze(r, resources)))).flat(), ...(await pack.analyzeStack(resources))];
            const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => `${d.policyName}: ${reportedText(d)}`);
            expect(mandatory).to.deep.equal([]);
        });
    });
}
