import { expect } from "chai";
import { evaluateConditions, parseOperator, RequestContext, substituteVariables, unconstrainedKeys, UnverifiableConditionError } from "../../../policy-pack/iam/conditions";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";

/** The condition block of a one-statement deny, as the parser reads it. */
function conditions(block: Record<string, Record<string, string | string[]>>, version = "2012-10-17") {
    return parsePolicyDocument({ Version: version, Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: block }] }).statements[0].conditions;
}

const context = (keys: Record<string, string[] | null>, variables: Record<string, string> = {}): RequestContext => ({
    keys: new Map(Object.entries(keys)),
    variables: new Map(Object.entries(variables)),
});

describe("conditions: three-valued evaluation over a partly known request", () => {
    it("a key the request fixes decides; a key left open makes the block depend on it", () => {
        const block = conditions({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, StringEquals: { "aws:RequestedRegion": "us-east-1" } });
        expect(evaluateConditions(block, context({ "aws:multifactorauthpresent": ["true"] }))).to.equal("false");
        expect(evaluateConditions(block, context({ "aws:multifactorauthpresent": null }))).to.equal("depends");
        expect(unconstrainedKeys(block, context({ "aws:multifactorauthpresent": null }))).to.deep.equal(["aws:RequestedRegion"]);
        expect(evaluateConditions(block, context({ "aws:multifactorauthpresent": null, "aws:requestedregion": ["us-east-1"] }))).to.equal("true");
    });

    it("absent keys: IfExists and ForAllValues hold, ForAnyValue and plain operators do not (negated ones do)", () => {
        const absent = context({ "aws:multifactorauthage": null });
        expect(evaluateConditions(conditions({ NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "300" } }), absent)).to.equal("true");
        expect(evaluateConditions(conditions({ NumericGreaterThan: { "aws:MultiFactorAuthAge": "300" } }), absent)).to.equal("false");
        expect(evaluateConditions(conditions({ "ForAllValues:StringEquals": { "aws:MultiFactorAuthAge": "x" } }), absent)).to.equal("true");
        expect(evaluateConditions(conditions({ "ForAnyValue:StringEquals": { "aws:MultiFactorAuthAge": "x" } }), absent)).to.equal("false");
        expect(evaluateConditions(conditions({ StringNotEquals: { "aws:MultiFactorAuthAge": "x" } }), absent)).to.equal("true");
        expect(evaluateConditions(conditions({ Null: { "aws:MultiFactorAuthAge": "true" } }), absent)).to.equal("true");
    });

    it("operators and keys are read without case; an unknown operator or an unparseable value is unverifiable, never guessed", () => {
        expect(parseOperator("forallvalues:stringlikeifexists")).to.include({ set: "all", ifExists: true });
        expect(evaluateConditions(conditions({ bool: { "AWS:MULTIFACTORAUTHPRESENT": "FALSE" } }), context({ "aws:multifactorauthpresent": ["false"] }))).to.equal("true");
        expect(() => parseOperator("BoolIfExist")).to.throw(UnverifiableConditionError, /unknown condition operator/);
        expect(() => evaluateConditions(conditions({ NumericLessThan: { "aws:MultiFactorAuthAge": "soon" } }), context({ "aws:multifactorauthage": ["10"] }))).to.throw(
            UnverifiableConditionError,
        );
    });

    it("policy variables substitute only in 2012-10-17 documents; an unresolved one makes the entry depend", () => {
        expect(substituteVariables("user/${aws:username}", new Map([["aws:username", "alice"]]))).to.equal("user/alice");
        expect(substituteVariables("user/${aws:username}", new Map([["aws:username", "alice"]]), true)).to.equal("user/${aws:username}");
        expect(substituteVariables("a${*}b", undefined)).to.equal("a*b");
        expect(substituteVariables("${aws:userid}", new Map())).to.equal(undefined);
        const byName = conditions({ StringEquals: { "aws:username": "${aws:userid}" } });
        expect(evaluateConditions(byName, context({ "aws:username": ["alice"] }))).to.equal("depends");
    });

    it("wildcards follow IAM: * and ? in Like operators, ${?} a literal question mark", () => {
        const like = conditions({ StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:user/ops-?" } });
        expect(evaluateConditions(like, context({ "aws:principalarn": ["arn:aws:iam::123456789012:user/ops-1"] }))).to.equal("true");
        expect(evaluateConditions(like, context({ "aws:principalarn": ["arn:aws:iam::123456789012:user/ops-12"] }))).to.equal("false");
        const literal = conditions({ StringLikeIfExists: { "aws:MultiFactorAuthPresent": "f${?}lse" } });
        expect(evaluateConditions(literal, context({ "aws:multifactorauthpresent": ["false"] }))).to.equal("false");
    });

    it("IP ranges: IPv4 CIDR compared; IPv6 ranges are not evaluated", () => {
        const network = conditions({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } });
        expect(evaluateConditions(network, context({ "aws:sourceip": ["10.9.8.7"] }))).to.equal("true");
        expect(evaluateConditions(network, context({ "aws:sourceip": ["192.168.0.1"] }))).to.equal("false");
        expect(() => evaluateConditions(conditions({ IpAddress: { "aws:SourceIp": "2001:db8::/32" } }), context({ "aws:sourceip": ["10.0.0.1"] }))).to.throw(UnverifiableConditionError, /IPv6/);
    });
});
