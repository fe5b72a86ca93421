/**
 * Users that hold nothing themselves share one view of their groups' documents, and the analyses answer each shared
 * view once: what sets users apart — their names where a deny reads them, their own documents, links that could not
 * be traced — must still set their verdicts apart.
 */
import { expect } from "chai";
import { enrollmentNotLockedOut } from "../../../policy-pack/policies/enrollmentNotLockedOut";
import { userRequiresMfa } from "../../../policy-pack/policies/userRequiresMfa";
import { forceMfaDocument, group, groupMembership, groupPolicyAttachment, policy, resource, runStackPolicy, UNKNOWN, user } from "../stackFixtures";

/** alice, bob and carol in one group whose only deny is `document`. */
function teamWith(document: string) {
    const p = policy("TeamDeny", document);
    const g = group("team");
    const members = ["alice", "bob", "carol"].map((name) => user(name));
    return { p, g, members, stack: [p, g, groupPolicyAttachment(g, p), ...members, groupMembership(g, members)] };
}

const reportedUsers = (reported: { urn?: string }[]) => reported.map((r) => r.urn?.split("::").pop()).sort();

describe("force-mfa-guard's shared user documents", () => {
    it("judges each member by name when the group's deny reads aws:username", async () => {
        const { stack } = teamWith(forceMfaDocument({ Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, StringNotEquals: { "aws:username": "bob" } } }));
        const reported = await runStackPolicy(userRequiresMfa, stack);
        expect(reportedUsers(reported)).to.deep.equal(["bob"]);
        expect(reported[0].message).to.match(/^user bob: groups \[team\]; /);
    });

    it("judges a member with a policy of its own on that policy too, and the others without it", async () => {
        const { members, stack } = teamWith(forceMfaDocument({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }));
        const own = resource("aws:iam/userPolicy:UserPolicy", "alice-force", { user: "alice", name: "force", policy: forceMfaDocument() }, { user: [members[0]] });
        const reported = await runStackPolicy(userRequiresMfa, [...stack, own]);
        expect(reportedUsers(reported)).to.deep.equal(["bob", "carol"]);
        expect(reported.every((r) => /"Bool" on aws:MultiFactorAuthPresent/.test(r.message))).to.equal(true);
    });

    it("names what could not be traced only for the member it concerns", async () => {
        const { members, stack } = teamWith(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }));
        const untraced = resource("aws:iam/userGroupMembership:UserGroupMembership", "carol-more", { user: "carol", groups: [UNKNOWN] }, { user: [members[2]] });
        const reported = await runStackPolicy(userRequiresMfa, [...stack, untraced]);
        expect(reportedUsers(reported)).to.deep.equal(["alice", "bob", "carol"]);
        for (const r of reported) {
            const concernsCarol = /UserGroupMembership "carol-more": groups is unknown during preview/.test(r.message);
            expect(concernsCarol, r.message).to.equal(r.urn!.endsWith("::carol"));
        }
    });

    it("finds the same verdict for members whose groups were listed in another order", async () => {
        const force = policy("ForceMFA", forceMfaDocument());
        const enforced = group("mfa-enforced");
        const team = group("team");
        const [alice, bob] = [user("alice"), user("bob")];
        const byTeamFirst = resource("aws:iam/userGroupMembership:UserGroupMembership", "bob-groups", { user: "bob", groups: ["team", "mfa-enforced"] }, { user: [bob] });
        const byEnforcedFirst = resource("aws:iam/userGroupMembership:UserGroupMembership", "alice-groups", { user: "alice", groups: ["mfa-enforced", "team"] }, { user: [alice] });
        const stack = [force, enforced, team, groupPolicyAttachment(enforced, force), alice, bob, byTeamFirst, byEnforcedFirst];
        expect(await runStackPolicy(userRequiresMfa, stack)).to.deep.equal([]);
        expect(await runStackPolicy(enrollmentNotLockedOut, stack)).to.deep.equal([]);
    });
});
