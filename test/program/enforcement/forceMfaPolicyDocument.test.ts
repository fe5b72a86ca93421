/**
 * The ForceMFA document: its content, and its meaning proven with an independent IAM evaluator
 * (@cloud-copilot/iam-simulate, a test-only oracle).
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import { ENROLLMENT_ACTIONS, enrollmentAllowList, forceMfaPolicyDocument } from "../../../program/enforcement/forceMfaPolicyDocument";

const ACCOUNT = "123456789012";
const ALLOW_ALL = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
type Outcome = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

interface Request {
    action: string;
    resource: string;
    user?: string;
    path?: string;
    /** undefined: MFA keys absent (long-term access keys). */
    mfa?: { present: "true" | "false"; ageSeconds?: number };
}

async function decide(policies: object[], request: Request): Promise<Outcome> {
    const user = request.user ?? "alice";
    const context: Record<string, string> = { "aws:username": user };
    if (request.mfa) {
        context["aws:MultiFactorAuthPresent"] = request.mfa.present;
        if (request.mfa.ageSeconds !== undefined) {
            context["aws:MultiFactorAuthAge"] = String(request.mfa.ageSeconds);
        }
    }
    const response = await runSimulation(
        {
            request: {
                principal: `arn:aws:iam::${ACCOUNT}:user${request.path ?? "/"}${user}`,
                action: request.action,
                resource: { resource: request.resource, accountId: ACCOUNT },
                contextVariables: context,
            },
            identityPolicies: policies.map((policy, i) => ({ name: `policy${i}`, policy })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
        },
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator refused ${request.action}: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult as Outcome;
}

const FORCE_MFA = forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200 });
const NO_PASSWORD_CHANGE = forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: false, maxMfaAgeSeconds: 43200 });

