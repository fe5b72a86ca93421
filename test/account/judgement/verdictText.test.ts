import { expect } from "chai";
import { allowedWitness, escapeWitness, forAccount, inAccount, splitFix, undecidableDenies } from "../../../account/judgement/verdictText";
import { AllowedRequest, documentSource, MfaStatus, WITHOUT_MFA } from "../../../policy-pack/evaluator";
import { statements } from "../accountSketch";

const ALICE = "arn:aws:iam::111122223333:user/alice";

describe("account — verdictText: the pack's messages read as an account report", () => {
    it("splitFix: `<what>. Fix: <how>` in two halves, the reason's last full stop dropped; no fix, the whole message", () => {
        expect(splitFix("user alice escapes. Fix: add it to the group.")).to.deep.equal({ reason: "user alice escapes", fix: "add it to the group." });
        expect(splitFix("user alice escapes")).to.deep.equal({ reason: "user alice escapes" });
        // only the first " Fix: " splits
        expect(splitFix("a. Fix: b. Fix: c")).to.deep.equal({ reason: "a", fix: "b. Fix: c" });
    });

    it("inAccount: the pack's placeholder account becomes the account of the principal judged, in every ARN", () => {
        const text = "arn:aws:iam::123456789012:user/alice and arn:aws-cn:s3:eu-west-1:123456789012:x";
        expect(inAccount(text, ALICE)).to.equal("arn:aws:iam::111122223333:user/alice and arn:aws-cn:s3:eu-west-1:111122223333:x");
        expect(inAccount(text, undefined)).to.equal(text);
        expect(inAccount(text, "arn:aws:s3:::bucket")).to.equal(text);
        // an ARN of another account is left as it is
        expect(inAccount("arn:aws:iam::999999999999:root", ALICE)).to.equal("arn:aws:iam::999999999999:root");
    });

    it("forAccount: the account, not this stack, is what was judged", () => {
        expect(forAccount("policy X of this stack denies it")).to.equal("policy X of the account denies it");
        expect(forAccount("group g (not declared in this stack, read from AWS) grants it; this stack has no deny")).to.equal("group g grants it; the account has no deny");
    });

    it("undecidableDenies: a deny whose condition the evaluator cannot read is a gap, named by its Sid or position", () => {
        const sources = [
            documentSource("policy v6", statements({ Sid: "Office", Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "2001:db8::/32" } }, }), "identity"),
            documentSource("policy odd", statements({ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringEqualsSomehow: { "aws:username": "x" } } }), "identity"),
            documentSource("policy plain", statements({ Effect: "Deny", Action: "s3:*", Resource: "*" }, { Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEqualsSomehow: { "aws:username": "x" } } }), "identity"),
        ];
        // a deny on a key the export does not hold depends, it is no gap; allows are not asked about
        expect(undecidableDenies(sources)).to.deep.equal(['policy odd: statement #1 could not be evaluated (unknown condition operator "StringEqualsSomehow")']);
        expect(undecidableDenies([documentSource("policy named", statements({ Sid: "Odd", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringEqualsSomehow: { "aws:username": "x" } } }), "identity")])).to.deep.equal([
            'policy named: statement Odd could not be evaluated (unknown condition operator "StringEqualsSomehow")',
        ]);
    });

    it("escapeWitness: the escaping action, its context, the documents on the way and why; none when enforced", () => {
        const context = WITHOUT_MFA[0];
        const status = { result: { enforced: false, evidence: [], escape: { action: "ec2:RunInstances", context, why: ["no deny names it"], onSomeResources: true } }, revoked: ["revoked: x"], unverifiable: [] } as unknown as MfaStatus;
        const sources = [documentSource("policy A", statements({ Effect: "Allow", Action: "*", Resource: "*" }), "identity")];
        expect(escapeWitness(status, sources)).to.deep.equal({ action: "ec2:RunInstances", mfaContext: context.name, onSomeResources: true, path: ["policy A"], why: ["no deny names it", "revoked: x"] });
        expect(escapeWitness(status, [])!.path).to.deep.equal(["no policy reaches it"]);
        expect(escapeWitness({ ...status, result: { enforced: true, evidence: ["x"] } } as unknown as MfaStatus, sources)).to.equal(undefined);
    });

    it("allowedWitness: the request as allowed, with its principal, statement and boundary", () => {
        const request: AllowedRequest = {
            action: "iam:CreateAccessKey",
            resource: ALICE,
            context: WITHOUT_MFA[1],
            contextKeys: { "aws:MultiFactorAuthPresent": "false" },
            allowedBy: "policy A: statement 1",
            allowElement: "Action",
        };
        const witness = allowedWitness(request, ALICE, [], ["why"]);
        expect(witness).to.deep.equal({
            action: "iam:CreateAccessKey",
            resource: ALICE,
            mfaContext: WITHOUT_MFA[1].name,
            contextKeys: { "aws:MultiFactorAuthPresent": "false" },
            principal: ALICE,
            allowedBy: "policy A: statement 1",
            allowElement: "Action",
            path: ["no policy reaches it"],
            why: ["why"],
        });
        expect(allowedWitness({ ...request, boundaryAllowedBy: "boundary: statement 1" }, ALICE, [], []).boundaryAllowedBy).to.equal("boundary: statement 1");
    });
});
