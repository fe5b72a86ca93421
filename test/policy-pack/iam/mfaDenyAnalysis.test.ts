import { expect } from "chai";
import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../../policy-pack/guardConfig";
import { actionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { MfaDenyAnalyzer } from "../../../policy-pack/iam/mfaDenyAnalysis";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { MFA_ABSENT } from "../../../policy-pack/iam/requestContexts";
import { forceMfaDocument, mfaDenyStatement } from "../stackFixtures";

const named = (...documents: unknown[]) => documents.map((d, i) => ({ label: `policy ${i + 1}`, document: parsePolicyDocument(d) }));
const deny = (overrides: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [mfaDenyStatement(overrides)] });

describe("mfaDenyAnalysis: every action outside the allow-list denied without MFA, by evaluation", () => {
    const analyzer = new MfaDenyAnalyzer(actionCatalog(), DEFAULT_ENROLLMENT_ALLOW_LIST);

    it("the ForceMFA deny enforces, and names the document that does", () => {
        expect(analyzer.analyze(named(forceMfaDocument()))).to.deep.equal({ enforced: true, evidence: ["policy 1"] });
    });

    it("names an action that gets through, the context, and why the denies present fall short", () => {
        const result = analyzer.analyze(named(deny({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } })));
        expect(result.enforced).to.equal(false);
        expect(result.escape!.context).to.equal(MFA_ABSENT);
        expect(result.escape!.why.join()).to.match(/uses "Bool" on aws:MultiFactorAuthPresent/);
        const wider = analyzer.analyze(named(deny({ NotAction: [...DEFAULT_ENROLLMENT_ALLOW_LIST, "s3:Get*"] })));
        expect(wider.escape!.action).to.match(/^s3:Get/);
        expect(wider.escape!.why.join()).to.include("NotAction exempts");
    });

    it("denies add up across documents; a scoped deny covers only its resources", () => {
        const half = (action: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Deny", NotAction: [...DEFAULT_ENROLLMENT_ALLOW_LIST, action], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }] });
        expect(analyzer.analyze(named(half("s3:*"), half("ec2:*"))).enforced).to.equal(true);
        const scoped = analyzer.analyze(named(deny({ Resource: "arn:aws:s3:::prod-*" })));
        expect(scoped.escape!.why.join()).to.match(/is limited to Resource/);
    });

    it("a deny that reads the user's name is judged per user", () => {
        const exceptBreakGlass = named(deny({ Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, StringNotEquals: { "aws:username": "breakglass" } } }));
        expect(analyzer.readsUser(exceptBreakGlass)).to.equal(true);
        expect(analyzer.analyze(exceptBreakGlass, { name: "alice" }).enforced).to.equal(true);
        expect(analyzer.analyze(exceptBreakGlass, { name: "breakglass" }).enforced).to.equal(false);
        expect(analyzer.analyze(exceptBreakGlass).enforced).to.equal(false);
    });
});
