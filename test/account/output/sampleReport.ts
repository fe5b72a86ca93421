/** A small audit report written out by hand, for tests of one output at a time: each status, a witness, credentials. */
import { summarize } from "../../../account/report/buildAuditReport";
import { AuditReport, PrincipalVerdict, RootFacts } from "../../../account/report/reportModel";

export const SAMPLE_ACCOUNT = "111122223333";
const arn = (kind: string, name: string) => `arn:aws:iam::${SAMPLE_ACCOUNT}:${kind}/${name}`;

export const BOB: PrincipalVerdict = {
    type: "user",
    name: "bob",
    arn: arn("user", "bob"),
    path: "/",
    status: "escapes",
    reason: "its own policies allow ec2:RunInstances",
    witness: {
        action: "ec2:RunInstances",
        resource: "*",
        principal: arn("user", "bob"),
        mfaContext: "MFA absent (long-term access keys)",
        allowedBy: 'policy "Power": statement 1',
        boundaryAllowedBy: 'boundary "Edge": statement 1',
        path: ['policy "Power" via group admins'],
        why: [],
    },
    fix: 'add bob to the group "mfa-enforced"',
    fixSummary: 'add to the group "mfa-enforced"',
    groups: ["admins", "devs"],
    credentials: {
        mfaActive: false,
        passwordEnabled: true,
        passwordLastUsed: "2026-11-20T08:00:00Z",
        accessKeysActive: 2,
        accessKeys: [
            { active: true, lastUsedDate: "2026-11-01T00:00:00Z" },
            { active: true, lastUsedDate: "2026-11-30T22:10:00Z" },
        ],
        daysWithoutMfa: 395,
    },
    notes: ["also locked out of enrolling"],
};

export const SAMPLE_PRINCIPALS: readonly PrincipalVerdict[] = [
    BOB,
    { ...BOB, name: "dan", arn: arn("user", "dan"), fix: 'add dan to the group "mfa-enforced"', witness: undefined, credentials: undefined, notes: undefined, groups: ["admins"] },
    { type: "role", name: "deploy", arn: arn("role", "deploy"), status: "unverifiable", reason: "its trust hinges on aws:SourceIp", fix: "require MFA in its trust", roleKind: "iam", serviceLinked: false },
    { type: "group", name: "admins", arn: arn("group", "admins"), status: "unenforced", reason: "grants without the MFA deny", fix: "attach the MFA deny" },
    { type: "role", name: "AWSServiceRoleForSupport", arn: arn("role", "aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"), status: "not-applicable", reason: "only support.amazonaws.com assumes it", roleKind: "service-linked", serviceLinked: true },
    { type: "user", name: "breakglass", arn: arn("user", "breakglass"), status: "exempt", reason: "hardware MFA in the safe", credentials: { mfaActive: true, passwordEnabled: false, accessKeysActive: 0, accessKeys: [] } },
    { type: "user", name: "alice", arn: arn("user", "alice"), status: "enforced", reason: "subject to the MFA deny" },
];

export const ROOT_OK: RootFacts = { arn: `arn:aws:iam::${SAMPLE_ACCOUNT}:root`, mfaActive: true, mfaType: "hardware-totp", accessKeysPresent: false, reason: "root has a hardware MFA device" };

export function sampleReport(principals: readonly PrincipalVerdict[] = SAMPLE_PRINCIPALS, root: RootFacts = ROOT_OK, findings: readonly string[] = []): AuditReport {
    return {
        account: SAMPLE_ACCOUNT,
        generatedAt: "2026-12-01T12:00:00.000Z",
        enforcedGroupName: "mfa-enforced",
        principals,
        root,
        findings,
        summary: summarize(principals, root.mfaActive),
    };
}
