import { expect } from "chai";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";
import { readRole } from "../../../policy-pack/stack/roles";
import { resource, role } from "../stackFixtures";

const TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };

describe("roles: each role's trust, and the inline policies the stack puts on it", () => {
    it("a role alone, as Analyze sends it: its trust parsed as a trust policy", () => {
        const entry = readRole(role("fn", TRUST))!;
        expect([entry.name, entry.nameKnown, entry.trust.document!.statements.length]).to.deep.equal(["fn", true, 1]);
        expect(readRole(resource("aws:iam/user:User", "u", {}))).to.equal(undefined);
        const native = readRole(resource("aws-native:iam:Role", "n", { assumeRolePolicyDocument: TRUST }))!;
        expect([native.name, native.nameKnown]).to.deep.equal(["n", false]);
    });

    it("inline policies from every source, once per name; a role outside the stack collects its own", () => {
        const policyText = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
        const own = resource("aws:iam/role:Role", "fn", { name: "fn", assumeRolePolicy: JSON.stringify(TRUST), inlinePolicies: [{ name: "a", policy: policyText }] });
        const separate = resource("aws:iam/rolePolicy:RolePolicy", "b", { role: "fn", name: "b", policy: policyText });
        const again = resource("aws:iam/rolePolicy:RolePolicy", "a2", { role: "FN", name: "A", policy: policyText });
        const elsewhere = resource("aws:iam/rolePolicy:RolePolicy", "c", { role: "legacy", name: "c", policy: policyText });
        const graph = buildIamGraph([own, separate, again, elsewhere]);
        expect(graph.roles[0].inline.map((p) => p.name)).to.deep.equal(["a", "b"]);
        expect(graph.otherRoles.map((r) => [r.name, r.inline.length])).to.deep.equal([["legacy", 1]]);
    });
});
