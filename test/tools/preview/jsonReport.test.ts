import { expect } from "chai";
import { jsonError, jsonReport } from "../../../tools/preview/jsonReport";
import { ADVISORY, MANDATORY, SAMPLE_BASE, SAMPLE_USER, sampleResult } from "./sampleResult";

describe("preview — jsonReport: the offline preview for machines", () => {
    const report = (options: { strict?: boolean } = {}, result = sampleResult()) => JSON.parse(JSON.stringify(jsonReport(result, { base: SAMPLE_BASE, ...options })));

    it("the verdict: passes, its exit code, strict", () => {
        expect(report()).to.include({ project: "team", stack: "dev", mode: "preview", passes: false, exitCode: 1, strict: false });
        const clean = sampleResult({ diagnostics: [] });
        expect(report({}, clean)).to.include({ passes: true, exitCode: 0 });
        expect(report({ strict: true }, clean)).to.include({ passes: false, exitCode: 1, strict: true });
        expect(report().policyPack).to.deep.equal({ name: "force-mfa-guard", version: "0.1.0" });
    });

    it("every resource the pack saw with its inputs (output-only keys left out, secrets masked), default providers marked", () => {
        const { resources } = report();
        expect(resources).to.have.length(6);
        const user = resources.find((r: { name: string }) => r.name === "alice");
        expect(user).to.deep.equal({
            type: "aws:iam/user:User",
            name: "alice",
            urn: SAMPLE_USER.urn,
            parent: SAMPLE_USER.parent,
            custom: true,
            declaredAt: { file: "src/people.ts", line: 12, column: 5 },
            inputs: { name: "alice", path: "/eng/", tags: "[secret]" },
        });
        expect(resources.find((r: { name: string }) => r.name === "default_7_48_0")).to.include({ defaultProvider: true });
        expect(resources.find((r: { name: string }) => r.name === "state")).to.include({ protect: true });
        expect(resources.find((r: { name: string }) => r.name === "cluster")).to.include({ remote: true, custom: false });
    });

    it("outputs with secrets masked, remote components with what they create, diagnostics without the description prefix", () => {
        const json = report();
        expect(json.outputs).to.deep.equal({ userName: "alice", token: "[secret]" });
        expect(JSON.stringify(json)).to.not.contain("s3cr3t");
        expect(json.remoteComponents).to.deep.equal([{ type: "eks:index:Cluster", name: "cluster", urn: json.resources[5].urn, creates: ["IAM role for the cluster (trusted by eks.amazonaws.com)"] }]);
        expect(json.diagnostics[0]).to.deep.equal({
            policyName: MANDATORY.policyName,
            policyPackName: "force-mfa-guard",
            enforcementLevel: "mandatory",
            severity: "high",
            urn: SAMPLE_USER.urn,
            description: MANDATORY.description,
            message: "user alice: no policy denies ec2:RunInstances.\nFix: add it to the group.",
        });
        expect(json.diagnostics[1].message).to.equal(ADVISORY.message);
        expect([json.mandatoryViolations, json.advisoryViolations]).to.deep.equal([1, 1]);
        expect(json.logs).to.have.length(3);
    });

    it("a remote component of a type not known here creates null (not known), never []", () => {
        const thing = { ...SAMPLE_USER, type: "acme:index:Thing", remote: true, properties: {}, outputOnlyKeys: [] };
        expect(report({}, sampleResult({ remoteComponents: [thing] })).remoteComponents[0].creates).to.equal(null);
    });

    it("errors: the message, their details and exit code 2 unless told", () => {
        expect(jsonError("no Pulumi.yaml in /x")).to.deep.equal({ error: { message: "no Pulumi.yaml in /x" }, exitCode: 2 });
        expect(jsonError("unanswered invoke", { token: "aws:ec2/getVpc:getVpc" }, 3)).to.deep.equal({ error: { message: "unanswered invoke", token: "aws:ec2/getVpc:getVpc" }, exitCode: 3 });
    });
});
