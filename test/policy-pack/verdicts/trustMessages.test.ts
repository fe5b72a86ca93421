import { expect } from "chai";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { findTrustEscape } from "../../../policy-pack/iam/trustPolicy";
import { trustFix } from "../../../policy-pack/verdicts/trustMessages";

const fixOf = (statement: object) => trustFix(findTrustEscape(parsePolicyDocument({ Version: "2012-10-17", Statement: [statement] }, "trust"))!);

describe("trustMessages: the one fix of a trust that lets a principal in without MFA", () => {
    it("an MFA condition; Bool for BoolIfExists; a statement of its own beside a service", () => {
        expect(fixOf({ Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole" })).to.match(/^Fix: add "Condition": \{"Bool": \{"aws:MultiFactorAuthPresent": "true"\}\}/);
        expect(fixOf({ Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } } })).to.include('use "Bool" instead of "BoolIfExists"');
        expect(fixOf({ Effect: "Allow", Principal: { AWS: "123456789012", Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })).to.match(/^Fix: move 123456789012 out of statement 1/);
    });

    it("a vendor's account with sts:ExternalId is told about the exemption, not only MFA it cannot present", () => {
        const fix = fixOf({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::464622532012:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "abc" } } });
        expect(fix).to.include("third party's account").and.include("exemptRoles");
    });
});
