/**
 * The organization's MFA service control policy: its shape, and its meaning in a member account proven with an
 * independent evaluator (@cloud-copilot/iam-simulate evaluates SCPs level by level, as AWS does).
 */
import { expect } from "chai";
import { CHANGE_PASSWORD_ACTION, ENROLLMENT_ACTIONS, enrollmentAllowList } from "../../../program/enforcement/forceMfaPolicyDocument";
import {
    IAM_USER_PRINCIPALS,
    MfaServiceControlPolicyOptions,
    mfaServiceControlPolicy,
    serviceControlPolicyText,
    TAMPER_ACTIONS,
} from "../../../program/organization/mfaServiceControlPolicy";
import { decideUnderScp, MEMBER_ACCOUNT, role, roleSession, ScpRequest, user } from "./scpOracle";

const DEPLOYER = "force-mfa-deployer";
const OPTIONS: MfaServiceControlPolicyOptions = {
    allowPasswordChangeWithoutMfa: true,
    exemptionTagKey: "force-mfa-exempt",
    exemptUserArns: ["arn:aws:iam::*:user/breakglass"],
    deployerRoleArns: [`arn:aws:iam::*:role/${DEPLOYER}`],
    enforcedGroupName: "mfa-enforced",
    forceMfaPolicyName: "ForceMFA",
};
const SCP = mfaServiceControlPolicy(OPTIONS);
const BARE = mfaServiceControlPolicy({ ...OPTIONS, exemptionTagKey: undefined, exemptUserArns: [], deployerRoleArns: [] });

const GROUP = `arn:aws:iam::${MEMBER_ACCOUNT}:group/mfa-enforced`;
const FORCE_MFA = `arn:aws:iam::${MEMBER_ACCOUNT}:policy/ForceMFA`;
const PRIVILEGED: [string, string][] = [
    ["s3:GetObject", "arn:aws:s3:::prod-data/report.csv"],
    ["iam:CreateUser", `arn:aws:iam::${MEMBER_ACCOUNT}:user/mallory`],
    ["sts:AssumeRole", role("admin")],
];
/** What a request needs to hit each enrollment action's resource. */
const ENROLLMENT_RESOURCES: Record<string, string> = {
    "iam:CreateVirtualMFADevice": `arn:aws:iam::${MEMBER_ACCOUNT}:mfa/alice-phone`,
    "iam:EnableMFADevice": user("alice"),
    "iam:ListMFADevices": user("alice"),
    "iam:ResyncMFADevice": user("alice"),
    "iam:GetUser": user("alice"),
    "iam:ChangePassword": user("alice"),
};

const decide = (request: ScpRequest, scp: object = SCP) => decideUnderScp(scp, request);

describe("organization MFA service control policy: document", () => {
    it("denies all but the program's one enrollment list to IAM users without MFA (BoolIfExists), and nothing else", () => {
        expect(BARE.Statement).to.deep.equal([
            {
                Sid: "DenyIamUsersWithoutMfa",
                Effect: "Deny",
                NotAction: [...ENROLLMENT_ACTIONS, CHANGE_PASSWORD_ACTION],
                Resource: "*",
                Condition: {
                    BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
                    ArnLike: { "aws:PrincipalArn": IAM_USER_PRINCIPALS },
                },
            },
        ]);
        const noPasswordChange = mfaServiceControlPolicy({ ...OPTIONS, allowPasswordChangeWithoutMfa: false });
        expect(noPasswordChange.Statement[0].NotAction).to.deep.equal(enrollmentAllowList(false));
    });

    it("uses only SCP grammar: no Principal, every statement a Deny on Resource *  or named ARNs", () => {
        for (const statement of SCP.Statement) {
            expect(Object.keys(statement)).to.have.members(["Sid", "Effect", statement.Action ? "Action" : "NotAction", "Resource", "Condition"]);
            expect(statement.Sid).to.match(/^[A-Za-z0-9]+$/);
        }
        expect(SCP.Statement.map((s) => s.Sid)).to.deep.equal(["DenyIamUsersWithoutMfa", "ProtectMfaExemptionTag", "ProtectMfaEnforcement"]);
    });

    it("is sent without whitespace", () => {
        const text = serviceControlPolicyText(SCP);
        expect(text).not.to.match(/\s/);
        expect(JSON.parse(text)).to.deep.equal(SCP);
    });

    it("protects the exemption tag from everyone while no deployer role is configured, and adds no tamper statement", () => {
        const tagOnly = mfaServiceControlPolicy({ ...OPTIONS, deployerRoleArns: [] });
        expect(tagOnly.Statement.map((s) => s.Sid)).to.deep.equal(["DenyIamUsersWithoutMfa", "ProtectMfaExemptionTag"]);
        expect(tagOnly.Statement[1].Condition).to.deep.equal({ "ForAnyValue:StringEqualsIgnoreCase": { "aws:TagKeys": ["force-mfa-exempt"] } });
    });
});

