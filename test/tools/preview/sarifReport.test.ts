import { expect } from "chai";
import * as path from "path";
import { sarifReport } from "../../../tools/preview/sarifReport";
import { Diagnostic } from "../../../tools/preview/policyPackClient";
import { ADVISORY, MANDATORY, SAMPLE_BASE, SAMPLE_USER, sampleResult } from "./sampleResult";

const run = (diagnostics?: Diagnostic[], base = SAMPLE_BASE) => {
    const result = sampleResult(diagnostics ? { diagnostics } : {});
    return (sarifReport(result, { base, entryFile: result.entryFile }) as any).runs[0]; // eslint-disable-line @typescript-eslint/no-explicit-any
};

describe("preview — sarifReport: SARIF 2.1.0 for code scanning", () => {
    it("one run: the pack as the tool, a rule per policy with its default level", () => {
        const report = sarifReport(sampleResult(), { base: SAMPLE_BASE, entryFile: path.join(SAMPLE_BASE, "index.ts") }) as Record<string, unknown>;
        expect(report).to.include({ version: "2.1.0", $schema: "https://json.schemastore.org/sarif-2.1.0.json" });
        const { driver } = run().tool;
        expect(driver).to.include({ name: "force-mfa-guard", version: "0.1.0" });
        expect(driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => [r.id, r.defaultConfiguration.level])).to.deep.equal([
            ["iam-user-requires-mfa", "error"],
            ["exemptions-visible", "warning"],
        ]);
        // a policy without a description is described by its name
        expect(driver.rules[1].shortDescription).to.deep.equal({ text: "exemptions-visible" });
    });

    it("a result per diagnostic: level, the message without the description, where the resource was declared, its URN", () => {
        const [result] = run().results;
        expect(result).to.deep.include({ ruleId: "iam-user-requires-mfa", ruleIndex: 0, level: "error", message: { text: "user alice: no policy denies ec2:RunInstances.\nFix: add it to the group." } });
        expect(result.locations[0].physicalLocation).to.deep.equal({ artifactLocation: { uri: "src/people.ts" }, region: { startLine: 12, startColumn: 5 } });
        expect(result.locations[0].logicalLocations).to.deep.equal([{ fullyQualifiedName: SAMPLE_USER.urn, name: "alice", kind: "resource" }]);
    });

    it("a stack-level result points at the program's entry file and the stack as a module", () => {
        const result = run().results[1];
        expect(result.level).to.equal("warning");
        expect(result.locations[0].physicalLocation).to.deep.equal({ artifactLocation: { uri: "index.ts" }, region: { startLine: 1 } });
        expect(result.locations[0].logicalLocations).to.deep.equal([{ fullyQualifiedName: "team/dev", name: "dev", kind: "module" }]);
    });

    it("levels: remediate is an error, disabled is none; a policy the pack does not list has no rule index", () => {
        const results = run([{ ...MANDATORY, enforcementLevel: "remediate" }, { ...ADVISORY, enforcementLevel: "disabled" }, { ...ADVISORY, policyName: "other" }]).results;
        expect(results.map((r: { level: string }) => r.level)).to.deep.equal(["error", "none", "warning"]);
        expect(results[2]).to.not.have.property("ruleIndex");
    });

    it("fingerprints: stable for the same finding, different for another resource or message", () => {
        const fingerprint = (d: Diagnostic) => run([d]).results[0].partialFingerprints["forceMfaPreview/v1"];
        expect(fingerprint(MANDATORY)).to.equal(fingerprint({ ...MANDATORY }));
        expect(fingerprint(MANDATORY)).to.match(/^[0-9a-f]{64}$/);
        expect(fingerprint(MANDATORY)).to.not.equal(fingerprint({ ...MANDATORY, urn: `${MANDATORY.urn}2` }));
        expect(fingerprint(MANDATORY)).to.not.equal(fingerprint({ ...MANDATORY, message: `${MANDATORY.message}!` }));
        // the description the pack puts first is not part of the finding
        expect(fingerprint(MANDATORY)).to.equal(fingerprint({ ...MANDATORY, description: "", message: MANDATORY.message.slice(MANDATORY.description.length + 1) }));
    });
});
