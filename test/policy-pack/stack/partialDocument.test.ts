/**
 * Documents with values unknown during preview: judged on what is known, exactly as far as the
 * unknowns cannot change the verdict. Each verdict here is checked against the independent evaluator with the unknown
 * replaced by several values: a verdict the pack gives must hold for each of them.
 */
import { expect } from "chai";
import { enrollmentNotLockedOut } from "../../../policy-pack/policies/enrollmentNotLockedOut";
import { roleTrustRequiresMfa } from "../../../policy-pack/policies/roleTrustRequiresMfa";
import { userRequiresMfa } from "../../../policy-pack/policies/userRequiresMfa";
import { PolicyDocumentError } from "../../../policy-pack/iam/policyDocument";
import { PartialDocument } from "../../../policy-pack/stack/knownValues";
import { partialReadings } from "../../../policy-pack/stack/partialDocument";
import { ACCOUNT, OTHER_ACCOUNT, simulate } from "../oracle/simulator";
import { ENROLLMENT_ALLOWS, group, groupPolicyAttachment, mfaDenyStatement, policy, resource, runPolicy, runResourcePolicy, UNKNOWN, user } from "../stackFixtures";

const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const s3Allow = (resource: unknown) => ({ Sid: "ReadReports", Effect: "Allow", Action: "s3:GetObject", Resource: resource });
/** Replaces every unknown in a document by a value: one of "any value" the pack's verdict must hold for. */
const instantiate = (document: unknown, value: string): unknown => JSON.parse(JSON.stringify(document).split(UNKNOWN).join(value));
/** The two requests without MFA: the key absent (long-term access keys), and "false". */
const WITHOUT_MFA: readonly Record<string, string>[] = [{}, { "aws:MultiFactorAuthPresent": "false" }];

/** A user in a group holding `document` (an object, as @pulumi/aws and aws-native accept it). */
function userWith(document: unknown) {
    const alice = user("alice");
    const g = group("staff");
    const p = policy("Staff", document);
    return [alice, g, p, groupPolicyAttachment(g, p), resource("aws:iam/groupMembership:GroupMembership", "staff-members", { group: "staff", users: ["alice"] }, { group: [g], users: [alice] })];
}

