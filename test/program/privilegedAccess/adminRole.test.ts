/**
 * Admin role: the trust document builder, its meaning proven with the independent IAM evaluator
 * `@cloud-copilot/iam-simulate` (AGPL, devDependency, tests only), the component under mocks, and — the crucial
 * property — that the trust JSON is a KNOWN string during preview even when the users it names are being created in
 * the same deployment, so the CrossGuard pack can evaluate it.
 */
import * as aws from "@pulumi/aws";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { ResourceValidationArgs } from "@pulumi/policy";
import { expect } from "chai";
import { adminRoleTrustDocument, DEFAULT_ADMIN_POLICY_ARN, iamUserArn, MfaAdminRole, policyLength, trustPolicyLengthVerdict } from "../../../program/privilegedAccess/adminRole";
import { roleTrustRequiresMfa } from "../../../policy-pack/policies/roleTrustRequiresMfa";
import { ACCOUNT, installMocks, MockRegistry, parseJson, settle, UNKNOWN, urnOf } from "../pulumiMocks";

const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/eng/bob`;
const CAROL = `arn:aws:iam::${ACCOUNT}:user/carol`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/mfa-admin`;

type Outcome = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

const MFA = {
    absent: {},
    false: { "aws:MultiFactorAuthPresent": "false" },
    fresh: { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "60" },
    stale: { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "7200" },
} as const;

