/**
 * IAM's reading of documents where a naive one differs: Version decides whether policy variables exist, `${*}` `${?}`
 * `${$}` are literal characters. Through the analyzer protocol, the pack started as the CLI starts it.
 */
import { expect } from "chai";
import { blocking, PackUnderTest } from "./analyzerProtocol";
import { ENROLLMENT_ALLOWS, group, groupMembership, groupPolicyAttachment, mfaDenyStatement, policy, resource, user } from "./stackFixtures";

function aliceHolding(document: unknown) {
    const p = policy("ForceMFA", document);
    const g = group("mfa-enforced");
    const alice = user("alice");
    return { alice, resources: [p, g, groupPolicyAttachment(g, p), alice, groupMembership(g, [alice])] };
}

describe("IAM semantics of documents (over the analyzer protocol)", function () {
    this.timeout(240_000);
    const pack = new PackUnderTest();
    before(() => pack.start());
    after(() => pack.close());

    for (const version of [undefined, "2008-10-17"]) {
        it(`Version ${version ?? "absent"}: \${aws:username} is literal text, so users cannot enable their device (locked out)`, async () => {
            const { alice, resources } = aliceHolding(JSON.stringify({ ...(version ? { Version: version } : {}), Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement()] }));
            const verdicts = blocking(await pack.preview(resources));
            expect(verdicts.map((v) => [v.policy, v.level, v.urn]), JSON.stringify(verdicts)).to.deep.equal([["mfa-enrollment-not-locked-out", "mandatory", alice.urn]]);
            expect(verdicts[0].message).to.match(/^user alice is subject to the MFA deny but cannot enroll a device without MFA: iam:EnableMFADevice on arn:aws:iam::123456789012:user\/alice/);
            expect(verdicts[0].message).to.include("no statement allows it without MFA");
            expect(verdicts[0].message).to.include('Fix: set "Version": "2012-10-17" in policy "ForceMFA" via group mfa-enforced');
        });
    }

    it("Version 2012-10-17: the same document lets alice enroll", async () => {
        const { resources } = aliceHolding(JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement()] }));
        expect(blocking(await pack.preview(resources))).to.deep.equal([]);
    });

    it('${?} is a literal "?": StringLikeIfExists "f${?}lse" does not match MFA "false", which gets through', async () => {
        const deny = mfaDenyStatement({ Condition: { StringLikeIfExists: { "aws:MultiFactorAuthPresent": "f${?}lse" } } });
        const { alice, resources } = aliceHolding(JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, deny] }));
        const verdicts = blocking(await pack.preview(resources)).filter((v) => v.policy === "iam-user-requires-mfa");
        expect(verdicts.map((v) => [v.level, v.urn])).to.deep.equal([["mandatory", alice.urn]]);
        expect(verdicts[0].message).to.match(/^user alice: groups \[mfa-enforced\]; no policy denies ec2:RunInstances with MFA "false" \(session without MFA\)/);
    });

    it('${*} is a literal "*" too, while "f*lse" is a wildcard that matches "false"', async () => {
        const literal = mfaDenyStatement({ Condition: { StringLikeIfExists: { "aws:MultiFactorAuthPresent": "${*}" } } });
        const stack = aliceHolding(JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, literal] }));
        expect(blocking(await pack.preview(stack.resources)).map((v) => v.policy)).to.include("iam-user-requires-mfa");
        const wildcard = mfaDenyStatement({ Condition: { StringLikeIfExists: { "aws:MultiFactorAuthPresent": "f*lse" } } });
        expect(blocking(await pack.preview(aliceHolding(JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, wildcard] })).resources))).to.deep.equal([]);
    });

    it("keys bound to the judged user are evaluated per user: a deny narrowed by aws:PrincipalType, aws:username or aws:PrincipalArn", async () => {
        const narrowed = mfaDenyStatement({
            Condition: {
                BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
                StringEquals: { "aws:PrincipalType": "User" },
                StringNotEquals: { "aws:username": "breakglass" },
                ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:user/breakglass" },
            },
        });
        const { resources } = aliceHolding(JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, narrowed] }));
        // alice is proven; the group's deny alone still depends on who the member is, so the enforced group is named.
        const verdicts = blocking(await pack.preview(resources));
        expect(verdicts.map((v) => v.policy)).to.deep.equal(["iam-group-requires-mfa"]);
        const breakglass = user("breakglass");
        const stack = [...resources, breakglass, resource("aws:iam/userGroupMembership:UserGroupMembership", "bg", { user: "breakglass", groups: ["mfa-enforced"] }, { user: [breakglass] })];
        const onBreakglass = blocking(await pack.preview(stack)).filter((v) => v.urn === breakglass.urn);
        expect(onBreakglass.map((v) => v.policy)).to.include("iam-user-requires-mfa");
    });

    it("an account the ARN does not give stays unknown: a deny on one account's users is not proven", async () => {
        const narrowed = mfaDenyStatement({ Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:user/*" } } });
        const { alice, resources } = aliceHolding(JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, narrowed] }));
        const v = blocking(await pack.preview(resources)).filter((x) => x.policy === "iam-user-requires-mfa");
        expect(v.map((x) => x.urn)).to.deep.equal([alice.urn]);
        expect(v[0].message).to.include("also depends on");
    });
});