describe("documents with values unknown during preview", () => {
    describe("the two readings", () => {
        it("an unknown Resource of an Allow: everything at its widest, the statement left out at its narrowest, positions kept", () => {
            const readings = partialReadings(new PartialDocument(doc(s3Allow(UNKNOWN), mfaDenyStatement())), "identity")!;
            expect(readings.unknownAt).to.deep.equal(["the Resource of statement 1"]);
            expect(readings.permissive.statements.map((s) => [s.index, s.effect, s.resources])).to.deep.equal([
                [1, "Allow", ["*"]],
                [2, "Deny", ["*"]],
            ]);
            expect(readings.restrictive.statements.map((s) => [s.index, s.effect])).to.deep.equal([[2, "Deny"]]);
        });

        it("a Deny at its narrowest and widest; an unknown condition value, NotAction element, Effect", () => {
            const deny = { Effect: "Deny", NotAction: ["iam:GetUser", UNKNOWN], Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpc": UNKNOWN }, BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } };
            const readings = partialReadings(new PartialDocument(doc(deny, { Effect: UNKNOWN, Action: "s3:*", Resource: "*" })), "identity")!;
            expect(readings.permissive.statements.map((s) => [s.index, s.effect])).to.deep.equal([[2, "Allow"]]);
            const [widest, unknownEffect] = readings.restrictive.statements;
            expect([widest.notActions, widest.conditions.map((c) => c.key)]).to.deep.equal([["iam:GetUser"], ["aws:multifactorauthpresent"]]);
            expect([unknownEffect.index, unknownEffect.effect]).to.deep.equal([2, "Deny"]);
        });

        it("a Federated principal keeps its type; an AWS one is anyone at its widest, left out at its narrowest", () => {
            const trust = doc({ Effect: "Allow", Principal: { Federated: UNKNOWN, AWS: [UNKNOWN, `arn:aws:iam::${ACCOUNT}:root`] }, Action: "sts:AssumeRole" });
            const readings = partialReadings(new PartialDocument(trust), "trust")!;
            const principal = (d: typeof readings.permissive) => d.statements[0].principal as ReadonlyMap<string, readonly string[]>;
            expect(principal(readings.permissive).get("AWS")).to.deep.equal([`arn:aws:iam::${ACCOUNT}:root`, "*"]);
            expect(principal(readings.restrictive).get("AWS")).to.deep.equal([`arn:aws:iam::${ACCOUNT}:root`]);
            expect(principal(readings.restrictive).has("Federated")).to.equal(true);
        });

        it("an unknown Version or Statement list leaves the document unknown whole; a known part AWS refuses is refused", () => {
            expect(partialReadings(new PartialDocument({ Version: UNKNOWN, Statement: [s3Allow("*")] }), "identity")).to.equal(undefined);
            expect(partialReadings(new PartialDocument({ Version: "2012-10-17", Statement: UNKNOWN }), "identity")).to.equal(undefined);
            expect(() => partialReadings(new PartialDocument(doc(s3Allow(UNKNOWN), { Effect: "Allow", Action: "GetObject", Resource: "*" })), "identity")).to.throw(PolicyDocumentError);
        });
    });

    describe("iam-user-requires-mfa and the lock-out check", () => {
        it("an Allow's unknown Resource beside a fully known deny: the user passes, as for every value of it", async () => {
            const document = doc(...ENROLLMENT_ALLOWS, s3Allow(UNKNOWN), mfaDenyStatement());
            expect(await runPolicy(userRequiresMfa, userWith(document))).to.deep.equal([]);
            expect(await runPolicy(enrollmentNotLockedOut, userWith(document))).to.deep.equal([]);
            for (const value of ["arn:aws:s3:::reports/*", "*", `arn:aws:iam::${ACCOUNT}:user/alice`]) {
                for (const [action, target] of [
                    ["ec2:RunInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`],
                    ["s3:GetObject", "arn:aws:s3:::reports/q1.csv"],
                ]) {
                    for (const context of WITHOUT_MFA) {
                        const result = await simulate({ principal: `arn:aws:iam::${ACCOUNT}:user/alice`, action, resource: target, context, identityPolicies: [instantiate(document, value)] });
                        expect(result, `${value} ${action} ${JSON.stringify(context)}`).to.equal("ExplicitlyDenied");
                    }
                }
            }
        });

        it("a second deny with an unknown part is dropped for the proof: the known deny alone enforces", async () => {
            const vpcDeny = { Sid: "OnlyFromVpc", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpc": UNKNOWN } } };
            expect(await runPolicy(userRequiresMfa, userWith(doc(...ENROLLMENT_ALLOWS, mfaDenyStatement(), vpcDeny)))).to.deep.equal([]);
        });

        it("the only deny with an unknown part: not proven, named as what could not be verified", async () => {
            const [v, ...rest] = await runPolicy(userRequiresMfa, userWith(doc(...ENROLLMENT_ALLOWS, mfaDenyStatement({ Resource: UNKNOWN }))));
            expect(rest).to.deep.equal([]);
            expect(v.message).to.include('could not verify: policy "Staff" via group staff: the Resource of statement 3 is unknown until the update runs');
        });

        it("a deny known to lock enrollment out is refused before it exists, whatever the unknown Allow holds", async () => {
            const lockOut = doc(s3Allow(UNKNOWN), mfaDenyStatement({ NotAction: ["iam:GetUser"] }));
            const [v, ...rest] = await runResourcePolicy(enrollmentNotLockedOut, policy("Staff", lockOut));
            expect(rest).to.deep.equal([]);
            expect(v.message).to.match(/^policy "Staff" acts as the MFA deny but also denies enrolling: iam:CreateVirtualMFADevice/);
        });

        it("an unknown deny that might lock a user out is never dropped to pass the check: it is left to the update, as an unknown document is", async () => {
            // The enrollment allows are known; a deny of iam:* on an unknown resource may be the user's own ARN.
            const maybe = doc(...ENROLLMENT_ALLOWS, mfaDenyStatement(), { Sid: "NoIam", Effect: "Deny", Action: "iam:*", Resource: UNKNOWN });
            expect(await runPolicy(enrollmentNotLockedOut, userWith(maybe))).to.deep.equal([]);
            // …and once known, the checks refuse the value that locks out (the deny document itself, and the user).
            const known = instantiate(maybe, "arn:aws:iam::*:user/${aws:username}");
            const found = (await runPolicy(enrollmentNotLockedOut, userWith(known))).map((r) => r.message);
            expect(found).to.have.length(2);
            expect(found[0]).to.match(/^policy "Staff" acts as the MFA deny but also denies enrolling: iam:EnableMFADevice .*statement "NoIam" denies it without MFA/);
            expect(found[1]).to.match(/^user alice is subject to the MFA deny but cannot enroll a device without MFA: iam:EnableMFADevice .*statement "NoIam" denies it without MFA/);
        });
    });

    describe("iam-role-trust-requires-mfa", () => {
        const nativeRole = (document: unknown) => resource("aws-native:iam:Role", "deploy", { roleName: "deploy", assumeRolePolicyDocument: document });
        const CALLERS = [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${OTHER_ACCOUNT}:user/bob`];
        /** Whether some caller assumes the role without MFA, the unknown replaced by `value` (and the request meeting `context`). */
        async function someoneWithoutMfa(document: unknown, value: string, context: Record<string, string> = {}): Promise<boolean> {
            for (const caller of CALLERS) {
                for (const mfa of WITHOUT_MFA) {
                    const result = await simulate({
                        principal: caller,
                        action: "sts:AssumeRole",
                        resource: `arn:aws:iam::${ACCOUNT}:role/deploy`,
                        context: { ...mfa, ...context, "aws:PrincipalArn": caller },
                        identityPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] }],
                        resourcePolicy: instantiate(document, value),
                    });
                    if (result === "Allowed") {
                        return true;
                    }
                }
            }
            return false;
        }
        const PRINCIPALS = [`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${OTHER_ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:user/alice`, "*"];

        it("an unknown AWS principal in a statement that requires MFA passes, for every principal it may be", async () => {
            const document = doc({ Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });
            expect(await runPolicy(roleTrustRequiresMfa, [nativeRole(document)])).to.deep.equal([]);
            for (const value of PRINCIPALS) {
                expect(await someoneWithoutMfa(document, value), value).to.equal(false);
            }
        });

        it("an unknown external id beside the MFA condition passes; instead of it, the trust is left to the update", async () => {
            const guarded = doc({
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
                Action: "sts:AssumeRole",
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, StringEquals: { "sts:ExternalId": UNKNOWN } },
            });
            expect(await runPolicy(roleTrustRequiresMfa, [nativeRole(guarded)])).to.deep.equal([]);
            const unguarded = doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": UNKNOWN } } });
            await runResourcePolicy(roleTrustRequiresMfa, nativeRole(unguarded)).then(
                () => expect.fail("expected the advisory"),
                (err: Error) => expect(err.message).to.match(/^role deploy: trust built from values known only at update/),
            );
            for (const id of ["ext-1", "ext-2"]) {
                expect(await someoneWithoutMfa(guarded, id, { "sts:ExternalId": id }), id).to.equal(false);
                // The unguarded trust does let someone in for a value: not passed while unknown.
                expect(await someoneWithoutMfa(unguarded, id, { "sts:ExternalId": id }), id).to.equal(true);
            }
        });

        it("a known person path beside an unknown federated provider is refused at preview, as it is for every provider", async () => {
            const document = doc(
                { Effect: "Allow", Principal: { Federated: UNKNOWN }, Action: "sts:AssumeRoleWithWebIdentity" },
                { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "sts:AssumeRole" },
            );
            const [v, ...rest] = await runPolicy(roleTrustRequiresMfa, [nativeRole(document)]);
            expect(rest).to.deep.equal([]);
            expect(v.message).to.match(/^role deploy: statement 2 of its trust policy lets arn:aws:iam::111122223333:root assume it with MFA absent/);
            for (const provider of [`arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`, `arn:aws:iam::${ACCOUNT}:saml-provider/okta`]) {
                expect(await someoneWithoutMfa(document, provider), provider).to.equal(true);
            }
        });

        it("a deny with an unknown principal may block or not: left to the update, never passed on the deny's behalf", async () => {
            const document = doc(
                { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "sts:AssumeRole" },
                { Effect: "Deny", Principal: { AWS: UNKNOWN }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
            );
            await runResourcePolicy(roleTrustRequiresMfa, nativeRole(document)).then(
                () => expect.fail("expected the advisory"),
                (err: Error) => expect(err.message).to.match(/^role deploy: trust built from values known only at update/),
            );
            expect(await someoneWithoutMfa(document, "*")).to.equal(false);
            expect(await someoneWithoutMfa(document, `arn:aws:iam::${ACCOUNT}:root`)).to.equal(true);
        });
    });
});
