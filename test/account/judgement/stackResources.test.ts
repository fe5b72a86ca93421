import { expect } from "chai";
import { accountResources } from "../../../account/judgement/stackResources";
import { buildIamGraph, IAM_TYPES } from "../../../policy-pack/evaluator";
import { ADMIN, MFA_DENY, MFA_TRUST, policyArn, sketchDetails } from "../accountSketch";

const FORCE_MFA = policyArn("ForceMFA");
const BOUNDARY = policyArn("Boundary");

describe("account — stackResources: the account as the pack's graph reads a stack", () => {
    const sketch = {
        users: { Alice: { groups: ["mfa-enforced"], inline: { own: ADMIN }, attached: [FORCE_MFA], boundary: BOUNDARY }, bob: {} },
        groups: { "mfa-enforced": { inline: { g: ADMIN }, attached: [FORCE_MFA] } },
        roles: { deploy: MFA_TRUST },
        policies: { [FORCE_MFA]: MFA_DENY, [BOUNDARY]: ADMIN },
    };

    it("a resource of the pack's type for each principal, policy, inline policy, attachment and membership", () => {
        const { resources } = accountResources(sketchDetails(sketch));
        const count = (type: string) => resources.filter((r) => r.type === type).length;
        expect(count(IAM_TYPES.user)).to.equal(2);
        expect(count(IAM_TYPES.group)).to.equal(1);
        expect(count(IAM_TYPES.role)).to.equal(1);
        expect(count(IAM_TYPES.policy)).to.equal(2);
        expect(count(IAM_TYPES.userPolicy)).to.equal(1);
        expect(count(IAM_TYPES.groupPolicy)).to.equal(1);
        expect(count(IAM_TYPES.userPolicyAttachment)).to.equal(1);
        expect(count(IAM_TYPES.groupPolicyAttachment)).to.equal(1);
        // a user in no group has no membership resource
        expect(resources.filter((r) => r.type === IAM_TYPES.userGroupMembership).map((r) => r.props)).to.deep.equal([{ user: "Alice", groups: ["mfa-enforced"] }]);
        expect(new Set(resources.map((r) => r.urn)).size).to.equal(resources.length);
    });

    it("every value known: names, ARNs, the boundary, the trust document and each policy's default document", () => {
        const { resources } = accountResources(sketchDetails(sketch));
        const alice = resources.find((r) => r.type === IAM_TYPES.user && r.name === "Alice")!;
        expect(alice.props).to.deep.equal({ name: "Alice", arn: "arn:aws:iam::111122223333:user/Alice", path: "/", permissionsBoundary: BOUNDARY });
        expect(resources.find((r) => r.name === "bob")!.props).to.not.have.property("permissionsBoundary");
        expect(resources.find((r) => r.type === IAM_TYPES.role)!.props).to.deep.include({ assumeRolePolicy: MFA_TRUST });
        expect(resources.find((r) => r.type === IAM_TYPES.policy && r.name === FORCE_MFA)!.props).to.deep.include({ name: "ForceMFA", arn: FORCE_MFA, policy: MFA_DENY });
    });

    it("urnOf names a principal's resource whatever the case of the name asked for", () => {
        const { resources, urnOf } = accountResources(sketchDetails(sketch));
        expect(urnOf("user", "ALICE")).to.equal(urnOf("user", "alice"));
        expect(resources.find((r) => r.urn === urnOf("user", "alice"))!.name).to.equal("Alice");
        expect(resources.find((r) => r.urn === urnOf("role", "Deploy"))!.type).to.equal(IAM_TYPES.role);
        expect(urnOf("user", "x")).to.not.equal(urnOf("group", "x"));
    });

    it("the pack's graph links them: the user's group, its attachments and its boundary", () => {
        const graph = buildIamGraph(accountResources(sketchDetails(sketch)).resources);
        const alice = graph.users.find((u) => u.name === "Alice")!;
        expect([...alice.groups].map((g) => g.displayName)).to.deep.equal(["mfa-enforced"]);
        expect(alice.boundary).to.not.equal(undefined);
        expect(graph.users.every((u) => u.inStack)).to.equal(true);
    });
});
