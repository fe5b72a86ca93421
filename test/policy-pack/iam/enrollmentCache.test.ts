import { expect } from "chai";
import { CachedEnrollment, cachedEnrollment, clearEnrollmentCache } from "../../../policy-pack/iam/enrollmentCache";
import { NamedDocument } from "../../../policy-pack/iam/mfaDenyAnalysis";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";

const USER_KEYS: ReadonlySet<string> = new Set(["aws:username", "aws:principalarn"]);

const doc = (label: string, statements: unknown[]): NamedDocument => ({ label, document: parsePolicyDocument({ Version: "2012-10-17", Statement: statements }) });
const allow = (resource: string | string[], condition?: unknown) => ({ Effect: "Allow", Action: "iam:EnableMFADevice", Resource: resource, ...(condition ? { Condition: condition } : {}) });

/** An evaluation that records who it was asked for and what labels it saw. */
function recorder(answer: CachedEnrollment = { possible: true }) {
    const calls: { name: string; labels: string[] }[] = [];
    const evaluate = (user: { name: string }, identity: readonly NamedDocument[], boundary: readonly NamedDocument[]) => {
        calls.push({ name: user.name, labels: [...identity, ...boundary].map((d) => d.label) });
        return answer;
    };
    return { calls, evaluate };
}

