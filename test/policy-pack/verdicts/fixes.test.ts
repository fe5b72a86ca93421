import { expect } from "chai";
import { DEFAULT_ENROLLMENT_ALLOW_LIST, readGuardConfig } from "../../../policy-pack/guardConfig";
import { actionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { MfaDenyAnalyzer } from "../../../policy-pack/iam/mfaDenyAnalysis";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";
import { userFix } from "../../../policy-pack/verdicts/fixes";
import { enforcedStack, forceMfaDocument, group, groupMembership, groupPolicyAttachment, policy, user } from "../stackFixtures";

const config = readGuardConfig({});
const analyzer = new MfaDenyAnalyzer(actionCatalog(), DEFAULT_ENROLLMENT_ALLOW_LIST);
const fixFor = (resources: ReturnType<typeof user>[], name: string) => {
    const graph = buildIamGraph(resources);
    return userFix(graph.users.find((u) => u.name === name)!, config, analyzer, graph.groups);
};

describe("fixes: the one step that makes a principal pass", () => {
    it("a user outside the enforced group joins it", () => {
        expect(fixFor([user("bob")], "bob")).to.equal('Fix: add bob to the group "mfa-enforced" (whose policy denies every action but MFA enrollment unless MFA is present).');
    });

    it("a user left out of the GroupMembership that sets the group's members is listed there", () => {
        expect(fixFor([...enforcedStack([user("alice")]), user("bob")], "bob")).to.equal('Fix: list bob in the users of GroupMembership "mfa-enforced-members", which sets the members of the group "mfa-enforced".');
    });

    it("a member of a broken enforced group is told what to correct in the group's deny", () => {
        const p = policy("ForceMFA", forceMfaDocument({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }));
        const g = group("mfa-enforced");
        const fix = fixFor([p, g, groupPolicyAttachment(g, p), user("alice"), groupMembership(g, [user("alice")])], "alice");
        expect(fix).to.match(/^Fix: alice is already in the group "mfa-enforced", whose policies do not make up the MFA deny: correct policy "ForceMFA" via group mfa-enforced: statement "DenyAllExceptEnrollmentWithoutMfa" uses "Bool"/);
    });
});
