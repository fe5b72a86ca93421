/**
 * aws.iam.getPolicyDocument computed offline: the rules of the AWS provider's data source, on small documents.
 */
import { expect } from "chai";
import { policyDocumentResult } from "../../../tools/preview/policyDocumentInvoke";

const documentOf = (inputs: Record<string, unknown>) => JSON.parse(policyDocumentResult(inputs).json as string);

describe("aws.iam.getPolicyDocument offline", () => {
    it("sets are de-duplicated and written in reverse order, one element as a string; condition values keep their order", () => {
        const doc = documentOf({
            statements: [
                {
                    actions: ["s3:GetObject", "s3:ListBucket", "s3:GetObject"],
                    notResources: ["arn:aws:s3:::b/*"],
                    principals: [{ type: "AWS", identifiers: ["arn:aws:iam::1:root", "arn:aws:iam::2:root"] }],
                    conditions: [{ test: "StringEquals", variable: "aws:PrincipalTag/team", values: ["b", "a"] }],
                },
            ],
        });
        expect(doc).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["s3:ListBucket", "s3:GetObject"],
                    NotResource: "arn:aws:s3:::b/*",
                    Principal: { AWS: ["arn:aws:iam::2:root", "arn:aws:iam::1:root"] },
                    Condition: { StringEquals: { "aws:PrincipalTag/team": ["b", "a"] } },
                },
            ],
        });
    });

    it("source documents first, then the statements, then overrides: a Sid replaces the earlier statement of that Sid", () => {
        const source = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Sid: "Keep", Effect: "Allow", Action: "sqs:*", Resource: "*" }] });
        const override = JSON.stringify({ Statement: [{ Sid: "Read", Effect: "Deny", Action: "s3:*", Resource: "*" }] });
        const doc = documentOf({
            sourcePolicyDocuments: [source],
            statements: [{ sid: "Keep", actions: ["sns:Publish"], resources: ["*"] }, { actions: ["iam:GetUser"], resources: ["*"] }],
            overridePolicyDocuments: [override],
        });
        expect(doc.Statement).to.deep.equal([
            { Sid: "Read", Effect: "Deny", Action: "s3:*", Resource: "*" },
            { Sid: "Keep", Effect: "Allow", Action: "sns:Publish", Resource: "*" },
            { Effect: "Allow", Action: "iam:GetUser", Resource: "*" },
        ]);
    });

    it("&{ becomes ${; a lone \"*\" principal stays \"*\"; the minified JSON and the id come with the document", () => {
        const result = policyDocumentResult({
            statements: [{ effect: "Deny", notActions: ["iam:ChangePassword"], resources: ["arn:aws:iam::*:user/&{aws:username}"], principals: [{ type: "*", identifiers: ["*"] }] }],
        });
        const doc = JSON.parse(result.minifiedJson as string);
        expect(doc.Statement[0]).to.deep.equal({ Effect: "Deny", NotAction: "iam:ChangePassword", Resource: "arn:aws:iam::*:user/${aws:username}", Principal: "*" });
        expect(result.json).to.include('\n  "Statement": [');
        expect(result.id).to.match(/^\d+$/);
    });

    it("refuses what the provider refuses: a Sid repeated, an effect other than Allow or Deny, &{ in version 2008-10-17", () => {
        expect(() => policyDocumentResult({ statements: [{ sid: "A", actions: ["a:b"] }, { sid: "A", actions: ["c:d"] }] })).to.throw(/duplicate Sid \(A\)/);
        expect(() => policyDocumentResult({ statements: [{ effect: "allow", actions: ["a:b"] }] })).to.throw(/effect must be "Allow" or "Deny"/);
        expect(() => policyDocumentResult({ version: "2008-10-17", statements: [{ resources: ["&{aws:username}"] }] })).to.throw(/not supported in document version 2008-10-17/);
        const twice = JSON.stringify({ Statement: [{ Sid: "S", Effect: "Allow", Action: "a:b" }] });
        expect(() => policyDocumentResult({ sourcePolicyDocuments: [twice, twice] })).to.throw(/duplicate Sid \(S\) in source_policy_documents/);
    });
});
