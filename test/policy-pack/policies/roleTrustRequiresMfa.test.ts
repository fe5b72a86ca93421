import { expect } from "chai";
import { roleTrustRequiresMfa } from "../../../policy-pack/policies/roleTrustRequiresMfa";
import { UnknownValueError } from "@pulumi/policy";
import { resource, role, runPolicy, runResourcePolicy, runStackPolicy, UNKNOWN } from "../stackFixtures";

const trust = (statement: Record<string, unknown> | Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement: statement });
const assume = (principal: unknown, condition?: unknown) => ({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });

async function check(document: unknown, config: Record<string, unknown> = {}) {
    return runPolicy(roleTrustRequiresMfa, [role("admin", document)], config);
}

describe("iam-role-trust-requires-mfa", () => {
    describe("passes", () => {
        for (const [what, condition] of [
            ['Bool aws:MultiFactorAuthPresent "true"', { Bool: { "aws:MultiFactorAuthPresent": "true" } }],
            ["NumericLessThan aws:MultiFactorAuthAge", { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }],
            ["both", { Bool: { "aws:MultiFactorAuthPresent": true }, NumericLessThan: { "aws:MultiFactorAuthAge": 3600 } }],
        ] as const) {
            it(`an account trusted with ${what}`, async () => {
                expect(await check(trust(assume({ AWS: "arn:aws:iam::123456789012:root" }, condition)))).to.deep.equal([]);
            });
        }

        it("service and federated principals (out of scope for MFA)", async () => {
            expect(await check(trust(assume({ Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] })))).to.deep.equal([]);
            expect(await check(trust({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity" }))).to.deep.equal([]);
        });

        it("an exempt role", async () => {
            expect(await check(trust(assume({ AWS: "123456789012" })), { exemptRoles: [{ name: "admin", reason: "vendor access under contract 42" }] })).to.deep.equal([]);
            expect(await check(trust(assume({ AWS: "123456789012" })), { exemptRoles: [{ name: "Admin", reason: "vendor access under contract 42" }] })).to.deep.equal([]);
            // Auto-named (no name): the logical name does not match an exemption, AWS will call it admin-<suffix>.
            const unnamed = resource("aws:iam/role:Role", "admin", { assumeRolePolicy: JSON.stringify(trust(assume({ AWS: "123456789012" }))) });
            expect(await runPolicy(roleTrustRequiresMfa, [unnamed], { exemptRoles: [{ name: "admin", reason: "vendor access under contract 42" }] })).to.have.length(1);
        });

        it("BoolIfExists \"true\" made safe by a Null check that requires the MFA age key", async () => {
            const condition = { Null: { "aws:MultiFactorAuthAge": "false" }, BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } };
            expect(await check(trust(assume({ AWS: "123456789012" }, condition)))).to.deep.equal([]);
        });

        it("a deny naming the account in the other spelling, or the account of a trusted role", async () => {
            const deny = (who: string) => ({ Effect: "Deny", Principal: { AWS: who }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } });
            expect(await check(trust([assume({ AWS: "123456789012" }), deny("arn:aws:iam::123456789012:root")]))).to.deep.equal([]);
            expect(await check(trust([assume({ AWS: "arn:aws:iam::123456789012:role/ops" }), deny("123456789012")]))).to.deep.equal([]);
            expect(await check(trust([assume({ AWS: "arn:aws:iam::123456789012:role/ops" }), deny("210987654321")]))).to.have.length(1);
        });

        it("a trust whose allow is cancelled without MFA by a deny", async () => {
            const deny = { Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } };
            expect(await check(trust([assume({ AWS: "123456789012" }), deny]))).to.deep.equal([]);
        });
    });

    describe("a trust unknown during preview (built from another resource's outputs)", () => {
        it("is named as an advisory the analyzer SDK reports, not a violation: the update's Analyze judges it before the role exists", async () => {
            const err = await check(UNKNOWN).then(
                () => undefined,
                (e: unknown) => e,
            );
            expect(err).to.be.instanceOf(UnknownValueError);
            expect((err as Error).message).to.equal("role admin: trust built from values known only at update; verified then, before the role is created or updated");
        });

        it("the same for an aws-native Role (its trust an object, a value in it unknown), and its known bad trust is refused per resource", async () => {
            const native = (document: unknown) => resource("aws-native:iam:Role", "deploy", { roleName: "deploy", assumeRolePolicyDocument: document });
            // Documents with unknown values judged on what is known: a Federated principal unknown at preview cannot make an AWS principal, so that trust
            // now passes outright (it was this advisory); an unknown AWS principal without MFA keeps the advisory.
            const federated = trust({ Effect: "Allow", Principal: { Federated: UNKNOWN }, Action: "sts:AssumeRoleWithWebIdentity" });
            expect(await runResourcePolicy(roleTrustRequiresMfa, native(federated))).to.deep.equal([]);
            const unknownPrincipal = trust({ Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: "sts:AssumeRole" });
            const err = await runResourcePolicy(roleTrustRequiresMfa, native(unknownPrincipal)).then(
                () => undefined,
                (e: unknown) => e,
            );
            expect(err).to.be.instanceOf(UnknownValueError);
            expect((err as Error).message).to.equal("role deploy: trust built from values known only at update; verified then, before the role is created or updated");
            const [refused, ...rest] = await runResourcePolicy(roleTrustRequiresMfa, native(trust(assume({ AWS: "arn:aws:iam::123456789012:root" }))));
            expect(rest).to.deep.equal([]);
            expect(refused.message).to.match(/^role deploy: statement 1 of its trust policy lets arn:aws:iam::123456789012:root assume it with MFA absent/);
        });

        it("is not judged again on the stack: the role's per-resource check owns its trust", async () => {
            expect(await runStackPolicy(roleTrustRequiresMfa, [role("admin", UNKNOWN)])).to.deep.equal([]);
        });

        it("a role read with .get() sets no trust among its inputs: nothing to judge per resource", async () => {
            const read = resource("aws:iam/role:Role", "existing", { name: "existing" });
            expect(await runPolicy(roleTrustRequiresMfa, [read])).to.deep.equal([]);
        });
    });

    describe("blocks", () => {
        it("an account trusted without any condition", async () => {
            const [violation] = await check(trust(assume({ AWS: "arn:aws:iam::123456789012:root" })));
            expect(violation.message).to.equal(
                "role admin: statement 1 of its trust policy lets arn:aws:iam::123456789012:root assume it with MFA absent (long-term access keys): " +
                    "no condition requires MFA. Action that gets through: sts:AssumeRole. " +
                    'Fix: add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} (optionally with "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}) ' +
                    "to statement 1.",
            );
        });

        it('BoolIfExists "true" (an absent key passes)', async () => {
            const [violation] = await check(trust(assume({ AWS: ["arn:aws:iam::123456789012:user/alice"] }, { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } })));
            expect(violation.message).to.include('"BoolIfExists" lets requests without the MFA key through');
            expect(violation.message).to.include('Fix: in statement 1, use "Bool" instead of "BoolIfExists" on aws:MultiFactorAuthPresent.');
        });

        it('the "*" principal, in both spellings, and an assume granted by a wildcard action', async () => {
            expect((await check(trust(assume("*"))))[0].message).to.include("lets * assume it");
            expect((await check(trust({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:*" })))[0].message).to.include("lets * assume it");
        });

        it("conditions that a caller meets without MFA (an external id)", async () => {
            const [violation] = await check(trust(assume({ AWS: "210987654321" }, { StringEquals: { "sts:ExternalId": "abc" } })));
            expect(violation.message).to.include("its only conditions (sts:ExternalId) can be met without MFA");
        });

        it("fails closed on a trust policy it cannot read or evaluate", async () => {
            expect((await check("{not json"))[0].message).to.include("not valid JSON");
            expect((await check(trust(assume({ AWS: "123456789012" }, { BoolEquals: { "aws:MultiFactorAuthPresent": "true" } }))))[0].message).to.include(
                'unknown condition operator "BoolEquals"',
            );
        });
    });
});
