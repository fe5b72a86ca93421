import { expect } from "chai";
import { userRequiresMfa } from "../../../policy-pack/policies/userRequiresMfa";
import {
    ADMIN_DOCUMENT,
    enforcedStack,
    ENROLLMENT_ALLOWS,
    FakeResource,
    forceMfaDocument,
    group,
    groupMembership,
    groupPolicyAttachment,
    mfaDenyStatement,
    onlyReported,
    policy,
    resource,
    runStackPolicy,
    UNKNOWN,
    user,
} from "../stackFixtures";

const alice = () => user("alice");

async function violationsFor(resources: FakeResource[], config: Record<string, unknown> = {}) {
    return runStackPolicy(userRequiresMfa, resources, config);
}

/** The one violation the stack must produce: nothing else may be reported. */
const onlyViolation = (resources: FakeResource[], config: Record<string, unknown> = {}) => onlyReported(userRequiresMfa, resources, config);

/** A stack where alice's only deny is a ForceMFA-like document with the given deny statement changes. */
function stackWithDeny(denyOverrides: Record<string, unknown>) {
    const p = policy("Custom", forceMfaDocument(denyOverrides));
    const g = group("mfa-enforced");
    const a = alice();
    return [p, g, groupPolicyAttachment(g, p), a, groupMembership(g, [a])];
}