const PRIVILEGED: [string, string][] = [
    ["ec2:DescribeInstances", "*"],
    ["s3:GetObject", "arn:aws:s3:::prod-data/report.csv"],
    ["iam:CreateUser", `arn:aws:iam::${ACCOUNT}:user/mallory`],
    ["iam:DeactivateMFADevice", `arn:aws:iam::${ACCOUNT}:user/alice`],
    ["sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/admin`],
];

describe("ForceMFA policy document", () => {
    it("denies with Deny + NotAction + BoolIfExists, exempting exactly the enrollment actions", () => {
        const deny = FORCE_MFA.Statement.find((s) => s.Sid === "DenyAllExceptEnrollmentWithoutMfa")!;
        expect(deny).to.deep.equal({
            Sid: "DenyAllExceptEnrollmentWithoutMfa",
            Effect: "Deny",
            NotAction: [...ENROLLMENT_ACTIONS, "iam:ChangePassword"],
            Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        });
        expect(NO_PASSWORD_CHANGE.Statement.find((s) => s.Sid === "DenyAllExceptEnrollmentWithoutMfa")!.NotAction).not.to.include("iam:ChangePassword");
        expect(enrollmentAllowList(false)).to.deep.equal([...ENROLLMENT_ACTIONS]);
    });

    it("keeps ${aws:username} literal and covers users with a path", () => {
        const text = JSON.stringify(FORCE_MFA);
        expect(text).to.include('"arn:aws:iam::*:user/${aws:username}"');
        expect(text).to.include('"arn:aws:iam::*:user/*/${aws:username}"');
        expect(text).to.include('"arn:aws:iam::*:mfa/*"');
    });

    it("adds a deny of stale MFA with the configured age", () => {
        const doc = forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 3600 });
        expect(doc.Statement.find((s) => s.Sid === "DenyAllExceptEnrollmentWithStaleMfa")!.Condition).to.deep.equal({
            NumericGreaterThan: { "aws:MultiFactorAuthAge": "3600" },
        });
        expect(() => forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 899 })).to.throw(RangeError, /900 to 129600/);
    });

    describe("meaning, proven with iam-simulate: a user holding ForceMFA and an allow-everything policy", () => {
        for (const [label, mfa] of [
            ["MFA absent (long-term keys)", undefined],
            ['MFA "false"', { present: "false" as const }],
        ] as const) {
            for (const [action, resource] of PRIVILEGED) {
                it(`${label}: ${action} is explicitly denied`, async () => {
                    expect(await decide([FORCE_MFA, ALLOW_ALL], { action, resource, mfa })).to.equal("ExplicitlyDenied");
                });
            }
        }
        for (const [action, resource] of PRIVILEGED) {
            it(`fresh MFA: ${action} is allowed; MFA older than maxMfaAgeSeconds: denied`, async () => {
                expect(await decide([FORCE_MFA, ALLOW_ALL], { action, resource, mfa: { present: "true", ageSeconds: 60 } })).to.equal("Allowed");
                expect(await decide([FORCE_MFA, ALLOW_ALL], { action, resource, mfa: { present: "true", ageSeconds: 43201 } })).to.equal("ExplicitlyDenied");
            });
        }
    });

    describe("meaning, proven with iam-simulate: a user holding ONLY ForceMFA, without MFA, can enroll", () => {
        const self = `arn:aws:iam::${ACCOUNT}:user/alice`;
        const cases: [string, Request][] = [
            ["create a virtual MFA device (any name)", { action: "iam:CreateVirtualMFADevice", resource: `arn:aws:iam::${ACCOUNT}:mfa/alice-phone` }],
            ["enable it on themselves", { action: "iam:EnableMFADevice", resource: self }],
            ["enable it on themselves with a path /eng/", { action: "iam:EnableMFADevice", resource: `arn:aws:iam::${ACCOUNT}:user/eng/alice`, path: "/eng/" }],
            ["list their devices", { action: "iam:ListMFADevices", resource: self }],
            ["resync their device", { action: "iam:ResyncMFADevice", resource: self }],
            ["change their password (default)", { action: "iam:ChangePassword", resource: self }],
        ];
        for (const [what, request] of cases) {
            for (const [label, mfa] of [
                ["MFA absent", undefined],
                ['MFA "false"', { present: "false" as const }],
            ] as const) {
                it(`${label}: ${what}`, async () => {
                    expect(await decide([FORCE_MFA], { ...request, mfa })).to.equal("Allowed");
                });
            }
        }

        it("get a session token", async () => {
            expect(await decide([FORCE_MFA], { action: "sts:GetSessionToken", resource: "*" })).to.equal("Allowed");
            expect(await decide([FORCE_MFA], { action: "sts:GetSessionToken", resource: "*", mfa: { present: "false" } })).to.equal("Allowed");
        });

        it("but not change the password when allowPasswordChangeWithoutMfa is false", async () => {
            expect(await decide([NO_PASSWORD_CHANGE], { action: "iam:ChangePassword", resource: self })).to.equal("ExplicitlyDenied");
            expect(await decide([NO_PASSWORD_CHANGE], { action: "iam:ChangePassword", resource: self, mfa: { present: "true", ageSeconds: 10 } })).to.equal("Allowed");
        });

        it("and not enable a device on another user", async () => {
            expect(await decide([FORCE_MFA], { action: "iam:EnableMFADevice", resource: `arn:aws:iam::${ACCOUNT}:user/bob` })).to.equal("ExplicitlyDenied");
            expect(await decide([FORCE_MFA], { action: "iam:EnableMFADevice", resource: `arn:aws:iam::${ACCOUNT}:user/eng/bob`, path: "/eng/" })).to.equal("ExplicitlyDenied");
        });

        it("and not deactivate or delete a device without MFA", async () => {
            expect(await decide([FORCE_MFA], { action: "iam:DeactivateMFADevice", resource: self })).to.equal("ExplicitlyDenied");
            expect(await decide([FORCE_MFA], { action: "iam:DeactivateMFADevice", resource: self, mfa: { present: "true", ageSeconds: 10 } })).to.equal("Allowed");
            const device = `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`;
            expect(await decide([FORCE_MFA, ALLOW_ALL], { action: "iam:DeleteVirtualMFADevice", resource: device })).to.equal("ExplicitlyDenied");
            expect(await decide([FORCE_MFA, ALLOW_ALL], { action: "iam:DeleteVirtualMFADevice", resource: device, mfa: { present: "false" } })).to.equal("ExplicitlyDenied");
            expect(await decide([FORCE_MFA, ALLOW_ALL], { action: "iam:DeleteVirtualMFADevice", resource: device, mfa: { present: "true", ageSeconds: 10 } })).to.equal("Allowed");
        });
    });

    describe("meaning, proven with iam-simulate: an administrator (ForceMFA + allow-everything) without MFA cannot act on OTHER users' enrollment", () => {
        for (const action of ["iam:EnableMFADevice", "iam:ResyncMFADevice", "iam:ListMFADevices", "iam:GetUser", "iam:ChangePassword"]) {
            it(`${action} on bob (also with a path): denied with MFA absent, "false" or stale; allowed with fresh MFA; still allowed on themselves`, async () => {
                for (const resource of [`arn:aws:iam::${ACCOUNT}:user/bob`, `arn:aws:iam::${ACCOUNT}:user/eng/bob`]) {
                    expect(await decide([FORCE_MFA, ALLOW_ALL], { action, resource })).to.equal("ExplicitlyDenied");
                    expect(await decide([FORCE_MFA, ALLOW_ALL], { action, resource, mfa: { present: "false" } })).to.equal("ExplicitlyDenied");
                    expect(await decide([FORCE_MFA, ALLOW_ALL], { action, resource, mfa: { present: "true", ageSeconds: 43201 } })).to.equal("ExplicitlyDenied");
                    expect(await decide([FORCE_MFA, ALLOW_ALL], { action, resource, mfa: { present: "true", ageSeconds: 60 } })).to.equal("Allowed");
                }
                expect(await decide([FORCE_MFA, ALLOW_ALL], { action, resource: `arn:aws:iam::${ACCOUNT}:user/eng/alice`, path: "/eng/" })).to.equal("Allowed");
            });
        }
    });
});