/** sts:AssumeRole of the admin role by `principal`, the trust document as the role's resource policy. */
async function assume(trust: unknown, principal: string, context: Record<string, string>, identityAllowsAll = false): Promise<Outcome> {
    const response = await runSimulation(
        {
            request: {
                principal,
                action: "sts:AssumeRole",
                resource: { resource: ROLE_ARN, accountId: ACCOUNT },
                contextVariables: { ...context, "aws:PrincipalArn": principal },
            },
            identityPolicies: identityAllowsAll
                ? [{ name: "allow-all", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }]
                : [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: trust,
        },
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator refused the request: ${JSON.stringify(response.errors)}`);
    }
    if (response.resultType === "single") {
        expect(response.result.ignoredContextKeys ?? [], "the simulator must use every context key").to.deep.equal([]);
    }
    return response.overallResult as Outcome;
}

async function packViolations(props: Record<string, unknown>): Promise<string[]> {
    const reported: string[] = [];
    const role = { type: "aws:iam/role:Role", urn: "urn:pulumi:test::force-mfa::aws:iam/role:Role::admin", name: "admin", props, dependencies: [], propertyDependencies: {} };
    const args = { ...role, getConfig: () => ({}) } as unknown as ResourceValidationArgs;
    await roleTrustRequiresMfa.validateResource(args, (message: string) => reported.push(message));
    return reported;
}

describe("admin role trust document (pure builder)", () => {
    it("user ARNs from the account id, names and paths", () => {
        expect(iamUserArn(ACCOUNT, "alice")).to.equal(ALICE);
        expect(iamUserArn(ACCOUNT, "bob", "/eng/")).to.equal(BOB);
        expect(() => iamUserArn(ACCOUNT, "bob", "eng")).to.throw(/must start and end with "\/"/);
    });

    it("one Allow for exactly the named users: Bool MFA present AND MFA younger than the maximum age", () => {
        const doc = adminRoleTrustDocument({ trustedUserArns: [BOB, ALICE, ALICE], maxMfaAgeSeconds: 3600 });
        expect(doc).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "NamedUsersWithFreshMfa",
                    Effect: "Allow",
                    Principal: { AWS: [ALICE, BOB] },
                    Action: "sts:AssumeRole",
                    Condition: {
                        Bool: { "aws:MultiFactorAuthPresent": "true" },
                        NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                    },
                },
            ],
        });
    });

    it("refuses an empty trust, wildcard or non-user principals, and a bad age", () => {
        expect(() => adminRoleTrustDocument({ trustedUserArns: [], maxMfaAgeSeconds: 3600 })).to.throw(/at least one user/);
        expect(() => adminRoleTrustDocument({ trustedUserArns: [`arn:aws:iam::${ACCOUNT}:user/*`], maxMfaAgeSeconds: 3600 })).to.throw(/not the ARN of an IAM user/);
        expect(() => adminRoleTrustDocument({ trustedUserArns: [`arn:aws:iam::${ACCOUNT}:root`], maxMfaAgeSeconds: 3600 })).to.throw(/not the ARN of an IAM user/);
        expect(() => adminRoleTrustDocument({ trustedUserArns: [`arn:aws:iam::${ACCOUNT}:role/x`], maxMfaAgeSeconds: 3600 })).to.throw(/not the ARN of an IAM user/);
        expect(() => adminRoleTrustDocument({ trustedUserArns: [ALICE], maxMfaAgeSeconds: 0 })).to.throw(/positive integer/);
    });
});

describe("admin role trust policy length (IAM: 2,048 by default, 4,096 with the quota raised)", () => {
    it("counts the document as IAM does: without whitespace", () => {
        const doc = adminRoleTrustDocument({ trustedUserArns: [ALICE, BOB], maxMfaAgeSeconds: 3600 });
        expect(policyLength(doc)).to.equal(JSON.stringify(doc).length);
        expect(policyLength(JSON.parse(JSON.stringify(doc, null, 4)))).to.equal(policyLength(doc));
        expect(policyLength({ Sid: "a b" })).to.equal(JSON.stringify({ Sid: "ab" }).length);
    });

    it("fits up to 2,048; needs the quota up to 4,096; beyond, no quota helps", () => {
        expect(trustPolicyLengthVerdict(300)).to.equal("fits");
        expect(trustPolicyLengthVerdict(2048)).to.equal("fits");
        expect(trustPolicyLengthVerdict(2049)).to.equal("needs-quota");
        expect(trustPolicyLengthVerdict(4096)).to.equal("needs-quota");
        expect(trustPolicyLengthVerdict(4097)).to.equal("too-long");
    });
});

describe("admin role trust, proven with @cloud-copilot/iam-simulate", () => {
    const trust = adminRoleTrustDocument({ trustedUserArns: [ALICE, BOB], maxMfaAgeSeconds: 3600 });

    for (const [who, principal] of [
        ["alice", ALICE],
        ["bob (path /eng/)", BOB],
    ] as const) {
        it(`${who}: MFA absent, "false" and stale are denied; fresh MFA is allowed`, async () => {
            expect(await assume(trust, principal, MFA.absent)).to.not.equal("Allowed");
            expect(await assume(trust, principal, MFA.false)).to.not.equal("Allowed");
            expect(await assume(trust, principal, MFA.stale)).to.not.equal("Allowed");
            expect(await assume(trust, principal, MFA.fresh)).to.equal("Allowed");
        });
    }

    it("even an identity policy allowing everything does not get a caller without fresh MFA in", async () => {
        expect(await assume(trust, ALICE, MFA.absent, true)).to.not.equal("Allowed");
        expect(await assume(trust, ALICE, MFA.false, true)).to.not.equal("Allowed");
        expect(await assume(trust, ALICE, MFA.stale, true)).to.not.equal("Allowed");
    });

    it("the age bound is strict: 3599 s allowed, 3600 s denied", async () => {
        expect(await assume(trust, ALICE, { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "3599" })).to.equal("Allowed");
        expect(await assume(trust, ALICE, { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "3600" })).to.not.equal("Allowed");
    });

    it("a user not named is denied with fresh MFA, even holding an allow-everything identity policy", async () => {
        expect(await assume(trust, CAROL, MFA.fresh)).to.not.equal("Allowed");
        expect(await assume(trust, CAROL, MFA.fresh, true)).to.not.equal("Allowed");
        // Same name, other path: a different user.
        expect(await assume(trust, `arn:aws:iam::${ACCOUNT}:user/ops/alice`, MFA.fresh, true)).to.not.equal("Allowed");
    });

    it("the pack's iam-role-trust-requires-mfa passes the trust", async () => {
        expect(await packViolations({ name: "mfa-admin", assumeRolePolicy: JSON.stringify(trust) })).to.deep.equal([]);
    });
});

describe("MfaAdminRole under mocks", () => {
    let mocks: MockRegistry;

    describe("resources and settings", () => {
        beforeEach(() => {
            mocks = installMocks();
        });

        it("role with the trust, session duration and (default) AdministratorAccess attached", async () => {
            const admin = new MfaAdminRole("admin", {
                accountId: ACCOUNT,
                roleName: "mfa-admin",
                trustedUserArns: [ALICE, BOB],
                maxMfaAgeSeconds: 1800,
                maxSessionDurationSeconds: 7200,
                policyArn: DEFAULT_ADMIN_POLICY_ARN,
            });
            await settle([admin, ...admin.resources]);
            const role = mocks.one("aws:iam/role:Role");
            expect(role.inputs.name).to.equal("mfa-admin");
            expect(role.inputs.maxSessionDuration).to.equal(7200);
            expect(parseJson(role.inputs.assumeRolePolicy)).to.deep.equal(adminRoleTrustDocument({ trustedUserArns: [ALICE, BOB], maxMfaAgeSeconds: 1800 }));
            const attachment = mocks.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
            expect(attachment.inputs).to.deep.include({ role: "mfa-admin", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
            expect(await new Promise((r) => admin.roleArn.apply(r))).to.equal(ROLE_ARN);
        });

        it("a configured policy ARN is attached instead", async () => {
            const admin = new MfaAdminRole("admin", {
                accountId: ACCOUNT,
                roleName: "mfa-admin",
                trustedUserArns: [ALICE],
                maxMfaAgeSeconds: 3600,
                maxSessionDurationSeconds: 3600,
                policyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
            });
            await settle([admin, ...admin.resources]);
            expect(mocks.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn).to.equal("arn:aws:iam::aws:policy/PowerUserAccess");
        });

        it("outputs an assume-role command and a CLI profile with mfa_serial", async () => {
            const admin = new MfaAdminRole("admin", {
                accountId: ACCOUNT,
                roleName: "mfa-admin",
                trustedUserArns: [ALICE],
                maxMfaAgeSeconds: 3600,
                maxSessionDurationSeconds: 3600,
                policyArn: DEFAULT_ADMIN_POLICY_ARN,
            });
            const command = await new Promise<string>((r) => admin.assumeRoleCommand.apply(r));
            expect(command).to.match(/^aws sts assume-role --role-arn arn:aws:iam::123456789012:role\/mfa-admin /);
            expect(command).to.include(`--serial-number arn:aws:iam::${ACCOUNT}:mfa/`);
            expect(command).to.include("--token-code ");
            const profile = await new Promise<string>((r) => admin.cliProfile.apply(r));
            expect(profile).to.include(`role_arn = ${ROLE_ARN}`);
            expect(profile).to.include(`mfa_serial = arn:aws:iam::${ACCOUNT}:mfa/`);
            await settle([admin, ...admin.resources]);
        });
    });

    describe("during preview, with the trusted users created in the same deployment", () => {
        beforeEach(() => {
            // Users not yet created: their ARNs (and ids) are unknown during preview.
            mocks = installMocks({ preview: true, unknownOutputsFor: ["aws:iam/user:User"] });
        });

        it("the trust is a known string (account id + config names), the role depends on the users, and the pack passes it", async () => {
            const alice = new aws.iam.User("alice", { name: "alice", path: "/" });
            const bob = new aws.iam.User("bob", { name: "bob", path: "/eng/" });
            const accountId = aws.getCallerIdentityOutput().accountId;
            const admin = new MfaAdminRole("admin", {
                accountId,
                roleName: "mfa-admin",
                trustedUserArns: accountId.apply((id) => [iamUserArn(id, "alice", "/"), iamUserArn(id, "bob", "/eng/")]),
                maxMfaAgeSeconds: 3600,
                maxSessionDurationSeconds: 3600,
                policyArn: DEFAULT_ADMIN_POLICY_ARN,
                userDependencies: [alice, bob],
            });
            await settle([alice, bob, admin, ...admin.resources]);
            const role = mocks.one("aws:iam/role:Role");
            expect(role.inputs.assumeRolePolicy, "known during preview").to.be.a("string");
            expect(parseJson(role.inputs.assumeRolePolicy).Statement[0].Principal.AWS).to.deep.equal([ALICE, BOB]);
            expect(role.dependencies).to.include.members([await urnOf(alice), await urnOf(bob)]);
            expect(await packViolations({ name: "mfa-admin", assumeRolePolicy: role.inputs.assumeRolePolicy })).to.deep.equal([]);
        });

        it("control: a trust built from user.arn would be unknown during preview (what the builder avoids)", async () => {
            const alice = new aws.iam.User("alice", { name: "alice" });
            const wrong = new aws.iam.Role("wrong", {
                assumeRolePolicy: alice.arn.apply((arn) => JSON.stringify(adminRoleTrustDocument({ trustedUserArns: [arn], maxMfaAgeSeconds: 3600 }))),
            });
            await settle([alice, wrong]);
            const role = mocks.one("aws:iam/role:Role", "wrong");
            expect(role.inputs.assumeRolePolicy).to.not.be.a("string");
            // The engine's unknown placeholder, which is what the pack would be handed instead of a document...
            expect(role.inputs.assumeRolePolicy).to.deep.include({ __pulumiUnknown: true });
            // ...which the pack can only judge at update: the preview carries an advisory note instead of a verdict.
            const note = await packViolations({ name: "wrong", assumeRolePolicy: UNKNOWN }).then(
                () => "",
                (err: Error) => err.message,
            );
            expect(note).to.equal("role wrong: trust built from values known only at update; verified then, before the role is created or updated");
        });
    });
});
