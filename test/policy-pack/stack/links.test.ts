import { expect } from "chai";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";
import { forceMfaDocument, group, resource, user } from "../stackFixtures";

const userOf = (resources: ReturnType<typeof resource>[], name: string) => buildIamGraph(resources).users.find((u) => u.name === name)!;

describe("links: what each IAM resource connects, read the way AWS links it", () => {
    it("memberships from every provider's resources", () => {
        const viaGroups = resource("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "alice", groups: ["ops", "dev"] });
        expect([...userOf([user("alice"), viaGroups], "alice").groups].map((g) => g.name)).to.deep.equal(["ops", "dev"]);
        const native = resource("aws-native:iam:User", "bob", { userName: "bob", groups: ["ops"] });
        expect([...userOf([native], "bob").groups].map((g) => g.name)).to.deep.equal(["ops"]);
    });

    it("inline policies; two of one name on one principal count as none unless they are the same document", () => {
        const inline = (name: string, policyName: string, document: string) => resource("aws:iam/userPolicy:UserPolicy", name, { user: "alice", name: policyName, policy: document });
        const same = userOf([user("alice"), inline("a", "deny", forceMfaDocument()), inline("b", "DENY", forceMfaDocument())], "alice");
        expect(same.inline.every((p) => p.source.document !== undefined)).to.equal(true);
        const different = userOf([user("alice"), inline("a", "deny", forceMfaDocument()), inline("b", "DENY", forceMfaDocument({ Resource: "arn:aws:s3:::x" }))], "alice");
        expect(different.inline.map((p) => p.source.problem)).to.satisfy((problems: string[]) => problems.every((p) => /AWS keeps only the one written last/.test(p)));
    });

    it("a login profile that requires a reset, or may (unknown during preview)", () => {
        const profile = (flag: unknown) => resource("aws:iam/userLoginProfile:UserLoginProfile", "p", { user: "alice", passwordResetRequired: flag });
        expect(userOf([user("alice"), profile(true)], "alice").passwordResetRequired).to.equal(true);
        expect(userOf([user("alice"), profile(false)], "alice").passwordResetRequired).to.equal(false);
        expect(userOf([user("alice"), profile("04da6b54-80e4-46f7-96ec-b56ff0331ba9")], "alice").passwordResetRequired).to.equal(true);
        expect(userOf([user("alice")], "alice").passwordResetRequired).to.equal(false);
    });

    it("a boundary and managed attachments reach the user; a group's reach its members through the group", () => {
        const boundary = user("alice", { permissionsBoundary: "arn:aws:iam::123456789012:policy/Boundary" });
        expect(userOf([boundary], "alice").boundary!.key).to.equal("arn:aws:iam::123456789012:policy/Boundary");
        const g = group("ops");
        const attached = resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "ga", { group: "ops", policyArn: "arn:aws:iam::123456789012:policy/X" });
        const graph = buildIamGraph([g, attached]);
        expect([...graph.groups[0].attached.keys()]).to.deep.equal(["arn:aws:iam::123456789012:policy/X"]);
    });
});