describe("enrollmentCache: one lock-out answer per document set and path, per name only when names matter", () => {
    beforeEach(clearEnrollmentCache);
    after(clearEnrollmentCache);

    it("documents blind to the name (`*`, `…/*`, `…/${aws:username}`) are evaluated once for every user on a path", () => {
        const identity = [doc("enforced", [allow("*"), allow(["arn:aws:iam::*:mfa/*", "arn:aws:iam::*:user/${aws:username}"])])];
        const { calls, evaluate } = recorder();
        for (const name of ["alice", "bob", "carol"]) {
            expect(cachedEnrollment({ name, path: "/eng/" }, identity, [], USER_KEYS, evaluate)).to.deep.equal({ possible: true });
        }
        expect(calls.map((c) => c.name)).to.deep.equal(["alice"]);
        // another path is another question: the path is in the ARN the documents meet
        cachedEnrollment({ name: "dave", path: "/ops/" }, identity, [], USER_KEYS, evaluate);
        cachedEnrollment({ name: "erin" }, identity, [], USER_KEYS, evaluate);
        cachedEnrollment({ name: "frank", path: "/" }, identity, [], USER_KEYS, evaluate);
        expect(calls.map((c) => c.name)).to.deep.equal(["alice", "dave", "erin"]);
    });

    it("a resource that names a user, a name prefix or a variable before the last `/` is evaluated per user", () => {
        for (const resource of ["arn:aws:iam::*:user/alice", "arn:aws:iam::*:user/a*", "arn:aws:iam::*:user/*${aws:username}", "arn:aws:iam::*:${aws:username}/*", "arn:aws:iam::*:user/?"]) {
            clearEnrollmentCache();
            const { calls, evaluate } = recorder();
            const identity = [doc("p", [allow(resource)])];
            cachedEnrollment({ name: "alice" }, identity, [], USER_KEYS, evaluate);
            cachedEnrollment({ name: "bob" }, identity, [], USER_KEYS, evaluate);
            expect(calls.map((c) => c.name), resource).to.deep.equal(["alice", "bob"]);
        }
    });

    it("NotResource counts like Resource, and so do the boundary's documents", () => {
        const { calls, evaluate } = recorder();
        const blindIdentity = [doc("p", [allow("*")])];
        const notResource = [doc("n", [{ Effect: "Deny", Action: "*", NotResource: "arn:aws:iam::*:user/alice" }])];
        cachedEnrollment({ name: "alice" }, notResource, [], USER_KEYS, evaluate);
        cachedEnrollment({ name: "bob" }, notResource, [], USER_KEYS, evaluate);
        cachedEnrollment({ name: "alice" }, blindIdentity, notResource, USER_KEYS, evaluate);
        cachedEnrollment({ name: "bob" }, blindIdentity, notResource, USER_KEYS, evaluate);
        expect(calls.map((c) => c.name)).to.deep.equal(["alice", "bob", "alice", "bob"]);
    });

    it("a condition on a key bound to the user, or a value naming a policy variable, is evaluated per user", () => {
        const byKey = [doc("k", [allow("*", { StringEquals: { "AWS:UserName": "alice" } })])];
        const byValue = [doc("v", [allow("*", { StringLike: { "aws:RequestTag/owner": "${aws:username}" } })])];
        const otherKey = [doc("o", [allow("*", { Bool: { "aws:SecureTransport": "true" } })])];
        for (const [identity, perUser] of [[byKey, true], [byValue, true], [otherKey, false]] as const) {
            const { calls, evaluate } = recorder();
            cachedEnrollment({ name: "alice" }, identity, [], USER_KEYS, evaluate);
            cachedEnrollment({ name: "bob" }, identity, [], USER_KEYS, evaluate);
            expect(calls.length, identity[0].label).to.equal(perUser ? 2 : 1);
        }
    });

    it("a document read in part is blind only if its restrictive reading is too", () => {
        const { calls, evaluate } = recorder();
        const partial: NamedDocument = { ...doc("partial", [allow("*")]), restrictive: parsePolicyDocument({ Version: "2012-10-17", Statement: [allow("arn:aws:iam::*:user/alice")] }) };
        cachedEnrollment({ name: "alice" }, [partial], [], USER_KEYS, evaluate);
        cachedEnrollment({ name: "bob" }, [partial], [], USER_KEYS, evaluate);
        expect(calls.length).to.equal(2);
    });

    it("a name IAM would not accept gets an answer of its own even from blind documents", () => {
        const { calls, evaluate } = recorder();
        const identity = [doc("p", [allow("*")])];
        cachedEnrollment({ name: "alice" }, identity, [], USER_KEYS, evaluate);
        cachedEnrollment({ name: "not/a name" }, identity, [], USER_KEYS, evaluate);
        expect(calls.map((c) => c.name)).to.deep.equal(["alice", "not/a name"]);
    });

    it("evaluates under stand-in labels and puts each caller's own labels back into the reason", () => {
        const { calls, evaluate } = (() => {
            const calls: string[][] = [];
            return {
                calls,
                evaluate: (_u: { name: string }, identity: readonly NamedDocument[], boundary: readonly NamedDocument[]): CachedEnrollment => {
                    calls.push([...identity, ...boundary].map((d) => d.label));
                    return { possible: false, blocked: { requestIndex: 1, reason: `${identity[1].label} denies it; ${boundary[0].label} does not allow it`, context: "without MFA" } };
                },
            };
        })();
        const policy = parsePolicyDocument({ Version: "2012-10-17", Statement: [allow("*")] });
        const deny = parsePolicyDocument({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });
        const bound = parsePolicyDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
        const first = cachedEnrollment({ name: "alice" }, [{ label: "group a: allow", document: policy }, { label: "group a: deny", document: deny }], [{ label: "boundary of alice", document: bound }], USER_KEYS, evaluate);
        const second = cachedEnrollment({ name: "bob" }, [{ label: "group b: allow", document: policy }, { label: "group b: deny", document: deny }], [{ label: "boundary of bob", document: bound }], USER_KEYS, evaluate);
        expect(calls).to.have.length(1);
        expect(calls[0].every((label) => !/group|boundary/.test(label))).to.equal(true);
        expect(first.blocked).to.deep.equal({ requestIndex: 1, reason: "group a: deny denies it; boundary of alice does not allow it", context: "without MFA" });
        expect(second.blocked!.reason).to.equal("group b: deny denies it; boundary of bob does not allow it");
        expect(first.possible).to.equal(false);
    });

    it("documents are told apart by identity, and clearEnrollmentCache forgets every answer", () => {
        const { calls, evaluate } = recorder();
        const a = [doc("p", [allow("*")])];
        const sameText = [doc("p", [allow("*")])];
        cachedEnrollment({ name: "alice" }, a, [], USER_KEYS, evaluate);
        cachedEnrollment({ name: "alice" }, sameText, [], USER_KEYS, evaluate);
        cachedEnrollment({ name: "alice" }, a, [], USER_KEYS, evaluate);
        expect(calls.length).to.equal(2);
        clearEnrollmentCache();
        cachedEnrollment({ name: "alice" }, a, [], USER_KEYS, evaluate);
        expect(calls.length).to.equal(3);
    });
});
