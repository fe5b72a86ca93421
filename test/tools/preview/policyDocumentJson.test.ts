import { expect } from "chai";
import { documentJson, goJson, merge } from "../../../tools/preview/policyDocumentJson";
import { Document, Statement } from "../../../tools/preview/policyDocumentModel";

const doc = (Version: string, Id: string, ...Statement: Statement[]): Document => ({ Version, Id, Statement });

describe("preview — policyDocumentJson: merging documents and writing them as the AWS provider does", () => {
    it("merge: the later Id and the higher Version win; a statement with a Sid replaces the earlier one, others are added", () => {
        const into = doc("2008-10-17", "first", { Sid: "A", Effect: "Allow", Action: "s3:GetObject" }, { Sid: "", Effect: "Deny", Action: "*" });
        merge(into, doc("2012-10-17", "", { Sid: "A", Effect: "Deny", Action: "s3:*" }, { Sid: "", Effect: "Allow", Action: "ec2:*" }));
        expect(into.Id).to.equal("first");
        expect(into.Version).to.equal("2012-10-17");
        expect(into.Statement.map((s) => `${s.Sid}:${s.Effect}:${s.Action}`)).to.deep.equal(["A:Deny:s3:*", ":Deny:*", ":Allow:ec2:*"]);
        merge(into, doc("2008-10-17", "second"));
        expect([into.Id, into.Version]).to.deep.equal(["second", "2012-10-17"]);
    });

    it("a statement's JSON: empty Sid and Effect and absent values left out (Go's omitempty), [] kept", () => {
        const json = documentJson(doc("2012-10-17", "", { Sid: "", Effect: "", Action: [], Resource: "*" }));
        expect(json).to.deep.equal({ Version: "2012-10-17", Statement: [{ Action: [], Resource: "*" }] });
        expect(documentJson(doc("", ""))).to.deep.equal({});
    });

    it('principals: grouped per type, types sorted, identifiers in reverse order; a lone "*" stays "*"', () => {
        const [statement] = documentJson(
            doc("2012-10-17", "", {
                Effect: "Allow",
                Principal: [
                    { type: "Service", identifiers: ["ec2.amazonaws.com"] },
                    { type: "AWS", identifiers: ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"] },
                    { type: "AWS", identifiers: "arn:aws:iam::333333333333:root" },
                ],
                NotPrincipal: [{ type: "*", identifiers: ["*"] }],
            }),
        ).Statement as Record<string, unknown>[];
        expect(Object.keys(statement.Principal as object)).to.deep.equal(["AWS", "Service"]);
        expect(statement.Principal).to.deep.equal({
            AWS: ["arn:aws:iam::222222222222:root", "arn:aws:iam::111111111111:root", "arn:aws:iam::333333333333:root"],
            Service: ["ec2.amazonaws.com"],
        });
        expect(statement.NotPrincipal).to.equal("*");
        // "*" of another type, or more than one identifier, is an object
        const [other] = documentJson(doc("", "", { Principal: [{ type: "AWS", identifiers: "*" }] })).Statement as Record<string, unknown>[];
        expect(other.Principal).to.deep.equal({ AWS: "*" });
    });

    it("conditions: per operator and key, both sorted, values gathered, one value written as a string", () => {
        const [statement] = documentJson(
            doc("2012-10-17", "", {
                Condition: [
                    { test: "StringLike", variable: "s3:prefix", values: ["home/"] },
                    { test: "Bool", variable: "aws:MultiFactorAuthPresent", values: "true" },
                    { test: "StringLike", variable: "s3:prefix", values: ["work/"] },
                    { test: "StringLike", variable: "aws:userid", values: ["A*"] },
                ],
            }),
        ).Statement as Record<string, unknown>[];
        expect(JSON.stringify(statement.Condition)).to.equal('{"Bool":{"aws:MultiFactorAuthPresent":"true"},"StringLike":{"aws:userid":"A*","s3:prefix":["home/","work/"]}}');
    });

    it("goJson escapes HTML characters and line separators as Go's encoder does", () => {
        expect(goJson({ a: "<b>&\u2028\u2029" })).to.equal('{"a":"\\u003cb\\u003e\\u0026\\u2028\\u2029"}');
        expect(JSON.parse(goJson({ a: "<b>&" }))).to.deep.equal({ a: "<b>&" });
        expect(goJson({ a: 1 }, 2)).to.equal('{\n  "a": 1\n}');
    });
});
