import { expect } from "chai";
import { enrollmentNotLockedOut } from "../../../policy-pack/policies/enrollmentNotLockedOut";
import { exemptionsVisible } from "../../../policy-pack/policies/exemptionsVisible";
import { ISEC_ENFORCE_MFA, RUNBOOK_FORCE_MFA } from "../fixtures";
import {
    enforcedStack,
    ENROLLMENT_ALLOWS,
    forceMfaDocument,
    group,
    groupMembership,
    groupPolicyAttachment,
    mfaDenyStatement,
    onlyReported,
    policy,
    resource,
    role,
    runPolicy,
    runResourcePolicy,
    runStackPolicy,
    UNKNOWN,
    user,
} from "../stackFixtures";

/** The one lock-out the stack must produce: nothing else may be reported. */
const onlyLockOut = (resources: Parameters<typeof runStackPolicy>[1]) => onlyReported(enrollmentNotLockedOut, resources);

describe("mfa-enrollment-not-locked-out", () => {
    it("passes the project's ForceMFA for users with and without a path", async () => {
        expect(await runPolicy(enrollmentNotLockedOut, enforcedStack([user("alice"), user("bob", { path: "/eng/" })]))).to.deep.equal([]);
    });

    it("reads ARNs of any partition as the stack's own (the pack does not know the partition, as it does not know the account)", async () => {
        const govCloud = JSON.parse(JSON.stringify(ENROLLMENT_ALLOWS).split("arn:aws:").join("arn:aws-us-gov:"));
        const document = JSON.stringify({ Version: "2012-10-17", Statement: [...govCloud, mfaDenyStatement()] });
        const stack = enforcedStack([user("alice"), user("bob", { path: "/eng/" })]).map((r) => (r.type === "aws:iam/policy:Policy" ? { ...r, props: { ...r.props, policy: document } } : r));
        expect(await runPolicy(enrollmentNotLockedOut, stack)).to.deep.equal([]);
    });

    it("blocks the seed-era runbook policy: it never allows iam:EnableMFADevice", async () => {
        const p = policy("ForceMFA", RUNBOOK_FORCE_MFA);
        const g = group("mfa-enforced");
        const alice = user("alice");
        const [violation, ...rest] = await runPolicy(enrollmentNotLockedOut, [p, g, groupPolicyAttachment(g, p), alice, groupMembership(g, [alice])]);
        expect(rest).to.deep.equal([]);
        expect(violation.urn).to.equal(alice.urn);
        expect(violation.message).to.include(
            "user alice is subject to the MFA deny but cannot enroll a device without MFA: iam:EnableMFADevice on arn:aws:iam::123456789012:user/alice " +
                "with MFA absent (long-term access keys) — no statement allows it without MFA",
        );
    });

    it("blocks the runbook policy on its own, or attached to a group without members: nothing in the stack supplies the allow", async () => {
        const p = policy("ForceMFA", RUNBOOK_FORCE_MFA);
        const [alone, ...rest] = await runPolicy(enrollmentNotLockedOut, [p]);
        expect(rest).to.deep.equal([]);
        expect(alone.urn).to.equal(p.urn);
        expect(alone.message).to.match(/^policy "ForceMFA" acts as the MFA deny but does not let users enroll without MFA: iam:EnableMFADevice with MFA absent/);
        const g = group("mfa-enforced");
        const onEmptyGroup = await runPolicy(enrollmentNotLockedOut, [p, g, groupPolicyAttachment(g, p)]);
        expect(onEmptyGroup.map((v) => v.urn)).to.deep.equal([g.urn]);
        expect(onEmptyGroup[0].message).to.match(/^group mfa-enforced \(no members here\) holds policy "ForceMFA" via group mfa-enforced, which acts as the MFA deny, but its policies do not let users enroll without MFA/);
        // A deny-only policy beside a policy that allows enrollment, on a group whose members are managed elsewhere: fine.
        const denyOnly = policy("DenyWithoutMfa", JSON.stringify({ Version: "2012-10-17", Statement: [mfaDenyStatement()] }));
        const enroll = policy("AllowEnrollment", JSON.stringify({ Version: "2012-10-17", Statement: ENROLLMENT_ALLOWS }));
        const both = [denyOnly, enroll, g, groupPolicyAttachment(g, denyOnly), groupPolicyAttachment(g, enroll)];
        expect(await runPolicy(enrollmentNotLockedOut, both)).to.deep.equal([]);
        expect((await runPolicy(enrollmentNotLockedOut, [denyOnly])).map((v) => v.urn)).to.deep.equal([denyOnly.urn]);
        // The same pair held by a user referred to by name only (not declared here): fine; the deny alone: locked out.
        const byName = (p: typeof denyOnly) => resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", `legacy-${p.name}`, { user: "legacy-ops", policyArn: UNKNOWN }, { policyArn: [p] });
        expect(await runPolicy(enrollmentNotLockedOut, [denyOnly, enroll, byName(denyOnly), byName(enroll)])).to.deep.equal([]);
        const outside = await onlyLockOut([denyOnly, byName(denyOnly)]);
        expect(outside.message).to.match(/^user legacy-ops \(not declared in this stack\) holds policy "DenyWithoutMfa", which acts as the MFA deny/);
        // Held by a role only: roles do not enroll devices.
        const roleHeld = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ops-deny", { role: "ops", policyArn: UNKNOWN }, { policyArn: [denyOnly] });
        expect(await runPolicy(enrollmentNotLockedOut, [denyOnly, roleHeld])).to.deep.equal([]);
        // The project's ForceMFA allows enrollment itself, so it passes alone.
        expect(await runPolicy(enrollmentNotLockedOut, [policy("ForceMFA", forceMfaDocument())])).to.deep.equal([]);
    });

    it("checks console sessions too (MFA \"false\"), the usual way to enroll", async () => {
        // Blocks enrollment only when the MFA key is present and "false": long-term keys could enroll, the console cannot.
        const consoleBlock = { Sid: "NoConsoleEnrollment", Effect: "Deny", Action: ["iam:EnableMFADevice", "iam:CreateVirtualMFADevice"], Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } };
        const document = JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement(), consoleBlock] });
        const violations = await runPolicy(enrollmentNotLockedOut, enforcedStack([user("alice")]).map((r) => (r.type === "aws:iam/policy:Policy" ? { ...r, props: { ...r.props, policy: document } } : r)));
        // On the policy (it denies enrollment itself) and on the user it reaches.
        expect(violations).to.have.length(2);
        for (const violation of violations) {
            expect(violation.message).to.include('with MFA "false" (session without MFA)');
            expect(violation.message).to.include("NoConsoleEnrollment");
        }
    });

    it("a deny document that blocks enrollment by itself is refused per resource, before it exists, and not again on the stack", async () => {
        const consoleBlock = { Sid: "NoEnrollment", Effect: "Deny", Action: "iam:EnableMFADevice", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } };
        const p = policy("ForceMFA", JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement(), consoleBlock] }));
        const [own, ...rest] = await runResourcePolicy(enrollmentNotLockedOut, p);
        expect(rest).to.deep.equal([]);
        expect(own.message).to.match(/^policy "ForceMFA" acts as the MFA deny but also denies enrolling: iam:EnableMFADevice/);
        expect(await runStackPolicy(enrollmentNotLockedOut, [p])).to.deep.equal([]);
        // A document unknown during preview is judged per resource at update, and on the stack through the users it reaches.
        expect(await runResourcePolicy(enrollmentNotLockedOut, policy("ForceMFA", UNKNOWN))).to.deep.equal([]);
        // Other types are not read per resource.
        expect(await runResourcePolicy(enrollmentNotLockedOut, user("alice"))).to.deep.equal([]);
    });

    it("an inline seed-era policy on a group without members: locked out", async () => {
        const g = group("mfa-enforced");
        const inline = resource("aws:iam/groupPolicy:GroupPolicy", "seed", { group: "mfa-enforced", name: "seed", policy: RUNBOOK_FORCE_MFA });
        const violation = await onlyLockOut([g, inline]);
        expect(violation.urn).to.equal(g.urn);
        expect(violation.message).to.include('holds inline policy "seed" of group mfa-enforced, which acts as the MFA deny');
    });

    it("fails closed on a deny policy whose user cannot be traced: it may lock out anyone", async () => {
        const a = user("alice");
        const inline = resource("aws:iam/userPolicy:UserPolicy", "isec", { user: UNKNOWN, policy: ISEC_ENFORCE_MFA });
        const violations = await runPolicy(enrollmentNotLockedOut, [...enforcedStack([a]), inline]);
        expect(violations.map((v) => v.urn)).to.deep.equal([inline.urn]);
        expect(violations[0].message).to.match(/^inline policy "isec" of an untraceable user acts as the MFA deny but also denies enrolling/);
    });

    it("blocks the runbook policy for members not declared in the stack, on the group", async () => {
        const p = policy("ForceMFA", RUNBOOK_FORCE_MFA);
        const g = group("mfa-enforced");
        const violation = await onlyLockOut([p, g, groupPolicyAttachment(g, p), groupMembership(g, ["carol"])]);
        expect(violation.urn).to.equal(g.urn);
        expect(violation.message).to.include("group mfa-enforced subjects carol to the MFA deny");
    });

    it("blocks a deny that denies enrollment itself (iSEC's policy), on the policy", async () => {
        const p = policy("EnforceMFA", ISEC_ENFORCE_MFA);
        const violation = await onlyLockOut([p]);
        expect(violation.urn).to.equal(p.urn);
        expect(violation.message).to.match(/^policy "EnforceMFA" acts as the MFA deny but also denies enrolling: iam:CreateVirtualMFADevice/);
    });
});

describe("mfa-exemptions-visible (advisory)", () => {
    it("names every exemption with its reason, declared in the stack or not", async () => {
        const config = {
            exemptUsers: [{ name: "breakglass", reason: "emergency access; hardware MFA in the safe" }],
            exemptRoles: [{ name: "vendor", reason: "contract 42, external id enforced" }],
        };
        const breakglass = user("breakglass");
        const notices = await runStackPolicy(exemptionsVisible, [breakglass, role("other", { Statement: [] })], config);
        expect(notices).to.deep.equal([
            { urn: breakglass.urn, message: "user breakglass is exempt from MFA enforcement: emergency access; hardware MFA in the safe; permanent: no expiresOn" },
            { urn: undefined, message: "role vendor may be assumed without MFA: contract 42, external id enforced (not declared in this stack); permanent: no expiresOn" },
        ]);
    });
});
