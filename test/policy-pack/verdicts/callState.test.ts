/**
 * What the pack shares within one AnalyzeStack call (the IAM graph, lock-out answers) never leaks into a verdict it
 * does not belong to: another stack judged right after, or a user the documents tell apart by name.
 */
import { expect } from "chai";
import { enrollmentNotLockedOut } from "../../../policy-pack/policies/enrollmentNotLockedOut";
import { groupRequiresMfa } from "../../../policy-pack/policies/groupRequiresMfa";
import { userRequiresMfa } from "../../../policy-pack/policies/userRequiresMfa";
import { blocking, PackUnderTest } from "../analyzerProtocol";
import { enforcedStack, forceMfaDocument, resource, runStackPolicy, user } from "../stackFixtures";

describe("force-mfa-guard's per-call sharing", () => {
    it("judges a second stack with the same resource names on its own properties, even in the same turn", async () => {
        const good = enforcedStack([user("bob")]);
        const broken = enforcedStack([user("bob")]);
        broken[0] = { ...broken[0], props: { ...broken[0].props, policy: forceMfaDocument({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }) } };
        const [first, second] = await Promise.all([runStackPolicy(userRequiresMfa, good), runStackPolicy(groupRequiresMfa, broken)]);
        expect(first).to.deep.equal([]);
        expect(second.map((r) => r.message).join("\n")).to.match(/^group mfa-enforced is the enforced group but does not carry the MFA deny/);
        expect((await runStackPolicy(userRequiresMfa, broken)).map((r) => r.message).join("\n")).to.match(/^user bob: /);
    });

    it("over the analyzer protocol, in the engine's sequences, each AnalyzeStack call gets its own graph, whatever the previous call's URNs", async function () {
        this.timeout(240_000);
        const good = enforcedStack([user("bob")]);
        const broken = enforcedStack([user("bob")]);
        broken[0] = { ...broken[0], props: { ...broken[0].props, policy: forceMfaDocument({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }) } };
        const pack = new PackUnderTest();
        await pack.start();
        try {
            // A preview, then `pulumi policy analyze` on each state: per resource Remediate and Analyze, then AnalyzeStack.
            const sequences = [(s: typeof good) => pack.preview(s), (s: typeof good) => pack.analyzeState(s)];
            for (const judge of sequences) {
                const [a, b, c] = [await judge(good), await judge(broken), await judge(good)];
                expect(blocking(a)).to.deep.equal([]);
                expect(blocking(b).map((v) => v.policy).sort()).to.deep.equal(["iam-group-requires-mfa", "iam-user-requires-mfa"]);
                expect(blocking(c)).to.deep.equal([]);
            }
        } finally {
            await pack.close();
        }
    });

    it("tells users apart when the documents name one of them, and shares the answer when they do not", async () => {
        const users = ["alice", "bob", "carol"].map((name) => user(name));
        const stack = enforcedStack(users);
        const group = stack[1];
        stack.push(
            resource("aws:iam/groupPolicy:GroupPolicy", "no-alice", {
                name: "NoAliceDevices",
                group: group.props.name,
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:EnableMFADevice", Resource: "arn:aws:iam::*:user/alice" }] }),
            }, { group: [group] }),
        );
        const reported = await runStackPolicy(enrollmentNotLockedOut, stack);
        expect(reported.map((r) => r.urn)).to.deep.equal([users[0].urn]);
        expect(reported[0].message).to.match(/^user alice is subject to the MFA deny but cannot enroll .* on arn:aws:iam::\d{12}:user\/alice .*inline policy "NoAliceDevices"/);
    });
});
