import { expect } from "chai";
import { DEFAULT_ENROLLMENT_ALLOW_LIST, readGuardConfig } from "../../../policy-pack/guardConfig";
import { actionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { MfaDenyAnalyzer } from "../../../policy-pack/iam/mfaDenyAnalysis";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";
import { describeEscape, groupMfaStatus, userMfaStatus } from "../../../policy-pack/verdicts/principalMfaStatus";
import { ADMIN_DOCUMENT, enforcedStack, forceMfaDocument, group, groupPolicyAttachment, policy, resource, UNKNOWN, user } from "../stackFixtures";

const analyzer = new MfaDenyAnalyzer(actionCatalog(), DEFAULT_ENROLLMENT_ALLOW_LIST);
const statusOf = (resources: ReturnType<typeof resource>[], name = "alice") => userMfaStatus(buildIamGraph(resources).users.find((u) => u.name === name)!, analyzer, readGuardConfig({}));

describe("principalMfaStatus: whether a principal is subject to an MFA deny", () => {
    it("through its group; an unreadable document never undoes a proven deny", () => {
        expect(statusOf(enforcedStack([user("alice")])).result.enforced).to.equal(true);
        const outside = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "x", { user: "alice", policyArn: "arn:aws:iam::123456789012:policy/Unseen" });
        const status = statusOf([...enforcedStack([user("alice")]), outside]);
        expect([status.result.enforced, status.unverifiable]).to.deep.equal([true, ['policy "Unseen": arn:aws:iam::123456789012:policy/Unseen is outside this stack and could not be evaluated']]);
    });

    it("not enforced: the escape, why the denies fall short, and what could not be verified", () => {
        const outside = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "x", { user: "alice", policyArn: "arn:aws:iam::123456789012:policy/Unseen" });
        const status = statusOf([user("alice"), outside]);
        expect(describeEscape(status)).to.match(/^no policy denies \S+ with MFA absent \(long-term access keys\)\. could not verify: policy "Unseen"/);
    });

    it("an unknown link to several candidate policies: enforced only if every candidate enforces", () => {
        const [deny, other, admin] = [policy("Deny", forceMfaDocument()), policy("Deny2", forceMfaDocument()), policy("Admin", ADMIN_DOCUMENT)];
        const link = (deps: ReturnType<typeof policy>[]) => resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "a", { user: "alice", policyArn: UNKNOWN }, { policyArn: deps });
        expect(statusOf([deny, other, user("alice"), link([deny, other])]).result.enforced).to.equal(true);
        const either = statusOf([deny, admin, user("alice"), link([deny, admin])]);
        expect(either.result.enforced).to.equal(false);
        expect(either.unverifiable[0]).to.include('may name any of the policies "Deny", "Admin"');
    });

    it("a group is judged on its own documents, for any member", () => {
        const g = group("ops");
        const p = policy("Deny", forceMfaDocument());
        const graph = buildIamGraph([g, p, groupPolicyAttachment(g, p)]);
        expect(groupMfaStatus(graph.groups[0], analyzer).result.enforced).to.equal(true);
    });
});
