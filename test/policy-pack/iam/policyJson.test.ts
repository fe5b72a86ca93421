import { expect } from "chai";
import { parsePolicyJson, PolicyJsonError } from "../../../policy-pack/iam/policyJson";

describe("policyJson: a strict reader, as IAM reads the text", () => {
    it("reads JSON; refuses duplicate keys (IAM does) apart from syntax errors", () => {
        expect(parsePolicyJson('{"a": [1, "x", true, null], "b": {"c": -1.5e2}}')).to.deep.equal({ a: [1, "x", true, null], b: { c: -150 } });
        expect(() => parsePolicyJson('{"Effect": "Deny", "Effect": "Allow"}')).to.throw(PolicyJsonError).with.property("duplicateKey", true);
        expect(() => parsePolicyJson('{"a": }')).to.throw(PolicyJsonError).with.property("duplicateKey", false);
        expect(() => parsePolicyJson('{"a": 1} x')).to.throw(PolicyJsonError);
    });

    it("keeps `__proto__` as an own element that reaches no prototype", () => {
        const value = parsePolicyJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
        expect(Object.keys(value)).to.deep.equal(["__proto__"]);
        expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    });
});
