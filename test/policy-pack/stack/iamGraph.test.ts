import { expect } from "chai";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";
import { enforcedStack, resource, role, user } from "../stackFixtures";

describe("iamGraph: the stack's principals and what reaches each, as AWS will link them", () => {
    it("users, groups, roles and policies of the stack; principals only named become entries too", () => {
        const graph = buildIamGraph([...enforcedStack([user("alice")]), role("fn", { Version: "2012-10-17", Statement: [] }), resource("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "bob", groups: ["ops"] })]);
        expect(graph.users.map((u) => [u.name, u.inStack])).to.deep.equal([["alice", true], ["bob", false]]);
        expect(graph.groups.map((g) => [g.name, g.inStack])).to.deep.equal([["mfa-enforced", true], ["ops", false]]);
        expect(graph.roles.map((r) => r.name)).to.deep.equal(["fn"]);
        expect(graph.policies.map((p) => p.name)).to.deep.equal(["ForceMFA"]);
    });

    it("each user's account: its own ARN's, else the one the stack's known ARNs name", () => {
        const graph = buildIamGraph([user("alice", { arn: "arn:aws:iam::123456789012:user/alice" }), user("bob")]);
        expect(graph.users.map((u) => u.account)).to.deep.equal(["123456789012", "123456789012"]);
        expect(buildIamGraph([user("carol")]).users[0].account).to.equal(undefined);
    });
});
