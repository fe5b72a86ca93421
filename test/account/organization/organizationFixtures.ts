/**
 * A small synthetic organization, an account of each kind the organization report tells apart: all enforced, one
 * user escaping, one locked out of enrolling, root without MFA, one whose export was never collected. Each account's
 * files are what the AWS CLI writes (get-account-authorization-details, the credential report's CSV).
 */
import * as fs from "fs";
import * as path from "path";
import { AccountAuditResult, judgeAccountExport } from "../../../account";
import { NOW } from "../accountFixtures";

const ENROLLMENT = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser"];
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const FORCE_MFA = doc(
    { Sid: "AllowEnrollment", Effect: "Allow", Action: ENROLLMENT, Resource: ["arn:aws:iam::*:mfa/*", "arn:aws:iam::*:user/${aws:username}"] },
    { Sid: "DenyAllExceptEnrollmentWithoutMfa", Effect: "Deny", NotAction: ENROLLMENT, Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
);
/** A deny without the enrollment exception: it enforces MFA and leaves no way to enroll a device without it. */
const DENY_EVERYTHING_WITHOUT_MFA = doc({ Sid: "DenyAllWithoutMfa", Effect: "Deny", Action: "*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } });
const WORK = doc({ Sid: "Work", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" });

interface User {
    readonly name: string;
    readonly groups: readonly string[];
}

function accountFiles(account: string, options: { users: readonly User[]; enforcedDeny?: unknown; rootMfa: boolean }) {
    const arn = `arn:aws:iam::${account}`;
    const details = {
        UserDetailList: options.users.map((u, i) => ({
            Path: "/",
            UserName: u.name,
            UserId: `AIDA${account}${String(i).padStart(5, "0")}`,
            Arn: `${arn}:user/${u.name}`,
            CreateDate: "2026-01-05T10:00:00Z",
            UserPolicyList: [{ PolicyName: "work", PolicyDocument: WORK }],
            GroupList: u.groups,
            AttachedManagedPolicies: [],
        })),
        GroupDetailList: [
            {
                Path: "/",
                GroupName: "mfa-enforced",
                GroupId: `AGPA${account}00000`,
                Arn: `${arn}:group/mfa-enforced`,
                CreateDate: "2026-01-05T10:00:00Z",
                GroupPolicyList: [{ PolicyName: "force-mfa", PolicyDocument: options.enforcedDeny ?? FORCE_MFA }],
                AttachedManagedPolicies: [],
            },
        ],
        RoleDetailList: [
            {
                Path: "/",
                RoleName: "deployer",
                RoleId: `AROA${account}00000`,
                Arn: `${arn}:role/deployer`,
                CreateDate: "2026-01-05T10:00:00Z",
                AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: `${arn}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }),
                RolePolicyList: [{ PolicyName: "work", PolicyDocument: WORK }],
                AttachedManagedPolicies: [],
            },
        ],
        Policies: [],
        IsTruncated: false,
    };
    const header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    const row = (user: string, userArn: string, mfa: boolean) =>
        `${user},${userArn},2026-01-05T10:00:00+00:00,true,2026-11-30T10:00:00+00:00,N/A,N/A,${mfa},false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
    const csv = [header, row("<root_account>", `${arn}:root`, options.rootMfa), ...options.users.map((u) => row(u.name, `${arn}:user/${u.name}`, true))].join("\n");
    return { "authorization-details.json": JSON.stringify(details, null, 1), "credential-report.csv": `${csv}\n` };
}

export const ORG = {
    enforced: "111111111111",
    escaping: "222222222222",
    lockedOut: "333333333333",
    rootWithoutMfa: "444444444444",
    notCollected: "555555555555",
} as const;

const enforcedUsers: User[] = [
    { name: "alice", groups: ["mfa-enforced"] },
    { name: "dave", groups: ["mfa-enforced"] },
];

/** Each account's files by name; the account that was not collected has only its credential report. */
export function organizationFiles(): Record<string, Record<string, string>> {
    return {
        [ORG.enforced]: accountFiles(ORG.enforced, { users: enforcedUsers, rootMfa: true }),
        [ORG.escaping]: accountFiles(ORG.escaping, { users: [...enforcedUsers, { name: "bob", groups: [] }], rootMfa: true }),
        [ORG.lockedOut]: accountFiles(ORG.lockedOut, { users: [{ name: "carol", groups: ["mfa-enforced"] }], enforcedDeny: DENY_EVERYTHING_WITHOUT_MFA, rootMfa: true }),
        [ORG.rootWithoutMfa]: accountFiles(ORG.rootWithoutMfa, { users: enforcedUsers, rootMfa: false }),
        [ORG.notCollected]: { "credential-report.csv": accountFiles(ORG.notCollected, { users: enforcedUsers, rootMfa: true })["credential-report.csv"] },
    };
}

/** The organization folder `force-mfa-audit --organization` reads, written under `dir`. */
export function writeOrganization(dir: string, files = organizationFiles()): string {
    for (const [account, byName] of Object.entries(files)) {
        fs.mkdirSync(path.join(dir, account), { recursive: true });
        for (const [name, text] of Object.entries(byName)) {
            fs.writeFileSync(path.join(dir, account, name), text);
        }
    }
    return dir;
}

/** Every account judged as judgeAccountExport judges it; the escaping account named `payments-prod`. */
export function judgeOrganization(files = organizationFiles()): Promise<AccountAuditResult[]> {
    return Promise.all(
        Object.entries(files).map(([accountId, f]) =>
            judgeAccountExport({
                accountId,
                ...(accountId === ORG.escaping ? { accountName: "payments-prod" } : {}),
                export: f["authorization-details.json"] === undefined ? undefined : JSON.parse(f["authorization-details.json"]),
                credentialReport: f["credential-report.csv"],
                now: NOW,
            }),
        ),
    );
}
