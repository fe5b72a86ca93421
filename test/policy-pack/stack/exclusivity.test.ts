import { expect } from "chai";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";
import { enforcedStack, group, groupMembership, policy, forceMfaDocument, resource, user } from "../stackFixtures";

describe("exclusivity: what AWS removes when a resource sets something exactly", () => {
    it("a GroupMembership sets the group's members: a user only added elsewhere is removed, and told why", () => {
        const [alice, zed] = [user("alice"), user("zed")];
        const g = group("ops");
        const added = resource("aws:iam/userGroupMembership:UserGroupMembership", "alice-ops", { user: "alice", groups: ["ops"] });
        const graph = buildIamGraph([g, alice, zed, added, groupMembership(g, [zed])]);
        const entry = graph.users.find((u) => u.name === "alice")!;
        expect([...entry.groups]).to.deep.equal([]);
        expect(entry.revoked[0]).to.match(/^GroupMembership "ops-members" sets the members of group ops exclusively and does not list alice/);
        expect(graph.groups.find((x) => x.name === "ops")!.setExactlyBy.map((s) => [s.kind, s.sets])).to.deep.equal([["GroupMembership", "members"]]);
    });

    it("a PolicyAttachment holds its policy alone, account-wide; exclusive policy sets replace what they cover", () => {
        const stack = enforcedStack([user("alice")], { arnKnown: true });
        const forceMfa = stack.find((r) => r.type === "aws:iam/policy:Policy")!;
        const only = resource("aws:iam/policyAttachment:PolicyAttachment", "bob-only", { policyArn: forceMfa.props.arn, users: ["bob"] });
        const graph = buildIamGraph([...stack, only]);
        expect(graph.policyAttachments.map((a) => [a.name, a.policy.key])).to.deep.equal([["bob-only", forceMfa.urn]]);
        const enforced = graph.groups.find((g) => g.name === "mfa-enforced")!;
        expect(enforced.effectiveAttached.size).to.equal(0);
        const extra = policy("Extra", forceMfaDocument(), { arnKnown: true });
        const exact = resource("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "exact", { groupName: "mfa-enforced", policyArns: [extra.props.arn] });
        const replaced = buildIamGraph([...stack, extra, exact]).groups.find((g) => g.name === "mfa-enforced")!;
        expect([...replaced.effectiveAttached.keys()]).to.deep.equal([extra.urn]);
    });

    it("an exclusive resource whose principal cannot be traced may strip anyone's deny", () => {
        const graph = buildIamGraph([resource("aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive", "who", { groupName: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", policyNames: [] })]);
        expect(graph.untracedExclusives.map((u) => u.urn)).to.have.length(1);
    });
});
