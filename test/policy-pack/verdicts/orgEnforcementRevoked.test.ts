import { expect } from "chai";
import { DEFAULT_ENROLLMENT_ALLOW_LIST, readGuardConfig } from "../../../policy-pack/guardConfig";
import { actionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { MfaDenyAnalyzer } from "../../../policy-pack/iam/mfaDenyAnalysis";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";
import { orgEnforcementRevocations } from "../../../policy-pack/verdicts/orgEnforcementRevoked";
import { ADMIN_DOCUMENT, enforcedStack, forceMfaDocument, group, policy, resource, user } from "../stackFixtures";

const config = readGuardConfig({});
const analyzer = new MfaDenyAnalyzer(actionCatalog(), DEFAULT_ENROLLMENT_ALLOW_LIST);
const revocations = (resources: ReturnType<typeof resource>[]) => orgEnforcementRevocations(buildIamGraph(resources), config, analyzer);

describe("orgEnforcementRevoked: what a stack may not take from principals it does not declare", () => {
    it("setting the members or policies of the enforced group another stack declares", () => {
        const membership = resource("aws:iam/groupMembership:GroupMembership", "m", { group: "mfa-enforced", users: ["svc"] });
        const [v] = revocations([user("svc"), membership]);
        expect(v.urn).to.equal(membership.urn);
        expect(v.message).to.match(/^GroupMembership "m" sets the members of the org's enforced group mfa-enforced, which this stack does not declare, exactly/);
        // The stack that declares the group sets its members by design.
        expect(revocations(enforcedStack([user("svc")]))).to.deep.equal([]);
        // Another group's members are this stack's to set.
        expect(revocations([group("ops"), resource("aws:iam/groupMembership:GroupMembership", "o", { group: "ops", users: [] })])).to.deep.equal([]);
    });

    it("a PolicyAttachment of a trusted policy, the stack's or the org's, names what it detaches", () => {
        const org = resource("aws:iam/policyAttachment:PolicyAttachment", "p", { policyArn: "arn:aws:iam::123456789012:policy/forcemfa", users: ["svc"] });
        expect(revocations([user("svc"), org]).map((v) => v.urn)).to.deep.equal([org.urn]);
        const custom = policy("Custom", forceMfaDocument());
        const other = resource("aws:iam/policyAttachment:PolicyAttachment", "c", { policyArn: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", users: ["svc"] }, { policyArn: [custom] });
        expect(revocations([custom, user("svc"), other])).to.deep.equal([]);
    });

    it("a trusted-name policy nobody here holds must itself enforce", () => {
        expect(revocations([policy("ForceMFA", ADMIN_DOCUMENT)]).map((v) => v.message.split(":")[0])).to.deep.equal(["policy ForceMFA carries a name this pack trusts as the org's MFA deny (enforcementPolicyNames), so every principal of the account holding it passes on trust — but this document does not deny ec2"]);
        expect(revocations([policy("ForceMFA", forceMfaDocument())])).to.deep.equal([]);
    });
});
