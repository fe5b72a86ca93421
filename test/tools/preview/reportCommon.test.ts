import { expect } from "chai";
import * as path from "path";
import { blocked, declaredAt, exitCodeOf, isDefaultProvider, unjudgedPrincipals } from "../../../tools/preview/reportCommon";
import { SAMPLE_BASE, SAMPLE_RESOURCES, SAMPLE_USER, sampleResult } from "./sampleResult";

const remote = (type: string, properties: Record<string, unknown> = {}) => ({ ...SAMPLE_USER, type, name: type, remote: true, properties, outputOnlyKeys: [] });

describe("preview — reportCommon: what every report agrees on", () => {
    it("default providers are the engine's `default` and `default_<version>` providers, no others", () => {
        expect(SAMPLE_RESOURCES.filter(isDefaultProvider).map((r) => r.name)).to.deep.equal(["default_7_48_0"]);
        const provider = SAMPLE_RESOURCES[1];
        expect(isDefaultProvider({ ...provider, name: "default" })).to.equal(true);
        expect(isDefaultProvider({ ...provider, name: "defaultish" })).to.equal(false);
        expect(isDefaultProvider({ ...provider, name: "eu-provider" })).to.equal(false);
        expect(isDefaultProvider({ ...provider, type: "aws:iam/user:User", name: "default" })).to.equal(false);
    });

    it("declaredAt: relative to the base inside it, with forward slashes; absolute outside it; none unknown", () => {
        expect(declaredAt(SAMPLE_USER, SAMPLE_BASE)).to.deep.equal({ file: "src/people.ts", line: 12, column: 5 });
        expect(declaredAt(SAMPLE_USER, path.join(SAMPLE_BASE, "other"))).to.deep.equal({ file: path.join(SAMPLE_BASE, "src/people.ts"), line: 12, column: 5 });
        expect(declaredAt({ ...SAMPLE_USER, sourcePosition: undefined }, SAMPLE_BASE)).to.equal(undefined);
    });

    it("blocked by a mandatory violation; --strict also by a remote component that creates or may create IAM principals", () => {
        const clean = sampleResult({ diagnostics: [] });
        expect([blocked(sampleResult(), {}), exitCodeOf(sampleResult(), {})]).to.deep.equal([true, 1]);
        expect([blocked(clean, {}), exitCodeOf(clean, {})]).to.deep.equal([false, 0]);
        expect([blocked(clean, { strict: true }), exitCodeOf(clean, { strict: true })]).to.deep.equal([true, 1]);
        // a type not known here may create principals; one known to create none with its inputs does not block
        const unknownType = sampleResult({ diagnostics: [], remoteComponents: [remote("acme:index:Thing")] });
        expect(unjudgedPrincipals(unknownType).map((r) => r.type)).to.deep.equal(["acme:index:Thing"]);
        const vpc = sampleResult({ diagnostics: [], remoteComponents: [remote("awsx:ec2:Vpc")] });
        expect(unjudgedPrincipals(vpc)).to.deep.equal([]);
        expect(blocked(vpc, { strict: true })).to.equal(false);
    });
});
