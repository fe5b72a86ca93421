import { expect } from "chai";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { findTrustEscape } from "../../../policy-pack/iam/trustPolicy";

const trust = (...statements: object[]) => parsePolicyDocument({ Version: "2012-10-17", Statement: statements }, "trust");
const assume = (principal: unknown, condition?: object) => ({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });

describe("trustPolicy: who may assume a role without MFA", () => {
    it("an AWS principal without an MFA condition escapes, with the context it gets through in", () => {
        const escape = findTrustEscape(trust(assume({ AWS: "arn:aws:iam::123456789012:root" })))!;
        expect([escape.principal, escape.statement, escape.why]).to.deep.equal(["arn:aws:iam::123456789012:root", "statement 1", "no condition requires MFA"]);
    });

    it("Bool true or a NumericLessThan MFA age protects; BoolIfExists true does not (an absent key passes)", () => {
        expect(findTrustEscape(trust(assume({ AWS: "123456789012" }, { Bool: { "aws:MultiFactorAuthPresent": "true" } })))).to.equal(undefined);
        expect(findTrustEscape(trust(assume({ AWS: "123456789012" }, { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } })))).to.equal(undefined);
        expect(findTrustEscape(trust(assume({ AWS: "123456789012" }, { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } })))!.why).to.match(/BoolIfExists/);
    });

    it("services and federations are out of scope; NotPrincipal in an Allow trusts everyone else", () => {
        expect(findTrustEscape(trust(assume({ Service: "lambda.amazonaws.com" })))).to.equal(undefined);
        expect(findTrustEscape(trust({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity" }))).to.equal(undefined);
        expect(findTrustEscape(trust({ Effect: "Allow", NotPrincipal: { AWS: "123456789012" }, Action: "sts:AssumeRole" }))!.why).to.match(/NotPrincipal/);
    });

    it("a Deny in the trust that refuses requests without MFA closes the way; another condition leaves it open", () => {
        const deny = { Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } };
        expect(findTrustEscape(trust(assume({ AWS: "123456789012" }), deny))).to.equal(undefined);
        const escape = findTrustEscape(trust(assume({ AWS: "123456789012" }, { StringEquals: { "sts:ExternalId": "x" } })))!;
        expect(escape.why).to.equal("its only conditions (sts:ExternalId) can be met without MFA");
    });
});
