import { expect } from "chai";
import { DEFAULT_SENSITIVE_ACTION_GROUPS, sensitiveActionGroupList } from "../../../account";
import { sensitiveActionsNeedFreshMfa } from "../../../policy-pack/policies/sensitiveActionsNeedFreshMfa";
import { forceMfaPolicyDocument } from "../../../program/enforcement/forceMfaPolicyDocument";
import { sensitiveActionsPolicyDocument } from "../../../program/sensitiveActions/sensitiveActionDenies";
import { ENROLLMENT_ALLOWS, FakeResource, forceMfaDocument, group, groupMembership, groupPolicyAttachment, mfaDenyStatement, policy, resource, role, runStackPolicy, UNKNOWN, user } from "../stackFixtures";

const DEFAULT_GROUPS = sensitiveActionGroupList(DEFAULT_SENSITIVE_ACTION_GROUPS);
const KMS_ONLY = { keys: { maxMfaAgeSeconds: 300, actions: ["kms:ScheduleKeyDeletion", "kms:DisableKey"] } };

/** alice in the enforced group, whose one policy holds these statements besides enrollment and the MFA deny. */
function aliceWith(...extra: Record<string, unknown>[]): FakeResource[] {
    const p = policy("ForceMFA", JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement(), ...extra] }));
    const g = group("mfa-enforced");
    const alice = user("alice");
    return [p, g, groupPolicyAttachment(g, p), alice, groupMembership(g, [alice])];
}

const ageDeny = (actions: string[], operator: string, age: string) => ({ Effect: "Deny", Action: actions, Resource: "*", Condition: { [operator]: { "aws:MultiFactorAuthAge": age } } });
const TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }] };

const run = (resources: FakeResource[], config: Record<string, unknown> = {}) => runStackPolicy(sensitiveActionsNeedFreshMfa, resources, config);

