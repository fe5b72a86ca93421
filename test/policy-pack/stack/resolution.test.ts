import { expect } from "chai";
import { StackIndex } from "../../../policy-pack/stack/resolution";
import { forceMfaDocument, policy, resource, UNKNOWN, user } from "../stackFixtures";

const ACCOUNT = "123456789012";
const attachment = (policyArn: string, deps: Record<string, ReturnType<typeof policy>[]> = {}) =>
    resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "a", { user: "alice", policyArn }, deps);
const refsOf = (index: StackIndex, r: ReturnType<typeof resource>) => index.policiesOf(r, "policyArn", (n) => `policy "${n}"`);

describe("resolution: links resolved to the stack's entries as AWS resolves them", () => {
    it("a policy's own ARN, or its name and path in the stack's account", () => {
        const deny = resource("aws:iam/policy:Policy", "Deny", { name: "Deny", path: "/sec/", policy: forceMfaDocument(), arn: UNKNOWN });
        const alice = user("alice", { arn: `arn:aws:iam::${ACCOUNT}:user/alice` });
        const byName = attachment(`arn:aws:iam::${ACCOUNT}:policy/sec/Deny`);
        const index = new StackIndex([deny, alice, byName]);
        expect(index.account).to.equal(ACCOUNT);
        expect(refsOf(index, byName).map((r) => r.key)).to.deep.equal([deny.urn]);
        const [wrongPath] = refsOf(index, attachment(`arn:aws:iam::${ACCOUNT}:policy/Deny`));
        expect([wrongPath.unattachable, wrongPath.source.problem]).to.deep.equal([true, `arn:aws:iam::${ACCOUNT}:policy/Deny names no policy AWS will have: this stack's policy "Deny" is at path /sec/, not /, so the attachment fails and nothing is attached`]);
        const [otherAccount] = refsOf(index, attachment("arn:aws:iam::999999999999:policy/sec/Deny"));
        expect(otherAccount.source.problem).to.include("names a policy of account 999999999999, but this stack's principals are in account 123456789012");
        const [outside] = refsOf(index, attachment(`arn:aws:iam::${ACCOUNT}:policy/Other`));
        expect([outside.unattachable, outside.source.problem]).to.deep.equal([undefined, `arn:aws:iam::${ACCOUNT}:policy/Other is outside this stack and could not be evaluated`]);
    });

    it("an unknown ARN: one candidate is attached; several are choices; none is a problem", () => {
        const [a, b] = [policy("A", forceMfaDocument()), policy("B", forceMfaDocument())];
        const index = new StackIndex([a, b]);
        expect(refsOf(index, attachment(UNKNOWN, { policyArn: [a] })).map((r) => r.key)).to.deep.equal([a.urn]);
        const [ambiguous] = refsOf(index, attachment(UNKNOWN, { policyArn: [a, b] }));
        expect(ambiguous.candidates!.map((c) => c.key)).to.deep.equal([a.urn, b.urn]);
        expect(ambiguous.source.choices!.map((set) => set.map((s) => s.label))).to.deep.equal([['policy "A"'], ['policy "B"']]);
        const [untraced] = refsOf(index, attachment(UNKNOWN));
        expect(untraced.source.problem).to.equal("its ARN is unknown during preview and not traceable to a policy of this stack");
    });

    it("a list holding as many unknown ARNs as candidates holds them all", () => {
        const [a, b] = [policy("A", forceMfaDocument()), policy("B", forceMfaDocument())];
        const index = new StackIndex([a, b]);
        const native = resource("aws-native:iam:User", "u", { userName: "u", managedPolicyArns: [UNKNOWN, UNKNOWN] }, { managedPolicyArns: [a, b] });
        expect(index.policiesOf(native, "managedPolicyArns", (n) => n).map((r) => r.key)).to.deep.equal([a.urn, b.urn]);
    });

    it("names are one principal whatever their case; principals only named become entries outside the stack", () => {
        const g = resource("aws:iam/group:Group", "g", { name: "MFA-Enforced" });
        const index = new StackIndex([g]);
        const [same] = index.groupsOf(resource("x:y:Z", "m", { group: "mfa-enforced" }), "group", []);
        expect([same.urn, same.inStack]).to.deep.equal([g.urn, true]);
        const problems: string[] = [];
        const [other] = index.groupsOf(resource("x:y:Z", "m", { group: "ops" }), "group", problems);
        expect([other.inStack, other.name, problems]).to.deep.equal([false, "ops", []]);
        index.groupsOf(resource("x:y:Z", "m", { group: UNKNOWN }), "group", problems);
        expect(problems).to.deep.equal(['Z "m": group is unknown during preview and not traceable to a resource of this stack']);
    });
});
