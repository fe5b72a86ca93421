/**
 * Integration: the example stack with the enrollment window on, run under mocks and judged by force-mfa-guard over
 * the analyzer protocol the Pulumi CLI speaks. The suspension group denies everything, enrollment included, on
 * purpose: the pack must not take it for a lock-out of enrolled users, nor the job's role for an escape.
 */
import { expect } from "chai";
import { CapturedResource } from "../../../tools/preview/captureProgram";
import { exampleThroughPack } from "../../policy-pack/exampleThroughPack";
import { sharedPack } from "../../tools/preview/previewInProcess";
import { Diagnostic, PolicyPackSession, reportedText } from "../../../tools/preview/policyPackClient";


// One pack process for both modes' suites: each configures it, and every call is independent of the others.
const shared = sharedPack();
after(() => shared.close());

for (const mode of ["preview", "known"] as const) {
    describe(`enrollment window on: the program through force-mfa-guard (${mode})`, function () {
        this.timeout(240_000);
        let pack: PolicyPackSession;
        let resources: CapturedResource[];

        before(async () => {
            ({ resources, pack } = await exampleThroughPack(mode, { "force-mfa:compliance": { enabled: true, mode: "enforce" } }, shared));
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
