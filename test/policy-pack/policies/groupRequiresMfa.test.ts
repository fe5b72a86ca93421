import { expect } from "chai";
import { groupRequiresMfa } from "../../../policy-pack/policies/groupRequiresMfa";
import {
    ADMIN_DOCUMENT,
    enforcedStack,
    forceMfaDocument,
    group,
    groupMembership,
    groupPolicyAttachment,
    policy,
    resource,
    runStackPolicy,
    UNKNOWN,
    user,
} from "../stackFixtures";

describe("iam-group-requires-mfa", () => {
    it("passes a granting group whose members are all in the enforced group", async () => {
        const alice = user("alice");
        const admin = policy("Admin", ADMIN_DOCUMENT);
        const devs = group("developers");
        const stack = [...enforcedStack([alice]), admin, devs, groupPolicyAttachment(devs, admin), groupMembership(devs, [alice])];
        expect(await runStackPolicy(groupRequiresMfa, stack)).to.deep.equal([]);
    });

    it("passes the program's shape: existing account users (names only) in the enforced group", async () => {
        expect(await runStackPolicy(groupRequiresMfa, enforcedStack([]).concat(groupMembership(group("mfa-enforced"), ["carol", "dave"])))).to.deep.equal([]);
    });

    it("blocks a granting group with a member who escapes", async () => {
        const bob = user("bob");
        const admin = policy("Admin", ADMIN_DOCUMENT);
        const devs = group("developers");
        const [violation, ...rest] = await runStackPolicy(groupRequiresMfa, [admin, devs, groupPolicyAttachment(devs, admin), bob, groupMembership(devs, [bob])]);
        expect(rest).to.deep.equal([]);
        expect(violation.urn).to.equal(devs.urn);
        expect(violation.message).to.match(/^group developers grants permissions \(policy "Admin" via group developers\) to member bob, who escapes the MFA deny: no policy denies ec2:RunInstances/);
    });

    it("fails closed on a grant whose group cannot be traced: it may be any group with an escaping member", async () => {
        const devs = group("developers");
        const inline = resource("aws:iam/groupPolicy:GroupPolicy", "admin-inline", { group: UNKNOWN, policy: ADMIN_DOCUMENT });
        const [violation, ...rest] = await runStackPolicy(groupRequiresMfa, [devs, groupMembership(devs, ["mallory"]), inline]);
        expect(rest).to.deep.equal([]);
        expect(violation.urn).to.equal(devs.urn);
        expect(violation.message).to.include('inline policy "admin-inline" of an untraceable group, which may be this group\'s: GroupPolicy "admin-inline": group is unknown');
        // Same for a managed policy attached to an untraceable group.
        const admin = policy("Admin", ADMIN_DOCUMENT);
        const attach = resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "admin-attach", { group: UNKNOWN, policyArn: UNKNOWN }, { policyArn: [admin] });
        const [attached, ...others] = await runStackPolicy(groupRequiresMfa, [devs, groupMembership(devs, ["mallory"]), admin, attach]);
        expect(others).to.deep.equal([]);
        expect(attached.urn).to.equal(devs.urn);
        expect(attached.message).to.include('grants permissions (policy "Admin" via group (untraceable), which may be this group\'s: GroupPolicyAttachment "admin-attach": group is unknown');
        // A group whose members are all subject to the deny is not blocked by it.
        const alice = user("alice");
        expect(await runStackPolicy(groupRequiresMfa, [...enforcedStack([alice]), devs, groupMembership(devs, [alice]), inline])).to.deep.equal([]);
    });

    it("blocks a granting group with a member not declared in the stack (cannot be verified)", async () => {
        const admin = policy("Admin", ADMIN_DOCUMENT);
        const devs = group("developers");
        const [violation] = await runStackPolicy(groupRequiresMfa, [admin, devs, groupPolicyAttachment(devs, admin), groupMembership(devs, ["mallory"])]);
        expect(violation.message).to.include("member mallory (not declared in this stack");
    });

    it("does not block a group that grants nothing, nor exempt members", async () => {
        const bob = user("bob");
        const empty = group("readers");
        expect(await runStackPolicy(groupRequiresMfa, [empty, bob, groupMembership(empty, [bob])])).to.deep.equal([]);
        const admin = policy("Admin", ADMIN_DOCUMENT);
        const ops = group("ops");
        const config = { exemptUsers: [{ name: "bob", reason: "CI user with a scoped key, rotated daily" }] };
        expect(await runStackPolicy(groupRequiresMfa, [admin, ops, groupPolicyAttachment(ops, admin), bob, groupMembership(ops, [bob])], config)).to.deep.equal([]);
    });

    it("blocks the enforced group when it does not itself carry the MFA deny", async () => {
        const admin = policy("Admin", ADMIN_DOCUMENT);
        const enforced = group("mfa-enforced");
        const [violation] = await runStackPolicy(groupRequiresMfa, [admin, enforced, groupPolicyAttachment(enforced, admin)]);
        expect(violation.urn).to.equal(enforced.urn);
        expect(violation.message).to.match(/^group mfa-enforced is the enforced group but does not carry the MFA deny: no policy denies ec2:RunInstances/);
    });

    it("uses the configured enforced group name", async () => {
        const p = policy("ForceMFA", forceMfaDocument({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }));
        const g = group("all-humans");
        const violations = await runStackPolicy(groupRequiresMfa, [p, g, groupPolicyAttachment(g, p)], { enforcedGroupName: "all-humans" });
        expect(violations.map((v) => v.message)).to.satisfy((m: string[]) => m.length === 1 && m[0].startsWith("group all-humans is the enforced group"));
        expect(await runStackPolicy(groupRequiresMfa, [p, g, groupPolicyAttachment(g, p)])).to.deep.equal([]);
    });
});
