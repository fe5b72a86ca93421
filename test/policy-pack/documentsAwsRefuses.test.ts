/**
 * Documents AWS refuses at `pulumi up` (MalformedPolicyDocument) deny nothing: the user and its membership are created
 * without them. Each case goes through the analyzer protocol, the pack started as the CLI starts it.
 */
import { expect } from "chai";
import { blocking, PackUnderTest, sendStandInAsProtoKey, STAND_IN_PROTO_KEY, Verdict } from "./analyzerProtocol";
import { ENROLLMENT_ALLOWS, group, groupMembership, groupPolicyAttachment, mfaDenyStatement, policy, user } from "./stackFixtures";

/** alice in the enforced group, whose only policy is `document`. */
function stackWith(document: unknown) {
    const p = policy("ForceMFA", document);
    const g = group("mfa-enforced");
    const alice = user("alice");
    return { alice, g, p, resources: [p, g, groupPolicyAttachment(g, p), alice, groupMembership(g, [alice])] };
}

const withDeny = (deny: Record<string, unknown>, top: Record<string, unknown> = { Version: "2012-10-17" }) =>
    JSON.stringify({ ...top, Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement(deny)] });

describe("documents AWS refuses deny nothing (over the analyzer protocol)", function () {
    this.timeout(240_000);
    const pack = new PackUnderTest();
    before(() => pack.start());
    after(() => pack.close());

    async function userVerdict(document: unknown): Promise<{ verdict: Verdict; all: Verdict[]; alice: { urn: string } }> {
        const stack = stackWith(document);
        const all = blocking(await pack.preview(stack.resources));
        const onAlice = all.filter((v) => v.policy === "iam-user-requires-mfa");
        expect(onAlice, JSON.stringify(all)).to.have.length(1);
        expect(onAlice[0].urn).to.equal(stack.alice.urn);
        expect(onAlice[0].level).to.equal("mandatory");
        expect(onAlice[0].message).to.match(/^user alice: groups \[mfa-enforced\]; no policy denies \S+ with MFA absent/);
        return { verdict: onAlice[0], all, alice: stack.alice };
    }

    const cases: [string, unknown, string][] = [
        ["a deny carrying Principal", withDeny({ Principal: "*" }), "Statement 3 has Principal; IAM refuses an identity policy that specifies a principal"],
        ["a deny carrying NotPrincipal", withDeny({ NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }), "Statement 3 has NotPrincipal; IAM refuses an identity policy that specifies a principal"],
        [
            'an element IAM does not have ("Conditions")',
            withDeny({ Condition: undefined, Conditions: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }),
            'Statement 3 has the element "Conditions", which IAM\'s policy grammar does not have',
        ],
        ['Version "2012-10-18"', withDeny({}, { Version: "2012-10-18" }), 'it has Version "2012-10-18"; IAM accepts only "2012-10-17" or "2008-10-17"'],
        ["Sid 42", withDeny({ Sid: 42 }), "Statement 3 has Sid 42; IAM requires a statement id of letters and digits ([0-9A-Za-z]*)"],
        ["a Sid with other characters", withDeny({ Sid: "deny-all" }), 'Statement 3 has Sid "deny-all"; IAM requires a statement id of letters and digits'],
        [
            "a duplicate JSON key",
            withDeny({}).replace('"Effect":"Deny"', '"Effect":"Deny","Effect":"Deny"'),
            'Statement[2] has the key "Effect" twice; IAM refuses a document with a duplicate key',
        ],
        [
            "an action without a service prefix",
            withDeny({ NotAction: ["*MFADevice", "iam:GetUser", "sts:GetSessionToken"] }),
            'Statement 3.NotAction has "*MFADevice" without a service prefix; IAM requires actions to be prefaced by a service, e.g. "iam:*MFADevice"',
        ],
        [
            "a non-ASCII look-alike (the Kelvin sign in iam:CreateAccessKey)",
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement(), { Effect: "Deny", Action: "iam:CreateAccess\u212Aey", Resource: "*" }],
            }),
            "it holds the character U+212A",
        ],
        [
            "a condition key without a service prefix",
            withDeny({ Condition: { BoolIfExists: { MultiFactorAuthPresent: "false" } } }),
            'Statement 3.Condition.BoolIfExists has the condition key "MultiFactorAuthPresent" without a service prefix; IAM requires one, e.g. "aws:MultiFactorAuthPresent"',
        ],
    ];
    for (const [what, document, rule] of cases) {
        it(`${what}: the deny is refused, naming AWS's rule and what happens at pulumi up`, async () => {
            const { verdict } = await userVerdict(document);
            expect(verdict.message).to.include(`policy "ForceMFA" via group mfa-enforced: AWS refuses its document (MalformedPolicyDocument: ${rule}`);
            expect(verdict.message).to.include("so `pulumi up` fails to create it and it denies nothing, while the resources that do not depend on it are created");
        });
    }

    it("a key __proto__ in an object-form document is kept, and refused as the element it is", async () => {
        // Sent as a YAML or Python program's document reaches the engine: with a real `__proto__` key on the wire.
        sendStandInAsProtoKey();
        const document = JSON.parse(withDeny({ [STAND_IN_PROTO_KEY]: { Effect: "Allow" } }));
        const { verdict } = await userVerdict(document);
        expect(verdict.message).to.include('Statement 3 has the element "__proto__", which IAM\'s policy grammar does not have');
    });
});
