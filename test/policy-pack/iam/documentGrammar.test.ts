import { expect } from "chai";
import { checkActionName, checkCharacters, checkConditionKey, checkDocumentElements, GrammarViolation } from "../../../policy-pack/iam/documentGrammar";

describe("documentGrammar: IAM's policy grammar, element by element", () => {
    it("document elements and versions", () => {
        expect(() => checkDocumentElements({ Version: "2012-10-17", Statement: [] })).to.not.throw();
        expect(() => checkDocumentElements({ Version: "2012-10-17", Statements: [] })).to.throw(GrammarViolation);
        expect(() => checkDocumentElements({ Version: "2012-10-18" })).to.throw(GrammarViolation, /IAM accepts only "2012-10-17" or "2008-10-17"/);
    });

    it("actions need one service prefix; condition keys one too", () => {
        expect(() => checkActionName("s3:GetObject", "statement 1")).to.not.throw();
        expect(() => checkActionName("*", "statement 1")).to.not.throw();
        expect(() => checkActionName("GetObject", "statement 1")).to.throw(GrammarViolation, /without a service prefix/);
        expect(() => checkActionName("s3:Get:Object", "statement 1")).to.throw(GrammarViolation, /only one colon/);
        expect(() => checkConditionKey("MultiFactorAuthPresent", "statement 1")).to.throw(GrammarViolation, /"aws:MultiFactorAuthPresent"/);
    });

    it("characters IAM does not accept in a document", () => {
        expect(() => checkCharacters('{"Version": "2012-10-17"}')).to.not.throw();
        expect(() => checkCharacters("{\u0001}")).to.throw(GrammarViolation);
    });
});
