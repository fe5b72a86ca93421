/**
 * The cross-check of the pack's reading of documents against @cloud-copilot/iam-simulate (AGPL; a devDependency used
 * only as a test oracle), where the simulator models the rule: which documents are refused (its validator), and
 * `${*}` `${?}` `${$}` as literal characters in StringLike values. Where the simulator does not model a rule the
 * pack applies, the divergence is listed here and in docs/evaluator-cross-check.md with the AWS documentation that
 * decides it; a listed divergence that stops occurring fails the test.
 */
import { expect } from "chai";
import { statementSelectsResource } from "../../policy-pack/iam/arn";
import { evaluateConditions } from "../../policy-pack/iam/conditions";
import { parsePolicyDocument, PolicyDocumentError } from "../../policy-pack/iam/policyDocument";
import { ACCOUNT, isError, simulate } from "./oracle/simulator";

const allow = (extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::oracle-bucket/*", ...extra });
const doc = (statement: unknown, top: Record<string, unknown> = { Version: "2012-10-17" }) => ({ ...top, Statement: [statement] });

/** Documents with the rule they break (or none), as identity policies. */
const DOCUMENTS: [string, unknown, "simulator does not model" | undefined][] = [
    ["valid", doc(allow()), undefined],
    ["valid, Version 2008-10-17", doc(allow(), { Version: "2008-10-17" }), undefined],
    ["valid, no Version", doc(allow(), {}), undefined],
    ["Version 2012-10-18", doc(allow(), { Version: "2012-10-18" }), undefined],
    ["Version as a number", doc(allow(), { Version: 2012 }), undefined],
    ['element "Conditions"', doc(allow({ Conditions: { Bool: { "aws:SecureTransport": "true" } } })), undefined],
    ['top-level element "Statements"', { Version: "2012-10-17", Statement: [allow()], Statements: [] }, undefined],
    ["Sid 42", doc(allow({ Sid: 42 })), undefined],
    ["action without a service prefix", doc(allow({ Action: "*Object" })), undefined],
    ["action with two colons", doc(allow({ Action: "s3:Get:Object" })), undefined],
    ["Effect in lower case", doc(allow({ Effect: "allow" })), undefined],
    ["Sid with a hyphen", doc(allow({ Sid: "allow-read" })), "simulator does not model"],
    ["the same Sid twice", { Version: "2012-10-17", Statement: [allow({ Sid: "A" }), allow({ Sid: "A" })] }, "simulator does not model"],
    ["Principal in an identity policy", doc(allow({ Principal: "*" })), undefined],
    ["the Kelvin sign in an action", doc(allow({ Action: "s3:GetObj\u212Aect" })), undefined],
    ["condition key without a service prefix", doc(allow({ Condition: { StringEquals: { username: "alice" } } })), "simulator does not model"],
];

async function simulatorRefuses(document: unknown): Promise<boolean> {
    const result = await simulate({
        principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::oracle-bucket/key",
        context: {},
        identityPolicies: [document],
    });
    return isError(result);
}

function packRefuses(document: unknown): boolean {
    try {
        parsePolicyDocument(document, "identity");
        return false;
    } catch (err) {
        if (err instanceof PolicyDocumentError) {
            return true;
        }
        throw err;
    }
}

describe("document rules and literal escapes, cross-checked against @cloud-copilot/iam-simulate", () => {
    for (const [what, document, divergence] of DOCUMENTS) {
        it(`${what}: ${divergence ? "refused by the pack (AWS's rule; " + divergence + ")" : "the pack and the simulator agree"}`, async () => {
            const pack = packRefuses(document);
            const simulator = await simulatorRefuses(document);
            if (divergence) {
                expect([pack, simulator], "a listed divergence that no longer occurs must be removed").to.deep.equal([true, false]);
            } else {
                expect(pack).to.equal(simulator);
            }
        });
    }

    // Version 2008-10-17 or none: IAM has no policy variables ("IAM JSON policy elements: Version": with the older
    // version, variables such as ${aws:username} are treated as literal strings). The simulator substitutes anyway.
    for (const top of [{ Version: "2008-10-17" }, {}]) {
        it(`Version ${"Version" in top ? top.Version : "absent"}: \${aws:username} in a Resource is literal text (the pack; the simulator substitutes it)`, async () => {
            const policy = doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::oracle-bucket/${aws:username}" }, top);
            const simulator = await simulate({
                principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
                action: "s3:GetObject",
                resource: "arn:aws:s3:::oracle-bucket/alice",
                context: { "aws:username": "alice" },
                identityPolicies: [policy],
            });
            const statement = parsePolicyDocument(policy).statements[0];
            const pack = statementSelectsResource(statement, "arn:aws:s3:::oracle-bucket/alice", new Map([["aws:username", "alice"]]));
            expect([pack, simulator], "a listed divergence that no longer occurs must be removed").to.deep.equal(["no", "Allowed"]);
        });
    }

    // StringLike on aws:username: ${*} ${?} ${$} are the characters themselves, * and ? wildcards.
    const patterns = ["al${?}ce", "al${*}", "${$}alice", "al?ce", "al*", "a${*}e", "${?}"];
    const users = ["alice", "al?ce", "al*", "$alice", "?", "a*e"];
    for (const pattern of patterns) {
        it(`StringLike aws:username "${pattern}" matches the same users in both`, async () => {
            for (const username of users) {
                const policy = doc(allow({ Condition: { StringLike: { "aws:username": pattern } } }));
                const simulator = await simulate({
                    principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
                    action: "s3:GetObject",
                    resource: "arn:aws:s3:::oracle-bucket/key",
                    context: { "aws:username": username },
                    identityPolicies: [policy],
                });
                const statement = parsePolicyDocument(policy).statements[0];
                const pack = evaluateConditions(statement.conditions, { keys: new Map([["aws:username", [username]]]) });
                expect(pack === "true" ? "Allowed" : "ImplicitlyDenied", `${pattern} vs ${username}`).to.equal(simulator);
            }
        });
    }
});
