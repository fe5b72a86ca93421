import { expect } from "chai";
import { enrollmentNotLockedOut } from "../../policy-pack/policies/enrollmentNotLockedOut";
import { exemptionsVisible } from "../../policy-pack/policies/exemptionsVisible";
import { ISEC_ENFORCE_MFA, RUNBOOK_FORCE_MFA } from "./fixtures";
import { enforcedStack, group, groupMembership, groupPolicyAttachment, policy, role, runStackPolicy, user } from "./stackFixtures";

describe("mfa-enrollment-not-locked-out", () => {
    it("passes the project's ForceMFA for users with and without a path", async () => {
        expect(await runStackPolicy(enrollmentNotLockedOut, enforcedStack([user("alice"), user("bob", { path: "/eng/" })]))).to.deep.equal([]);
    });

    it("blocks the seed-era runbook policy: it never allows iam:EnableMFADevice", async () => {
        const p = policy("ForceMFA", RUNBOOK_FORCE_MFA);
        const g = group("mfa-enforced");
        const alice = user("alice");
        const [violation, ...rest] = await runStackPolicy(enrollmentNotLockedOut, [p, g, groupPolicyAttachment(g, p), alice, groupMembership(g, [alice])]);
        expect(rest).to.deep.equal([]);
        expect(violation.urn).to.equal(alice.urn);
        expect(violation.message).to.include(
            "user alice is subject to the MFA deny but cannot enroll a device without MFA: iam:EnableMFADevice on arn:aws:iam::123456789012:user/alice — no statement allows it without MFA",
        );
    });

    it("blocks the runbook policy for members not declared in the stack, on the group", async () => {
        const p = policy("ForceMFA", RUNBOOK_FORCE_MFA);
        const g = group("mfa-enforced");
        const [violation] = await runStackPolicy(enrollmentNotLockedOut, [p, g, groupPolicyAttachment(g, p), groupMembership(g, ["carol"])]);
        expect(violation.urn).to.equal(g.urn);
        expect(violation.message).to.include("group mfa-enforced subjects carol to the MFA deny");
    });

    it("blocks a deny that denies enrollment itself (iSEC's policy), on the policy", async () => {
        const p = policy("EnforceMFA", ISEC_ENFORCE_MFA);
        const [violation] = await runStackPolicy(enrollmentNotLockedOut, [p]);
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
            { urn: breakglass.urn, message: "user breakglass is exempt from MFA enforcement: emergency access; hardware MFA in the safe" },
            { urn: undefined, message: "role vendor may be assumed without MFA: contract 42, external id enforced (not declared in this stack)" },
        ]);
    });
});