describe("sensitive-actions-need-fresh-mfa", () => {
    it("is advisory by default", () => {
        expect(sensitiveActionsNeedFreshMfa.enforcementLevel).to.equal("advisory");
    });

    it("passes the program's ForceMFA policy with its sensitive-action denies (the default set)", async () => {
        const document = forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200, sensitiveActionGroups: DEFAULT_GROUPS });
        const p = policy("ForceMFA", JSON.stringify(document));
        const g = group("mfa-enforced");
        const alice = user("alice");
        expect(await run([p, g, groupPolicyAttachment(g, p), alice, groupMembership(g, [alice])])).to.deep.equal([]);
    });

    it("names the group and an action a user gets with stale MFA when only the MFA deny holds", async () => {
        const reported = await run(aliceWith(), { sensitiveActionGroups: KMS_ONLY });
        expect(reported).to.have.length(1);
        expect(reported[0].message).to.match(/^user alice can use sensitive actions without fresh MFA: keys \(MFA at most 300 s old\): no policy denies kms:(ScheduleKeyDeletion|DisableKey) with MFA 301 s old/);
    });

    it("tells users that share a finding once, naming them and their groups", async () => {
        const p = policy("ForceMFA", forceMfaDocument());
        const g = group("mfa-enforced");
        const users = ["alice", "bob", "carol", "dan", "erin", "frank", "grace"].map((n) => user(n));
        const reported = await run([p, g, groupPolicyAttachment(g, p), ...users, groupMembership(g, users)], { sensitiveActionGroups: KMS_ONLY });
        expect(reported).to.have.length(1);
        expect(reported[0].urn).to.equal(users[0].urn);
        expect(reported[0].message).to.match(/^7 users \(alice, bob, carol, dan, erin and 2 more; in groups \[mfa-enforced\]\) can use sensitive actions without fresh MFA: keys /);
    });

    it("tells users of different groups once when the same documents reach them, naming the groups", async () => {
        const p = policy("ForceMFA", forceMfaDocument());
        const [eng, ops] = [group("eng"), group("ops")];
        const [alice, bob] = [user("alice"), user("bob")];
        const stack = [p, eng, ops, groupPolicyAttachment(eng, p), groupPolicyAttachment(ops, p), alice, bob, groupMembership(eng, [alice]), groupMembership(ops, [bob])];
        const reported = await run(stack, { sensitiveActionGroups: KMS_ONLY, enforcedGroupName: "eng" });
        expect(reported.map((r) => r.message)).to.have.length(1);
        expect(reported[0].message).to.match(/^2 users \(alice, bob; in groups \[eng\], \[ops\]\) can use sensitive actions/);
    });

    it("refuses a plain NumericGreaterThan: a request with no MFA age at all gets through the deny", async () => {
        // The user's own MFA deny refuses requests without MFA; this role has no other deny, so the gap shows.
        const p = policy("Sensitive", JSON.stringify({ Version: "2012-10-17", Statement: [ageDeny(["kms:*"], "NumericGreaterThan", "300")] }), { arnKnown: true });
        const admin = role("admin", TRUST);
        const attach = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "admin-sensitive", { role: "admin", policyArn: p.props.arn });
        const reported = await run([p, admin, attach], { sensitiveActionGroups: KMS_ONLY, sensitiveActionRoles: ["Admin"] });
        expect(reported).to.have.length(1);
        expect(reported[0].message).to.match(/^role admin's sessions can use sensitive actions without fresh MFA: keys .*MFA absent/);
    });

    it("refuses a deny whose limit is longer than the group's, and one that stops matching after a while", async () => {
        const tooLong = await run(aliceWith(ageDeny(["kms:*"], "NumericGreaterThanIfExists", "3600")), { sensitiveActionGroups: KMS_ONLY });
        expect(tooLong[0]?.message).to.match(/with MFA 301 s old/);
        const window = await run(
            aliceWith({ ...ageDeny(["kms:*"], "NumericGreaterThanIfExists", "300"), Condition: { NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "300" }, NumericLessThanIfExists: { "aws:MultiFactorAuthAge": "3600" } } }),
            { sensitiveActionGroups: KMS_ONLY },
        );
        expect(window[0]?.message).to.match(/with MFA 129600 s old/);
    });

    it("counts a NotAction deny that leaves the group's actions in, and refuses one that exempts them or is scoped to some keys", async () => {
        const notAction = (exempt: string[]) => ({ Effect: "Deny", NotAction: exempt, Resource: "*", Condition: { NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "300" } } });
        expect(await run(aliceWith(notAction(["s3:Get*"])), { sensitiveActionGroups: KMS_ONLY })).to.deep.equal([]);
        expect((await run(aliceWith(notAction(["kms:Disable*"])), { sensitiveActionGroups: KMS_ONLY }))[0]?.message).to.match(/kms:DisableKey/);
        const scoped = { ...ageDeny(["kms:*"], "NumericGreaterThanIfExists", "300"), Resource: "arn:aws:kms:*:*:key/prod-*" };
        expect((await run(aliceWith(scoped), { sensitiveActionGroups: KMS_ONLY }))[0]?.message).to.match(/is limited to Resource/);
    });

    it("counts the deny where IAM applies it: a permissions boundary's deny holds for the user", async () => {
        const boundary = policy("Boundary", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }, ageDeny(["kms:*"], "NumericGreaterThanIfExists", "300")] }), { arnKnown: true });
        const resources = aliceWith();
        const alice = resources.find((r) => r.name === "alice")!;
        alice.props.permissionsBoundary = boundary.props.arn;
        expect(await run([boundary, ...resources], { sensitiveActionGroups: KMS_ONLY })).to.deep.equal([]);
    });

    it("does not count an Allow with a fresh-MFA condition: any other Allow of the action bypasses it", async () => {
        const allowFresh = { Effect: "Allow", Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"], Resource: "*", Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "300" } } };
        expect(await run(aliceWith(allowFresh), { sensitiveActionGroups: KMS_ONLY })).to.have.length(1);
    });

    it("passes a deny of the group's actions within the limit, and a wildcard that covers them", async () => {
        expect(await run(aliceWith(ageDeny(["kms:ScheduleKeyDeletion", "kms:DisableKey"], "NumericGreaterThanIfExists", "300")), { sensitiveActionGroups: KMS_ONLY })).to.deep.equal([]);
        expect(await run(aliceWith(ageDeny(["KMS:*"], "NumericGreaterThanIfExists", "120")), { sensitiveActionGroups: KMS_ONLY })).to.deep.equal([]);
    });

    it("skips exempt users, and users whose enforcement is trusted from the org's stack", async () => {
        expect(await run(aliceWith(), { sensitiveActionGroups: KMS_ONLY, exemptUsers: [{ name: "alice", reason: "break-glass" }] })).to.deep.equal([]);
        const bob = user("bob");
        const intoOrgGroup = resource("aws:iam/userGroupMembership:UserGroupMembership", "bob-groups", { user: "bob", groups: ["mfa-enforced"] }, { user: [bob] });
        expect(await run([bob, intoOrgGroup], { sensitiveActionGroups: KMS_ONLY })).to.deep.equal([]);
    });

    it("judges only the roles it is told to, through every way a policy reaches a role", async () => {
        const program = sensitiveActionsPolicyDocument(DEFAULT_GROUPS);
        const p = policy("ForceMFASensitiveActions", JSON.stringify(program));
        const admin = role("admin", TRUST);
        const ci = role("ci", TRUST);
        // The first preview: the attachment's role and ARN are outputs, traced through its dependencies.
        const attach = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "admin-sensitive", { role: UNKNOWN, policyArn: UNKNOWN }, { role: [admin], policyArn: [p] });
        expect(await run([p, admin, ci, attach], { sensitiveActionRoles: ["admin"] })).to.deep.equal([]);
        const reported = await run([p, admin, ci, attach], { sensitiveActionRoles: ["admin", "ci"] });
        expect(reported.map((r) => r.urn)).to.deep.equal([ci.urn]);
        const inline = { ...role("ci", TRUST), props: { ...role("ci", TRUST).props, inlinePolicies: [{ name: "sensitive", policy: JSON.stringify(program) }] } };
        expect(await run([inline], { sensitiveActionRoles: ["ci"] })).to.deep.equal([]);
    });

    it("keeps only what a RolePolicyAttachmentsExclusive lists", async () => {
        const p = policy("ForceMFASensitiveActions", JSON.stringify(sensitiveActionsPolicyDocument(DEFAULT_GROUPS)), { arnKnown: true });
        const admin = role("admin", TRUST);
        const attach = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "admin-sensitive", { role: "admin", policyArn: p.props.arn });
        const exclusive = resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "admin-only", { roleName: "admin", policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] });
        expect(await run([p, admin, attach], { sensitiveActionRoles: ["admin"] })).to.deep.equal([]);
        expect(await run([p, admin, attach, exclusive], { sensitiveActionRoles: ["admin"] })).to.have.length(1);
    });

    it("refuses a config whose group would need a deny of an enrollment action", async () => {
        const reported = await run(aliceWith(), { sensitiveActionGroups: { self: { maxMfaAgeSeconds: 300, actions: ["iam:Enable*"] } } });
        expect(reported).to.have.length(1);
        expect(reported[0].message).to.match(/"iam:Enable\*" matches iam:EnableMFADevice, which users need without MFA to enroll/);
    });
});
