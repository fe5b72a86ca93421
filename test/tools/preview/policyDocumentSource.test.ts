import { expect } from "chai";
import { decodedDocument } from "../../../tools/preview/policyDocumentSource";

describe("preview — policyDocumentSource: a source or override document decoded as the AWS provider decodes it", () => {
    it("fields found exactly, else case-insensitively, as Go finds struct fields", () => {
        const doc = decodedDocument(JSON.stringify({ version: "2012-10-17", ID: "doc", statement: [{ sid: "A", EFFECT: "Allow", action: "s3:*", resource: "*" }] }), "source");
        expect(doc).to.deep.equal({
            Version: "2012-10-17",
            Id: "doc",
            Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:*", NotAction: undefined, Resource: "*", NotResource: undefined, Principal: undefined, NotPrincipal: undefined, Condition: undefined }],
        });
        // an exact match wins over a case-insensitive one
        expect(decodedDocument(JSON.stringify({ Version: "2012-10-17", version: "2008-10-17" }), "source").Version).to.equal("2012-10-17");
    });

    it("no Statement is none; a Version or Id that is not text is empty", () => {
        expect(decodedDocument("{}", "source")).to.deep.equal({ Version: "", Id: "", Statement: [] });
        expect(decodedDocument(JSON.stringify({ Version: 2012, Id: ["x"] }), "source")).to.include({ Version: "", Id: "" });
    });

    it('principals: "*" is {"*": ["*"]}; identifiers sorted; one identifier kept as text', () => {
        const [statement] = decodedDocument(JSON.stringify({ Statement: [{ Principal: "*", NotPrincipal: { AWS: ["b", "a"], Service: "ec2.amazonaws.com" } }] }), "source").Statement;
        expect(statement.Principal).to.deep.equal([{ type: "*", identifiers: ["*"] }]);
        expect(statement.NotPrincipal).to.deep.equal([
            { type: "AWS", identifiers: ["a", "b"] },
            { type: "Service", identifiers: "ec2.amazonaws.com" },
        ]);
    });

    it("conditions: text kept, booleans read as text, numbers and nulls dropped", () => {
        const [statement] = decodedDocument(
            JSON.stringify({ Statement: [{ Condition: { Bool: { "aws:MultiFactorAuthPresent": true }, StringEquals: { "aws:username": "alice", "s3:prefix": ["a", "b"] }, NumericLessThan: { "aws:MultiFactorAuthAge": 3600 }, Null: { x: null } } }] }),
            "source",
        ).Statement;
        expect(statement.Condition).to.deep.equal([
            { test: "Bool", variable: "aws:MultiFactorAuthPresent", values: "true" },
            { test: "StringEquals", variable: "aws:username", values: ["alice"] },
            { test: "StringEquals", variable: "s3:prefix", values: ["a", "b"] },
        ]);
    });

    it("refuses, naming the invoke and the document, what the provider cannot decode", () => {
        const refusal = (text: string) => () => decodedDocument(text, "source_policy_documents[0]");
        expect(refusal("{")).to.throw(/^aws\.iam\.getPolicyDocument: source_policy_documents\[0\] is not valid JSON: /);
        expect(refusal("[]")).to.throw("aws.iam.getPolicyDocument: source_policy_documents[0] must be a JSON object");
        expect(refusal('{"Statement": {}}')).to.throw("source_policy_documents[0]: Statement must be a list");
        expect(refusal('{"Statement": [{"Principal": 5}]}')).to.throw("source_policy_documents[0] statement 0: a Principal must be a string or an object");
        expect(refusal('{"Statement": [{"Principal": {"AWS": [1]}}]}')).to.throw('the identifiers of principal type "AWS" must be strings');
        expect(refusal('{"Statement": [{"Condition": []}]}')).to.throw("statement 0: a Condition must be an object");
        expect(refusal('{"Statement": [{"Condition": {"Bool": "x"}}]}')).to.throw('condition "Bool" must map keys to values');
        expect(refusal('{"Statement": [{"Condition": {"StringEquals": {"k": ["a", 1]}}}]}')).to.throw("the values of StringEquals k must be strings");
    });

    it("a statement that is not an object is refused as such, not a crash", () => {
        expect(() => decodedDocument('{"Statement": [5]}', "source")).to.throw("aws.iam.getPolicyDocument: source statement 0 must be an object");
        expect(() => decodedDocument('{"Statement": [null]}', "source")).to.throw("aws.iam.getPolicyDocument: source statement 0 must be an object");
    });
});