describe("organization MFA service control policy: decided by an independent evaluator", () => {
    for (const [action, resource] of PRIVILEGED) {
        it(`denies an IAM user ${action} without MFA: key absent (access keys) and "false" (console without MFA)`, async () => {
            expect(await decide({ principal: user("alice"), action, resource })).to.equal("ExplicitlyDenied");
            expect(await decide({ principal: user("alice"), action, resource, mfa: "false" })).to.equal("ExplicitlyDenied");
            expect(await decide({ principal: user("alice", "/eng/"), action, resource })).to.equal("ExplicitlyDenied");
            expect(await decide({ principal: user("alice"), action, resource }, BARE)).to.equal("ExplicitlyDenied");
        });

        it(`does not deny ${action} to an IAM user with fresh MFA`, async () => {
            expect(await decide({ principal: user("alice"), action, resource, mfa: "true" })).to.equal("Allowed");
        });

        it(`does not affect assumed-role sessions (${action}) nor the root user`, async () => {
            expect(await decide({ principal: roleSession("app"), action, resource })).to.equal("Allowed");
            expect(await decide({ principal: roleSession("app"), action, resource, mfa: "false" })).to.equal("Allowed");
            expect(await decide({ principal: `arn:aws:iam::${MEMBER_ACCOUNT}:root`, action, resource })).to.equal("Allowed");
        });

        it(`does not affect users exempted by tag (any value) or by ARN (${action})`, async () => {
            const tagged = { principal: user("ci-bot"), action, resource, principalTags: { "force-mfa-exempt": "hardware token in the safe" } };
            expect(await decide(tagged)).to.equal("Allowed");
            expect(await decide({ principal: user("breakglass"), action, resource })).to.equal("Allowed");
            expect(await decide({ ...tagged, principalTags: { team: "platform" } })).to.equal("ExplicitlyDenied");
            expect(await decide({ principal: user("breakglass2"), action, resource })).to.equal("ExplicitlyDenied");
        });
    }

    for (const action of enrollmentAllowList(true)) {
        it(`lets an IAM user without MFA enroll: ${action}`, async () => {
            const resource = ENROLLMENT_RESOURCES[action] ?? "*";
            expect(await decide({ principal: user("alice"), action, resource })).to.equal("Allowed");
            expect(await decide({ principal: user("alice"), action, resource, mfa: "false" })).to.equal("Allowed");
        });
    }

    it("denies a password change without MFA when the switch is off", async () => {
        const strict = mfaServiceControlPolicy({ ...OPTIONS, allowPasswordChangeWithoutMfa: false });
        expect(await decide({ principal: user("alice"), action: "iam:ChangePassword", resource: user("alice") }, strict)).to.equal("ExplicitlyDenied");
    });

    for (const action of ["iam:TagUser", "iam:UntagUser", "iam:CreateUser", "iam:TagRole", "iam:UntagRole", "iam:CreateRole"]) {
        const resource = action.endsWith("User") ? user("bob") : role("app");
        it(`denies ${action} of the exemption key to users (even with MFA) and other roles, allows it to the deployer roles`, async () => {
            const request = { action, resource, tagKeys: ["force-mfa-exempt"] };
            expect(await decide({ ...request, principal: user("alice"), mfa: "true" })).to.equal("ExplicitlyDenied");
            expect(await decide({ ...request, principal: user("alice"), mfa: "true", tagKeys: ["owner", "Force-MFA-Exempt"] })).to.equal("ExplicitlyDenied");
            expect(await decide({ ...request, principal: roleSession("admin"), mfa: "true" })).to.equal("ExplicitlyDenied");
            expect(await decide({ ...request, principal: roleSession(DEPLOYER) })).to.equal("Allowed");
            expect(await decide({ ...request, principal: user("alice"), mfa: "true", tagKeys: ["owner"] })).to.equal("Allowed");
        });
    }

    const TAMPER: [string, string][] = [
        ["iam:RemoveUserFromGroup", GROUP],
        ["iam:DeleteGroup", GROUP],
        ["iam:UpdateGroup", GROUP],
        ["iam:DetachGroupPolicy", GROUP],
        ["iam:DeletePolicy", FORCE_MFA],
        ["iam:CreatePolicyVersion", FORCE_MFA],
        ["iam:DeletePolicyVersion", FORCE_MFA],
        ["iam:SetDefaultPolicyVersion", FORCE_MFA],
    ];
    it("names every tamper action it proves", () => {
        expect(TAMPER.map(([action]) => action)).to.have.members([...TAMPER_ACTIONS]);
    });
    for (const [action, resource] of TAMPER) {
        it(`denies ${action} on the enforcement to users with MFA and other roles, allows it to the deployer roles`, async () => {
            expect(await decide({ principal: user("alice"), action, resource, mfa: "true" })).to.equal("ExplicitlyDenied");
            expect(await decide({ principal: roleSession("admin"), action, resource })).to.equal("ExplicitlyDenied");
            expect(await decide({ principal: roleSession(DEPLOYER), action, resource })).to.equal("Allowed");
            // Only the enforcement is protected; without deployer roles, tamper protection is off.
            const other = resource.replace(/mfa-enforced|ForceMFA/, "other");
            expect(await decide({ principal: user("alice"), action, resource: other, mfa: "true" })).to.equal("Allowed");
            expect(await decide({ principal: user("alice"), action, resource, mfa: "true" }, BARE)).to.equal("Allowed");
        });
    }
});
