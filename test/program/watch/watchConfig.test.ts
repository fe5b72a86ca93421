/** The `watch` key: off by default, each sub-key validated, and the alert topic (detection) required while it is on. */
import { expect } from "chai";
import { checkStackConfig } from "../../../program/stackConfig";

const problemsOf = (raw: Record<string, unknown>) => checkStackConfig({ detection: { cloudTrailLogGroupName: "org-trail" }, ...raw }).problems;

describe("watch — its config", () => {
    it("off by default, with its defaults", () => {
        const { config } = checkStackConfig({ detection: { cloudTrailLogGroupName: "org-trail" } });
        expect(config!.watch).to.deep.equal({ enabled: false, mode: "report", name: "force-mfa-watch", batchWindowSeconds: 20, logRetentionDays: 365 });
    });

    it("each sub-key refused with its rule, all at once", () => {
        const problems = problemsOf({ watch: { enabled: "yes", name: "a".repeat(55), batchWindowSeconds: 301, logRetentionDays: 2, mode: "fix", when: "now" } });
        expect(problems.some((p) => p.startsWith("watch.enabled: must be true or false"))).to.equal(true);
        expect(problems.some((p) => p.startsWith("watch.name: must be 1-54 of letters, digits, - and _"))).to.equal(true);
        expect(problems.some((p) => p.startsWith("watch.batchWindowSeconds: must be an integer from 0 to 300"))).to.equal(true);
        expect(problems.some((p) => p.startsWith("watch.logRetentionDays: must be one of CloudWatch Logs' retention values"))).to.equal(true);
        expect(problems.some((p) => p.startsWith('watch.mode: must be "report" (alert, change nothing) or "enforce"'))).to.equal(true);
        expect(problems.some((p) => p.startsWith("watch.when: unknown key"))).to.equal(true);
    });

    it("on, needs detection on: the alert topic is detection's", () => {
        expect(problemsOf({ detection: { enabled: false }, watch: { enabled: true } })).to.deep.equal([
            "watch.enabled: needs detection.enabled: the watch alerts on the topic that detection creates; turn detection on, or the watch off",
        ]);
        expect(problemsOf({ detection: { enabled: false }, watch: { enabled: false } })).to.deep.equal([]);
    });
});
