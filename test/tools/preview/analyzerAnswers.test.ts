import { expect } from "chai";
import { Diagnostic, diagnosticsOf, remediationDiagnostics, remediationsOf, reportedText } from "../../../tools/preview/analyzerAnswers";
import { analyzerMessages, Struct } from "../../../tools/preview/pulumiProto";

const diagnostic = (message: string, description: string): Diagnostic => ({ policyName: "p", policyPackName: "pack", message, urn: "urn:x", enforcementLevel: "mandatory", severity: "high", description });

describe("preview — analyzerAnswers: what an analyzer answers", () => {
    it("reportedText: the policy's own words, without the description @pulumi/policy puts first", () => {
        expect(reportedText(diagnostic("Users need MFA.\nuser alice escapes", "Users need MFA."))).to.equal("user alice escapes");
        expect(reportedText(diagnostic("user alice escapes", "Users need MFA."))).to.equal("user alice escapes");
        expect(reportedText(diagnostic("Users need MFA.", "Users need MFA."))).to.equal("Users need MFA.");
        expect(reportedText(diagnostic("\nx", ""))).to.equal("\nx");
    });

    it("diagnostics read with their level and severity; numbers the protocol does not define read advisory and unspecified", () => {
        const response = new analyzerMessages.AnalyzeResponse();
        const make = (level: number, severity: number) => {
            const d = new analyzerMessages.AnalyzeDiagnostic();
            d.setPolicyname("iam-user-requires-mfa");
            d.setPolicypackname("force-mfa-guard");
            d.setMessage("m");
            d.setUrn("urn:x");
            d.setDescription("d");
            d.setEnforcementlevel(level);
            d.setSeverity?.(severity);
            return d;
        };
        response.setDiagnosticsList([make(1, 3), make(3, 4), make(2, 0), make(42, 9)]);
        const read = diagnosticsOf(response);
        expect(read[0]).to.deep.equal({ policyName: "iam-user-requires-mfa", policyPackName: "force-mfa-guard", message: "m", urn: "urn:x", enforcementLevel: "mandatory", severity: "high", description: "d" });
        expect(read.map((d) => d.enforcementLevel)).to.deep.equal(["mandatory", "remediate", "disabled", "advisory"]);
        expect(read.map((d) => d.severity)).to.deep.equal(["high", "critical", "unspecified", "unspecified"]);
    });

    it("remediations: the rewritten inputs, or why it could not run", () => {
        const response = new analyzerMessages.RemediateResponse();
        const rewrite = new analyzerMessages.Remediation();
        rewrite.setPolicyname("tag-everything");
        rewrite.setPolicypackname("pack");
        rewrite.setDescription("Tags.");
        rewrite.setProperties(Struct.fromJavaScript({ name: "alice", tags: { team: "x" } }));
        const failed = new analyzerMessages.Remediation();
        failed.setPolicyname("tag-everything");
        failed.setPolicypackname("pack");
        failed.setDescription("Tags.");
        failed.setDiagnostic("the name is not known during preview");
        response.setRemediationsList([rewrite, failed]);
        const remediations = remediationsOf(response, "urn:user");
        expect(remediations).to.deep.equal([
            { policyName: "tag-everything", policyPackName: "pack", description: "Tags.", urn: "urn:user", properties: { name: "alice", tags: { team: "x" } } },
            { policyName: "tag-everything", policyPackName: "pack", description: "Tags.", urn: "urn:user", diagnostic: "the name is not known during preview" },
        ]);
        // as the engine shows them: a rewrite at level remediate naming the inputs it changed, a failure advisory
        const shown = remediationDiagnostics(remediations, { name: "alice", path: "/" });
        expect(shown.map((d) => [d.enforcementLevel, d.message])).to.deep.equal([
            ["remediate", "Tags.\nremediated: path, tags"],
            ["advisory", "the name is not known during preview"],
        ]);
        const unchanged = remediationDiagnostics([{ ...remediations[0], properties: { name: "alice" } }], { name: "alice" });
        expect(unchanged[0].message).to.equal("Tags.\nremediated: no input changed");
    });
});
