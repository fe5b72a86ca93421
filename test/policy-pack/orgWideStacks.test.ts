/**
 * The pack enforced on every stack of the org: team stacks that use the org's enforced group, stacks written with the
 * aws-native provider (alone or mixed with aws), names linked as IAM links them, and fixes that name the one step
 * that makes the principal pass. Each case goes through the analyzer protocol, the pack started as the CLI starts it.
 */
import { expect } from "chai";
import { blocking, only, PackUnderTest } from "./analyzerProtocol";
import {
    ADMIN_DOCUMENT,
    ENROLLMENT_ALLOWS,
    enforcedStack,
    forceMfaDocument,
    group,
    groupMembership,
    groupPolicyAttachment,
    mfaDenyStatement,
    policy,
    resource,
    role,
    UNKNOWN,
    user,
} from "./stackFixtures";

const ACCOUNT = "123456789012";
const FORCE_MFA_OBJECT = JSON.parse(forceMfaDocument());

const nativeUser = (name: string, props: Record<string, unknown> = {}, deps = {}) => resource("aws-native:iam:User", name, { userName: name, path: "/", ...props }, deps);
const nativeGroup = (name: string, props: Record<string, unknown> = {}) => resource("aws-native:iam:Group", name, { groupName: name, ...props });
const nativePolicy = (name: string, document: unknown, props: Record<string, unknown> = {}, deps = {}) =>
    resource("aws-native:iam:ManagedPolicy", name, { managedPolicyName: name, policyDocument: document, policyArn: UNKNOWN, ...props }, deps);
const userGroupMembership = (u: ReturnType<typeof user>, groups: string[]) =>
    resource("aws:iam/userGroupMembership:UserGroupMembership", `${u.name}-groups`, { user: u.props.name, groups }, { user: [u] });