describe("iam-user-requires-mfa", () => {
    describe("passes users subject to the MFA deny", () => {
        it("through the enforced group, on the first preview when the policy ARN is still unknown", async () => {
            expect(await violationsFor(enforcedStack([alice(), user("bob", { path: "/eng/" })]))).to.deep.equal([]);
        });

        it("through the enforced group with known ARNs (as on `pulumi up`)", async () => {
            expect(await violationsFor(enforcedStack([alice()], { arnKnown: true }))).to.deep.equal([]);
        });

        it("through a UserGroupMembership", async () => {
            const p = policy("ForceMFA", forceMfaDocument());
            const g = group("mfa-enforced");
            const a = alice();
            const membership = resource("aws:iam/userGroupMembership:UserGroupMembership", "alice-groups", { user: "alice", groups: [UNKNOWN] }, { groups: [g], user: [a] });
            expect(await violationsFor([p, g, groupPolicyAttachment(g, p), a, membership])).to.deep.equal([]);
        });

        it("through an inline group policy", async () => {
            const g = group("mfa-enforced");
            const a = alice();
            const inline = resource("aws:iam/groupPolicy:GroupPolicy", "force", { group: "mfa-enforced", name: "force", policy: forceMfaDocument() }, { group: [g] });
            expect(await violationsFor([g, inline, a, groupMembership(g, [a])])).to.deep.equal([]);
        });

        it("through its own inline policy, its own attachment, and a PolicyAttachment", async () => {
            const a = alice();
            const inline = resource("aws:iam/userPolicy:UserPolicy", "own", { user: "alice", name: "own", policy: forceMfaDocument() });
            expect(await violationsFor([a, inline])).to.deep.equal([]);

            const p = policy("ForceMFA", forceMfaDocument());
            const attach = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "own", { user: "alice", policyArn: UNKNOWN }, { policyArn: [p], user: [a] });
            expect(await violationsFor([p, a, attach])).to.deep.equal([]);

            const b = user("bob");
            const multi = resource("aws:iam/policyAttachment:PolicyAttachment", "all", { users: ["alice", "bob"], policyArn: UNKNOWN }, { policyArn: [p], users: [a, b] });
            // Both users are enforced; the attachment itself is refused: exclusive account-wide, it strips the org's policy from everyone else.
            const [orgWide, ...others] = await violationsFor([p, a, b, multi]);
            expect(others).to.deep.equal([]);
            expect(orgWide.urn).to.equal(multi.urn);
            expect(orgWide.message).to.match(/^PolicyAttachment "all" attaches the org's enforcement policy ForceMFA exclusively: AWS detaches it from every user, group and role it does not list, account-wide/);
            const custom = policy("Custom", forceMfaDocument());
            const customMulti = resource("aws:iam/policyAttachment:PolicyAttachment", "all", { users: ["alice", "bob"], policyArn: UNKNOWN }, { policyArn: [custom], users: [a, b] });
            expect(await violationsFor([custom, a, b, customMulti])).to.deep.equal([]);
        });

        it("through its permissions boundary", async () => {
            const boundary = policy("Boundary", forceMfaDocument());
            const a = user("alice", { permissionsBoundary: UNKNOWN }, { permissionsBoundary: [boundary] });
            expect(await violationsFor([boundary, a])).to.deep.equal([]);
        });

        it("with the older Null-on-MultiFactorAuthAge form of the deny", async () => {
            expect(await violationsFor(stackWithDeny({ Condition: { Null: { "aws:MultiFactorAuthAge": "true" } } }))).to.deep.equal([]);
        });

        it("reading actions and condition keys case-insensitively, single values and object documents", async () => {
            const document = {
                Statement: {
                    Effect: "Deny",
                    NotAction: ["IAM:createvirtualmfadevice", "iam:ENABLEMFADEVICE", "iam:ListMfaDevices", "iam:resyncmfadevice", "iam:getuser", "STS:GetSessionToken"],
                    Resource: "*",
                    Condition: { BoolIfExists: { "AWS:MultiFactorAuthPresent": false } },
                },
            };
            const p = policy("AnyName", document);
            const g = group("mfa-enforced");
            const a = alice();
            expect(await violationsFor([p, g, groupPolicyAttachment(g, p), a, groupMembership(g, [a])])).to.deep.equal([]);
        });

        it("judging content, not names: a policy called `misc` with a correct deny passes", async () => {
            const p = policy("misc", JSON.stringify({ Statement: [mfaDenyStatement({ Sid: undefined })] }));
            const a = alice();
            const attach = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "misc", { user: "alice", policyArn: UNKNOWN }, { policyArn: [p] });
            expect(await violationsFor([p, a, attach])).to.deep.equal([]);
        });
    });

    describe("blocks users that escape", () => {
        it("a user left out of the enforced group, naming the path and an action that gets through", async () => {
            const bob = user("bob");
            const [violation, ...rest] = await violationsFor([...enforcedStack([alice()]), bob]);
            expect(rest).to.deep.equal([]);
            expect(violation.urn).to.equal(bob.urn);
            expect(violation.message).to.match(/^user bob: groups \[\]; no policy denies ec2:RunInstances with MFA absent/);
            // The group's members are set exactly by its GroupMembership: joining means being listed there.
            expect(violation.message).to.include('Fix: list bob in the users of GroupMembership "mfa-enforced-members", which sets the members of the group "mfa-enforced".');
        });

        it("a user in a group whose policy only allows", async () => {
            const p = policy("Admin", ADMIN_DOCUMENT);
            const g = group("developers");
            const a = alice();
            const violation = await onlyViolation([p, g, groupPolicyAttachment(g, p), a, groupMembership(g, [a])]);
            expect(violation.message).to.match(/^user alice: groups \[developers\]; no policy denies ec2:RunInstances/);
        });

        it("a Bool deny (lets long-term access keys through)", async () => {
            const violation = await onlyViolation(stackWithDeny({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }));
            expect(violation.message).to.include("MFA absent (long-term access keys)");
            expect(violation.message).to.include('uses "Bool" on aws:MultiFactorAuthPresent');
            expect(violation.message).to.include('use "BoolIfExists"');
        });

        it("a NotAction that exempts more than enrollment", async () => {
            const violation = await onlyViolation(stackWithDeny({ NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "s3:Get*"] }));
            expect(violation.message).to.include("no policy denies s3:GetObject");
            expect(violation.message).to.include("NotAction exempts s3:GetObject (s3:Get*)");
        });

        it("a deny whose MFA value is a policy variable, or which has no Resource: said plainly", async () => {
            const [variable] = await violationsFor(stackWithDeny({ Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "${aws:username}" } } }));
            expect(variable.message).to.include("also depends on a policy variable in its condition values, so it does not deny every request without MFA");
            const [noResource] = await violationsFor(stackWithDeny({ Resource: undefined }));
            expect(noResource.message).to.include(
                "AWS refuses its document (MalformedPolicyDocument: Statement 3 has neither Resource nor NotResource; IAM requires every statement of an identity policy to name its resources)",
            );
        });

        it("a ForAnyValue:…IfExists deny, which never matches a missing MFA key", async () => {
            const violation = await onlyViolation(stackWithDeny({ Condition: { "ForAnyValue:StringEqualsIfExists": { "aws:MultiFactorAuthPresent": "false" } } }));
            expect(violation.message).to.include("with MFA absent (long-term access keys)");
        });

        it("a deny limited to ARNs, naming an action that takes Resource \"*\"", async () => {
            const violation = await onlyViolation(stackWithDeny({ Resource: "arn:aws:*:*:*:*" }));
            expect(violation.message).to.match(/no policy denies \S+ with MFA absent/);
            expect(violation.message).to.include('so actions that take Resource "*" get through');
            expect(violation.message).not.to.include("ec2:RunInstances");
        });

        it("a deny scoped to some services", async () => {
            const violation = await onlyViolation(stackWithDeny({ NotAction: undefined, Action: ["s3:*", "ec2:*"] }));
            expect(violation.message).to.include("no policy denies iam:CreateUser");
        });

        it("a deny scoped to some resources", async () => {
            const violation = await onlyViolation(stackWithDeny({ Resource: "arn:aws:s3:::prod-*" }));
            expect(violation.message).to.include('is limited to Resource ["arn:aws:s3:::prod-*"]');
        });

        it("a deny with NotResource", async () => {
            const violation = await onlyViolation(stackWithDeny({ Resource: undefined, NotResource: "arn:aws:s3:::public/*" }));
            expect(violation.message).to.include("is limited to NotResource");
        });

        it("a deny that also depends on another key", async () => {
            const violation = await onlyViolation(
                stackWithDeny({ Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }),
            );
            expect(violation.message).to.include("also depends on aws:SourceIp");
        });

        it("a condition operator the evaluator cannot interpret (fails closed)", async () => {
            const violation = await onlyViolation(stackWithDeny({ Condition: { BoolIfExistz: { "aws:MultiFactorAuthPresent": "false" } } }));
            expect(violation.message).to.include('could not be evaluated (unknown condition operator "BoolIfExistz")');
        });

        it("a policy named ForceMFA whose content is wrong (no verdict rests on names)", async () => {
            const p = policy("ForceMFA", JSON.stringify({ Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement({ Sid: "ForceMFA", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } })] }));
            const g = group("mfa-enforced");
            const a = alice();
            const [violation, ...rest] = await violationsFor([p, g, groupPolicyAttachment(g, p), a, groupMembership(g, [a])]);
            expect(rest).to.deep.equal([]);
            expect(violation.urn).to.equal(a.urn);
            expect(violation.message).to.include('uses "Bool" on aws:MultiFactorAuthPresent');
        });

        it("a document that is not valid JSON, naming what could not be verified", async () => {
            const p = policy("Broken", '{"Statement": [');
            const a = alice();
            const attach = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "b", { user: "alice", policyArn: UNKNOWN }, { policyArn: [p] });
            const violation = await onlyViolation([p, a, attach]);
            expect(violation.message).to.include('could not verify: policy "Broken": AWS refuses its document (MalformedPolicyDocument: not valid JSON');
        });

        it("a document still unknown during preview", async () => {
            const p = policy("Later", UNKNOWN);
            const a = alice();
            const attach = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "l", { user: "alice", policyArn: UNKNOWN }, { policyArn: [p] });
            const violation = await onlyViolation([p, a, attach]);
            expect(violation.message).to.include("its document is unknown until the update runs");
        });

        it("an attachment whose ARN is unknown and cannot be traced", async () => {
            const a = alice();
            const attach = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "x", { user: "alice", policyArn: UNKNOWN });
            const violation = await onlyViolation([a, attach]);
            expect(violation.message).to.include("not traceable to a policy of this stack");
        });

        it("a customer managed policy outside the stack, which cannot be evaluated", async () => {
            const a = alice();
            const attach = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "x", { user: "alice", policyArn: "arn:aws:iam::123456789012:policy/TeamBaseline" });
            const violation = await onlyViolation([a, attach]);
            expect(violation.message).to.include("arn:aws:iam::123456789012:policy/TeamBaseline is outside this stack and could not be evaluated");
        });

        it("an exclusive attachment set that leaves ForceMFA out", async () => {
            const stack = enforcedStack([alice()]);
            const exclusive = resource("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "only", { groupName: "mfa-enforced", policyArns: [] });
            expect((await violationsFor([...stack, exclusive])).map((v) => v.urn)).to.deep.equal([stack.find((r) => r.name === "alice")!.urn]);
        });

        it("the other exclusive variants: inline names of the group or user, the user's attachments", async () => {
            const a = alice();
            const deny = resource("aws:iam/userPolicy:UserPolicy", "own-deny", { user: "alice", name: "own-deny", policy: forceMfaDocument() });
            const keepsDeny = resource("aws:iam/userPoliciesExclusive:UserPoliciesExclusive", "x", { userName: "alice", policyNames: ["own-deny"] });
            const dropsDeny = resource("aws:iam/userPoliciesExclusive:UserPoliciesExclusive", "x", { userName: "alice", policyNames: ["other"] });
            expect(await violationsFor([a, deny, keepsDeny])).to.deep.equal([]);
            const [dropped] = await violationsFor([a, deny, dropsDeny]);
            expect(dropped.message).to.include('inline policy "other" of user alice: it is not declared in this stack');

            const g = group("mfa-enforced");
            const groupDeny = resource("aws:iam/groupPolicy:GroupPolicy", "g-deny", { group: "mfa-enforced", name: "g-deny", policy: forceMfaDocument() });
            const members = groupMembership(g, [a]);
            const groupKeeps = resource("aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive", "y", { groupName: "mfa-enforced", policyNames: ["g-deny"] });
            const groupDrops = resource("aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive", "y", { groupName: "mfa-enforced", policyNames: [] });
            expect(await violationsFor([a, g, groupDeny, members, groupKeeps])).to.deep.equal([]);
            expect((await violationsFor([a, g, groupDeny, members, groupDrops])).map((v) => v.urn)).to.deep.equal([a.urn]);

            const p = policy("ForceMFA", forceMfaDocument(), { arnKnown: true });
            const attach = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "own", { user: "alice", policyArn: p.props.arn });
            const userKeeps = resource("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "z", { userName: "alice", policyArns: [p.props.arn] });
            const userDrops = resource("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "z", { userName: "alice", policyArns: [] });
            expect(await violationsFor([p, a, attach, userKeeps])).to.deep.equal([]);
            expect((await violationsFor([p, a, attach, userDrops])).map((v) => v.urn)).to.deep.equal([a.urn]);
        });

        it("an exclusive resource whose principal cannot be traced: it may strip anyone's deny", async () => {
            const exclusive = resource("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "only", { groupName: UNKNOWN, policyArns: [] });
            const violations = await violationsFor([...enforcedStack([alice()]), exclusive]);
            expect(violations.map((v) => v.urn)).to.deep.equal([exclusive.urn]);
            expect(violations[0].message).to.match(/^could not verify which principal this exclusive resource applies to \(GroupPolicyAttachmentsExclusive "only": groupName is unknown/);
        });

        it("a PolicyAttachment of ForceMFA elsewhere: AWS makes it exclusive and revokes the group's attachment", async () => {
            const stack = enforcedStack([alice()], { arnKnown: true });
            const forceMfa = stack.find((r) => r.type === "aws:iam/policy:Policy")!;
            const elsewhere = resource("aws:iam/policyAttachment:PolicyAttachment", "bob-only", { policyArn: forceMfa.props.arn, users: ["bob"] });
            const found = await violationsFor([...stack, elsewhere]);
            const [violation, ...rest] = found.filter((v) => v.urn !== elsewhere.urn);
            expect(rest).to.deep.equal([]);
            expect(violation.message).to.include('PolicyAttachment "bob-only" attaches policy "ForceMFA" exclusively and does not list mfa-enforced, so AWS revokes it');
            expect(found.filter((v) => v.urn === elsewhere.urn)).to.have.length(1);
            const listsGroup = resource("aws:iam/policyAttachment:PolicyAttachment", "both", { policyArn: forceMfa.props.arn, users: ["bob"], groups: ["mfa-enforced"] });
            // The group and bob keep it; every other holder of the org's policy, account-wide, does not.
            expect((await violationsFor([...stack, listsGroup])).map((v) => v.urn)).to.deep.equal([listsGroup.urn]);
        });

        it("exclusive resources whose target is untraceable, two GroupMemberships fighting over a group, a PolicyAttachment beside an exclusive set", async () => {
            const [a, b] = [alice(), user("bob")];
            const stack = enforcedStack([a, b]);
            const untracedMembership = resource("aws:iam/groupMembership:GroupMembership", "who", { group: UNKNOWN, users: ["alice"] });
            expect((await violationsFor([...stack, untracedMembership])).map((v) => v.urn)).to.deep.equal([untracedMembership.urn]);
            const untracedPolicy = resource("aws:iam/policyAttachment:PolicyAttachment", "what", { policyArn: UNKNOWN, users: ["bob"] });
            const [what] = await violationsFor([...stack, untracedPolicy]);
            expect(what.urn).to.equal(untracedPolicy.urn);
            expect(what.message).to.include('PolicyAttachment "what": its ARN is unknown during preview and not traceable');

            const g = stack.find((r) => r.type === "aws:iam/group:Group")!;
            const second = groupMembership(g, [b]);
            second.urn += "-second";
            const fighting = await violationsFor([...stack.filter((r) => r.type !== "aws:iam/groupMembership:GroupMembership"), groupMembership(g, [a]), second]);
            expect(fighting.map((v) => v.urn).sort()).to.deep.equal([a.urn, b.urn].sort());
            expect(fighting[0].message).to.include("each set the members of group mfa-enforced exclusively and not all of them list");

            const forceMfa = stack.find((r) => r.type === "aws:iam/policy:Policy")!;
            const onlyForceMfa = resource("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "only", { groupName: "mfa-enforced", policyArns: [UNKNOWN] }, { policyArns: [forceMfa] });
            const rolesOnly = resource("aws:iam/policyAttachment:PolicyAttachment", "roles", { policyArn: UNKNOWN, roles: ["deploy"] }, { policyArn: [forceMfa] });
            expect(await violationsFor([...stack, onlyForceMfa])).to.deep.equal([]);
            const revoked = (await violationsFor([...stack, onlyForceMfa, rolesOnly])).filter((v) => v.urn !== rolesOnly.urn);
            expect(revoked.map((v) => v.urn).sort()).to.deep.equal([a.urn, b.urn].sort());
            for (const v of revoked) {
                expect(v.message.split('PolicyAttachment "roles" attaches policy "ForceMFA" exclusively').length - 1, v.message).to.equal(1);
            }
        });

        it("an ARN built from the account and name (known in preview) is the stack's policy of that name", async () => {
            const stack = enforcedStack([alice()]); // ForceMFA's own arn is still unknown
            const built = "arn:aws:iam::123456789012:policy/ForceMFA";
            const rolesOnly = resource("aws:iam/policyAttachment:PolicyAttachment", "roles", { policyArn: built, roles: ["deploy"] });
            const [revoked] = await violationsFor([...stack, rolesOnly]);
            expect(revoked.message).to.include('PolicyAttachment "roles" attaches policy "ForceMFA" exclusively and does not list mfa-enforced');
            const a = user("carol");
            const own = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "carol-own", { user: "carol", policyArn: built });
            expect(await violationsFor([...stack, a, own])).to.deep.equal([]);
        });

        it("a UserGroupMembership into a group whose GroupMembership does not list the user: AWS removes it", async () => {
            const a = alice();
            const stack = enforcedStack([]); // GroupMembership of mfa-enforced with nobody
            const joins = resource("aws:iam/userGroupMembership:UserGroupMembership", "alice-groups", { user: "alice", groups: ["mfa-enforced"] });
            const violation = await onlyViolation([...stack, a, joins]);
            expect(violation.message).to.include("sets the members of group mfa-enforced exclusively and does not list alice");
            expect(await violationsFor([...stack.filter((r) => r.type !== "aws:iam/groupMembership:GroupMembership"), a, joins])).to.deep.equal([]);
        });
    });

    it("skips exempt users", async () => {
        const config = { exemptUsers: [{ name: "breakglass", reason: "root-equivalent emergency user, hardware MFA in a safe" }] };
        expect(await violationsFor([...enforcedStack([alice()]), user("breakglass")], config)).to.deep.equal([]);
        // IAM user names are unique regardless of case: "BreakGlass" is the same user.
        expect(await violationsFor([...enforcedStack([alice()]), user("BreakGlass")], config)).to.deep.equal([]);
        // A user whose IAM name is unknown is not exempt because its logical name matches.
        const unnamed = resource("aws:iam/user:User", "breakglass", { name: UNKNOWN, path: "/" });
        expect((await violationsFor([...enforcedStack([alice()]), unnamed], config)).map((v) => v.urn)).to.deep.equal([unnamed.urn]);
    });

    it("fails closed on an exemption without a reason", async () => {
        const violation = await onlyViolation(enforcedStack([alice()]), { exemptUsers: [{ name: "bob" }] });
        expect(violation.message).to.include('exemptUsers[0] (bob) needs a non-empty "reason"');
    });

    it("fails closed on an allow-list that names every service (it would turn the check off)", async () => {
        const violation = await onlyViolation(enforcedStack([alice()]), { enrollmentAllowList: ["*:*"] });
        expect(violation.message).to.include('enrollmentAllowList: "*:*" names every service');
    });

    it("never throws on odd input, and reads through @pulumi/policy's unknown-checking proxy", async () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const { unknownCheckingProxy } = require("@pulumi/policy/proxy");
        const odd = [
            resource("aws:iam/user:User", "weird", { name: 42, path: null }),
            resource("aws:iam/groupMembership:GroupMembership", "m", { group: { nested: true }, users: UNKNOWN }),
            resource("aws:iam/policy:Policy", "p", { policy: [1, 2, 3], arn: null }),
            resource("aws:iam/userPolicy:UserPolicy", "up", { user: UNKNOWN, policy: { Statement: [{ Effect: "Maybe" }] } }),
        ].map((r) => ({ ...r, props: unknownCheckingProxy(r.props) }));
        const reported = await violationsFor(odd);
        expect(reported).to.have.length(1);
        expect(reported[0].message).to.match(/^user weird: /);
    });
});