describe("force-mfa-guard on every stack of the org (over the analyzer protocol)", function () {
    this.timeout(240_000);
    const pack = new PackUnderTest();
    before(() => pack.start());
    after(() => pack.close());

    describe("team stacks: enforcement declared in the force-mfa stack is trusted", () => {
        it("a user put in the org's enforced group passes, and the advisory names what is trusted", async () => {
            const svc = user("svc");
            const verdicts = await pack.preview([svc, userGroupMembership(svc, ["mfa-enforced"])]);
            expect(blocking(verdicts)).to.deep.equal([]);
            const notice = only(verdicts, "mfa-exemptions-visible");
            expect([notice.level, notice.urn]).to.deep.equal(["advisory", svc.urn]);
            expect(notice.message).to.equal(
                "user svc: enforced by the org's group mfa-enforced, declared in another stack — trusted by this pack's configuration, not proven in this stack",
            );
        });

        it("the org's ForceMFA attached directly (by ARN) passes too; the names trusted are configurable", async () => {
            const svc = user("svc");
            const attach = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "svc-mfa", { user: "svc", policyArn: `arn:aws:iam::${ACCOUNT}:policy/ForceMFA` }, { user: [svc] });
            const verdicts = await pack.preview([svc, attach]);
            expect(blocking(verdicts)).to.deep.equal([]);
            expect(only(verdicts, "mfa-exemptions-visible").message).to.match(/^user svc: enforced by the org's policy ForceMFA, declared in another stack/);

            await pack.configure({ "iam-user-requires-mfa": { enforcementPolicyNames: ["OrgMfa"] } });
            try {
                const v = only(blocking(await pack.preview([svc, attach])), "iam-user-requires-mfa");
                expect([v.level, v.urn]).to.deep.equal(["mandatory", svc.urn]);
                expect(v.message).to.include(`arn:aws:iam::${ACCOUNT}:policy/ForceMFA is outside this stack and could not be evaluated`);
                expect(v.message).to.include('Fix: add svc to the group "mfa-enforced"');
            } finally {
                await pack.configure({});
            }
        });

        it("not trusted when the stack sets the enforced group's policies exactly: judged on what it lists", async () => {
            const svc = user("svc");
            const exclusive = resource("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "strip", { groupName: "mfa-enforced", policyArns: [] });
            const verdicts = blocking(await pack.preview([svc, userGroupMembership(svc, ["mfa-enforced"]), exclusive]));
            const v = only(verdicts.filter((x) => x.urn === svc.urn), "iam-user-requires-mfa");
            // The exclusive set itself is refused: it strips the group's policies for every member, account-wide.
            expect(only(verdicts.filter((x) => x.urn === exclusive.urn), "iam-user-requires-mfa").message).to.match(
                /^GroupPolicyAttachmentsExclusive "strip" sets the managed policies of the org's enforced group mfa-enforced, which this stack does not declare, exactly/,
            );
            expect(v.message).to.match(/^user svc: groups \[mfa-enforced\]; no policy denies ec2:RunInstances with MFA absent/);
            expect(v.message).to.include('Fix: svc is already in the group "mfa-enforced", whose policies do not make up the MFA deny: attach a policy with "Deny"');
        });
    });

    describe("every fix is the one step that makes the principal pass", () => {
        it("a member of the enforced group with a broken deny is told to correct the deny, not to join the group", async () => {
            const p = policy("ForceMFA", forceMfaDocument({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }));
            const g = group("mfa-enforced");
            const alice = user("alice");
            const verdicts = blocking(await pack.preview([p, g, groupPolicyAttachment(g, p), alice, groupMembership(g, [alice])]));
            const onAlice = only(verdicts, "iam-user-requires-mfa");
            expect(onAlice.message).to.include(
                'Fix: alice is already in the group "mfa-enforced", whose policies do not make up the MFA deny: correct policy "ForceMFA" via group mfa-enforced: ' +
                    'statement "DenyAllExceptEnrollmentWithoutMfa" uses "Bool" on aws:MultiFactorAuthPresent',
            );
            expect(onAlice.message).not.to.include("Fix: add alice");
            const onGroup = only(verdicts, "iam-group-requires-mfa");
            expect(onGroup.urn).to.equal(g.urn);
            expect(onGroup.message).to.include('Fix: correct policy "ForceMFA" via group mfa-enforced: statement "DenyAllExceptEnrollmentWithoutMfa" uses "Bool"');
            expect(onGroup.message).not.to.include("Fix: attach");
        });

        it("an enforced group whose deny exempts a user by name: its members pass, the group is told its deny must hold for any member", async () => {
            const deny = { Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, StringNotEquals: { "aws:username": "breakglass" } } };
            const p = policy("ForceMFA", forceMfaDocument(deny));
            const g = group("mfa-enforced");
            const alice = user("alice");
            const verdicts = blocking(await pack.preview([p, g, groupPolicyAttachment(g, p), alice, groupMembership(g, [alice])]));
            // A condition every member meets (members are IAM users) is no exemption.
            const forUsers = policy("ForceMFA", forceMfaDocument({ Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, StringEquals: { "aws:PrincipalType": "User" } } }));
            expect(blocking(await pack.preview([forUsers, g, groupPolicyAttachment(g, forUsers), alice, groupMembership(g, [alice])]))).to.deep.equal([]);
            // alice is not breakglass: for her the deny holds.
            expect(verdicts.filter((v) => v.policy === "iam-user-requires-mfa")).to.deep.equal([]);
            const onGroup = only(verdicts, "iam-group-requires-mfa");
            expect(onGroup.urn).to.equal(g.urn);
            expect(onGroup.level).to.equal("mandatory");
            expect(onGroup.message).to.include('statement "DenyAllExceptEnrollmentWithoutMfa" also depends on aws:username');
            expect(onGroup.message).to.include(
                'Fix: in policy "ForceMFA" via group mfa-enforced: statement "DenyAllExceptEnrollmentWithoutMfa", drop the condition on aws:username: ' +
                    "team stacks put members into this group on trust, so its deny must hold for every member; a user who must act without MFA is left " +
                    "out of the group and listed in exemptUsers with a reason.",
            );
        });

        it("a user an exclusive GroupMembership removes is told to be listed there", async () => {
            const alice = user("alice");
            const zed = user("zed");
            const stack = enforcedStack([zed]);
            const verdicts = blocking(await pack.preview([...stack, alice, userGroupMembership(alice, ["mfa-enforced"])]));
            const v = only(verdicts, "iam-user-requires-mfa");
            expect(v.urn).to.equal(alice.urn);
            expect(v.message).to.include('Fix: list alice in the users of GroupMembership "mfa-enforced-members", which sets the members of the group "mfa-enforced".');
        });

        it("a role trusting a service and an account in one statement is told to split it, a service role never to add MFA", async () => {
            const mixed = role("deploy", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com", AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] });
            const v = only(blocking(await pack.preview([mixed])), "iam-role-trust-requires-mfa");
            expect([v.level, v.urn]).to.deep.equal(["mandatory", mixed.urn]);
            expect(v.message).to.include(
                `Fix: move arn:aws:iam::${ACCOUNT}:root out of statement 1 (which also trusts Service principals, who carry no MFA) into a statement of its own with "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}.`,
            );
            const broken = role("worker", '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}]}');
            const w = only(blocking(await pack.preview([broken])), "iam-role-trust-requires-mfa");
            expect(w.message).to.include("AWS refuses its document (MalformedPolicyDocument: Statement 1 has Resource; IAM refuses it in a trust policy)");
            expect(w.message).not.to.include("MultiFactorAuthPresent");
        });

        it("an auto-named group is named by its logical name, not its URN", async () => {
            const devs = resource("aws:iam/group:Group", "developers", { path: "/" });
            const admin = resource("aws:iam/groupPolicy:GroupPolicy", "devs-admin", { group: UNKNOWN, name: "admin", policy: ADMIN_DOCUMENT }, { group: [devs] });
            const bob = user("bob");
            const members = resource("aws:iam/groupMembership:GroupMembership", "devs-members", { group: UNKNOWN, users: ["bob"] }, { group: [devs], users: [bob] });
            const v = only(blocking(await pack.preview([devs, admin, bob, members])), "iam-group-requires-mfa");
            expect(v.message).to.match(/^group developers grants permissions \(inline policy "admin" of group developers\) to member bob/);
            expect(v.message).not.to.include("urn:pulumi");
        });
    });

    describe("the aws-native provider, alone and mixed with aws", () => {
        it("a native stack like the program's passes: ManagedPolicy on the Group by name, User.groups", async () => {
            const p = nativePolicy("ForceMFA", FORCE_MFA_OBJECT, { groups: ["mfa-enforced"] });
            const verdicts = await pack.preview([p, nativeGroup("mfa-enforced"), nativeUser("alice", { groups: ["mfa-enforced"] })]);
            expect(blocking(verdicts)).to.deep.equal([]);
        });

        it("mixed providers link across each other: an aws group and its ForceMFA, a native user in it", async () => {
            const stack = enforcedStack([]);
            expect(blocking(await pack.preview([...stack.filter((r) => !r.type.endsWith("GroupMembership")), nativeUser("alice", { groups: ["mfa-enforced"] })]))).to.deep.equal([]);
        });

        it("a native User holding AdministratorAccess in no group", async () => {
            const admin = nativeUser("ops", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
            const v = only(blocking(await pack.preview([admin])), "iam-user-requires-mfa");
            expect([v.level, v.urn]).to.deep.equal(["mandatory", admin.urn]);
            expect(v.message).to.match(/^user ops: groups \[\]; no policy denies ec2:RunInstances with MFA absent/);
            expect(v.message).to.include('Fix: add ops to the group "mfa-enforced"');
        });

        it("a native Role trusting the account root without MFA (its trust an object)", async () => {
            const r = resource("aws-native:iam:Role", "deploy", {
                roleName: "deploy",
                assumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] },
            });
            const v = only(blocking(await pack.preview([r])), "iam-role-trust-requires-mfa");
            expect([v.level, v.urn]).to.deep.equal(["mandatory", r.urn]);
            expect(v.message).to.match(/^role deploy: statement 1 of its trust policy lets arn:aws:iam::123456789012:root assume it with MFA absent/);
            expect(v.message).to.include('Fix: add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}');
        });

        it("a native ManagedPolicy with a Bool deny, linked through propertyDependencies on the first preview", async () => {
            const g = nativeGroup("mfa-enforced");
            const p = nativePolicy("ForceMFA", JSON.parse(forceMfaDocument({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } })), { groups: [UNKNOWN] }, { groups: [g] });
            const alice = nativeUser("alice", { groups: [UNKNOWN] }, { groups: [g] });
            const verdicts = blocking(await pack.preview([g, p, alice]));
            expect(only(verdicts, "iam-user-requires-mfa").message).to.include('uses "Bool" on aws:MultiFactorAuthPresent, which never matches when the key is absent');
            expect(only(verdicts, "iam-group-requires-mfa").urn).to.equal(g.urn);
        });

        it("native inline policies: User.policies, UserPolicy", async () => {
            const alice = nativeUser("alice", { policies: [{ policyName: "force", policyDocument: FORCE_MFA_OBJECT }] });
            expect(blocking(await pack.preview([alice]))).to.deep.equal([]);
            const bob = nativeUser("bob");
            const inline = resource("aws-native:iam:UserPolicy", "bob-force", { userName: "bob", policyName: "force", policyDocument: FORCE_MFA_OBJECT });
            expect(blocking(await pack.preview([bob, inline]))).to.deep.equal([]);
        });
    });

    describe("names as IAM links them", () => {
        it("a GroupMembership on MFA-ENFORCED is the enforced group's: listing only zed, it removes alice", async () => {
            const alice = user("alice");
            const zed = user("zed");
            const stack = enforcedStack([alice]).filter((r) => !r.type.endsWith("GroupMembership"));
            const upper = resource("aws:iam/groupMembership:GroupMembership", "upper", { group: "MFA-ENFORCED", users: ["zed"] });
            const verdicts = blocking(await pack.preview([...stack, zed, userGroupMembership(alice, ["mfa-enforced"]), upper]));
            const v = only(verdicts, "iam-user-requires-mfa");
            expect(v.urn).to.equal(alice.urn);
            expect(v.message).to.include('GroupMembership "upper" sets the members of group mfa-enforced exclusively and does not list alice');
        });

        it("two inline policies of one name on one group: AWS keeps one, so neither counts", async () => {
            const g = group("mfa-enforced");
            const alice = user("alice");
            const force = resource("aws:iam/groupPolicy:GroupPolicy", "force", { group: "mfa-enforced", name: "force", policy: forceMfaDocument() });
            const other = resource("aws:iam/groupPolicy:GroupPolicy", "force-too", { group: "mfa-enforced", name: "Force", policy: ADMIN_DOCUMENT });
            const v = only(blocking(await pack.preview([g, force, other, alice, groupMembership(g, [alice])])), "iam-user-requires-mfa");
            expect(v.message).to.include('2 inline policies named "force" are declared on mfa-enforced (GroupPolicy "force", GroupPolicy "force-too"): AWS keeps only the one written last');
        });

        it("two managed policies of one name: AWS creates one, so neither counts", async () => {
            const stack = enforcedStack([user("alice")]);
            const twin = policy("ForceMFA", ADMIN_DOCUMENT);
            const renamed = { ...twin, name: "ForceMFA-twin", urn: `${twin.urn}-twin` };
            const v = only(blocking(await pack.preview([...stack, renamed])), "iam-user-requires-mfa");
            expect(v.message).to.include('2 managed policies of this stack are named "ForceMFA" ("ForceMFA", "ForceMFA-twin"): AWS creates only one of them');
        });
    });

    describe("AWS's size quotas (whitespace not counted)", () => {
        const padded = (length: number) => {
            const statement = { Sid: "Pad", Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"b".repeat(length)}/*` };
            return JSON.parse(forceMfaDocument()).Statement.concat([statement]);
        };
        it("a managed policy over 6,144 characters denies nothing", async () => {
            const stack = enforcedStack([user("alice")]);
            const p = stack[0];
            (p.props as Record<string, unknown>).policy = JSON.stringify({ Version: "2012-10-17", Statement: padded(6000) }, null, 4);
            const v = only(blocking(await pack.preview(stack)), "iam-user-requires-mfa");
            expect(v.message).to.match(/AWS refuses it \(LimitExceeded: a managed policy is at most 6,144 characters, whitespace not counted; this one has 6,\d{3}\)/);
        });

        it("a user's inline policies over 2,048 characters together deny nothing", async () => {
            const alice = user("alice");
            const inline = resource("aws:iam/userPolicy:UserPolicy", "own", { user: "alice", name: "own", policy: JSON.stringify({ Version: "2012-10-17", Statement: padded(1500) }) });
            const v = only(blocking(await pack.preview([alice, inline])), "iam-user-requires-mfa");
            expect(v.message).to.include("AWS refuses the inline policies of user alice (LimitExceeded: together at most 2,048 characters for a user");
        });

        describe("a role's inline policies over 10,240 characters together: pulumi up fails", () => {
            const MFA_TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }] };
            const document = (length: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"b".repeat(length)}/*` }] }, null, 4);
            const roleQuota = /^role deployer: its inline policies are 1\d,\d{3} characters together \(whitespace not counted: .*\), over IAM's quota of 10,240 for a role's inline policies: AWS refuses at `pulumi up` \(LimitExceeded\), so at least one of them is not put and the update fails\. Fix: shorten them to 10,240 characters together, or move statements into a managed policy attached to the role\.$/;

            it("aws: Role.inlinePolicies and a RolePolicy, linked by name or through the graph", async () => {
                const r = resource("aws:iam/role:Role", "deployer", { name: "deployer", assumeRolePolicy: JSON.stringify(MFA_TRUST), inlinePolicies: [{ name: "read", policy: document(6000) }] });
                const byName = resource("aws:iam/rolePolicy:RolePolicy", "write", { role: "Deployer", name: "write", policy: document(5000) });
                const v = only(blocking(await pack.preview([r, byName])), "iam-role-trust-requires-mfa");
                expect(v.urn).to.equal(r.urn);
                expect(v.level).to.equal("mandatory");
                expect(v.message).to.match(roleQuota);
                expect(v.message).to.include('"read" (Role "deployer"), "write" (RolePolicy "write")');
                // During a first preview the role's name reaches the RolePolicy unknown: followed to the role.
                const traced = resource("aws:iam/rolePolicy:RolePolicy", "write", { role: UNKNOWN, name: "write", policy: document(5000) }, { role: [r] });
                expect(only(blocking(await pack.preview([r, traced])), "iam-role-trust-requires-mfa").message).to.match(roleQuota);
            });

            it("aws-native: Role.policies and a RolePolicy", async () => {
                const r = resource("aws-native:iam:Role", "deployer", { roleName: "deployer", assumeRolePolicyDocument: MFA_TRUST, policies: [{ policyName: "read", policyDocument: JSON.parse(document(6000)) }] });
                const separate = resource("aws-native:iam:RolePolicy", "write", { roleName: "deployer", policyName: "write", policyDocument: JSON.parse(document(5000)) });
                expect(only(blocking(await pack.preview([r, separate])), "iam-role-trust-requires-mfa").message).to.match(roleQuota);
            });

            it("within the quota, whitespace not counted: no violation", async () => {
                const r = resource("aws:iam/role:Role", "deployer", { name: "deployer", assumeRolePolicy: JSON.stringify(MFA_TRUST), inlinePolicies: [{ name: "read", policy: document(5000) }] });
                const other = resource("aws:iam/rolePolicy:RolePolicy", "write", { role: "deployer", name: "write", policy: document(5000) });
                expect(JSON.parse(other.props.policy as string)).to.be.an("object");
                expect((r.props.inlinePolicies as { policy: string }[])[0].policy.length + (other.props.policy as string).length).to.be.greaterThan(10_240);
                expect(blocking(await pack.preview([r, other]))).to.deep.equal([]);
            });

            it("one name is one policy: a role's state read back from AWS lists its RolePolicy documents, counted once", async () => {
                const read = resource("aws:iam/rolePolicy:RolePolicy", "read", { role: "deployer", name: "read", policy: document(4000) });
                const write = resource("aws:iam/rolePolicy:RolePolicy", "write", { role: "deployer", name: "write", policy: document(4000) });
                const state = resource("aws:iam/role:Role", "deployer", {
                    name: "deployer",
                    assumeRolePolicy: JSON.stringify(MFA_TRUST),
                    inlinePolicies: [{ name: "read", policy: read.props.policy }, { name: "Write", policy: write.props.policy }],
                });
                expect(blocking(await pack.analyzeState([state, read, write]))).to.deep.equal([]);
                // A third policy takes them over the quota together, once each.
                const more = resource("aws:iam/rolePolicy:RolePolicy", "more", { role: "deployer", name: "more", policy: document(3000) });
                const v = only(blocking(await pack.analyzeState([state, read, write, more])), "iam-role-trust-requires-mfa");
                expect(v.message).to.match(/^role deployer: its inline policies are 1\d,\d{3} characters together/);
                expect(v.message.match(/"read"/g)).to.have.length(1);
            });

            it("a role outside the stack: the policies this stack puts on it, reported on the first of them", async () => {
                const first = resource("aws:iam/rolePolicy:RolePolicy", "read", { role: "deployer", name: "read", policy: document(6000) });
                const second = resource("aws:iam/rolePolicy:RolePolicy", "write", { role: "deployer", name: "write", policy: document(5000) });
                const v = only(blocking(await pack.preview([first, second])), "iam-role-trust-requires-mfa");
                expect(v.urn).to.equal(first.urn);
                expect(v.message).to.match(/^role deployer: the inline policies this stack puts on it are 1\d,\d{3} characters together/);
            });
        });

        it("a trust policy over 2,048 characters is refused unless the configured quota is raised", async () => {
            const users = Array.from({ length: 40 }, (_v, i) => `arn:aws:iam::${ACCOUNT}:user/administrator-${i}`);
            const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: users }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }] };
            const r = role("admin", trust);
            const v = only(blocking(await pack.preview([r])), "iam-role-trust-requires-mfa");
            expect(v.message).to.match(/^role admin: its trust policy is 2,\d{3} characters \(whitespace not counted\), over the account's quota "Role trust policy length" of 2,048/);
            await pack.configure({ "iam-role-trust-requires-mfa": { trustPolicyLengthQuota: 4096 } });
            try {
                expect(blocking(await pack.preview([r]))).to.deep.equal([]);
            } finally {
                await pack.configure({});
            }
        });
    });

    it("enrollment statements use the stack's own allow-list shape", () => {
        expect(ENROLLMENT_ALLOWS).to.have.length(2);
        expect(mfaDenyStatement().NotAction).to.include("iam:GetMFADevice");
    });
});
