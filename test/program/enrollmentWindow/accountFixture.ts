/**
 * A small account as AWS describes it: the GetAccountAuthorizationDetails page and the credential report CSV of a
 * few users, built relative to a given "now" so that each sits where a test wants it in the enrollment window.
 */
export const ACCOUNT = "123456789012";
const DAY = 86_400_000;

export interface FixtureUser {
    readonly name: string;
    readonly createdDaysAgo: number;
    readonly mfa: boolean;
    readonly groups?: readonly string[];
    /** False: created after the credential report was generated. */
    readonly inReport?: boolean;
    readonly accessKeys?: readonly boolean[];
}

function createdAt(user: FixtureUser, now: Date): string {
    return new Date(now.getTime() - user.createdDaysAgo * DAY - 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

export function authorizationDetails(users: readonly FixtureUser[], now: Date) {
    return {
        UserDetailList: users.map((u) => ({
            Path: "/",
            UserName: u.name,
            UserId: `AIDA${u.name.toUpperCase()}`,
            Arn: `arn:aws:iam::${ACCOUNT}:user/${u.name}`,
            CreateDate: createdAt(u, now),
            UserPolicyList: [],
            GroupList: [...(u.groups ?? ["mfa-enforced"])],
            AttachedManagedPolicies: [],
            Tags: [],
        })),
        GroupDetailList: [],
        RoleDetailList: [],
        Policies: [],
        IsTruncated: false,
    };
}

const HEADER =
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
    "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
    "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

export function credentialReportCsv(users: readonly FixtureUser[], now: Date): string {
    const root = `<root_account>,arn:aws:iam::${ACCOUNT}:root,2020-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
    const rows = users
        .filter((u) => u.inReport !== false)
        .map((u) => {
            const keys = u.accessKeys ?? [];
            const key = (i: number) => (keys[i] === undefined ? "false,N/A,N/A,N/A,N/A" : `${keys[i]},${createdAt(u, now)},N/A,N/A,N/A`);
            return `${u.name},arn:aws:iam::${ACCOUNT}:user/${u.name},${createdAt(u, now)},true,no_information,N/A,N/A,${u.mfa},${key(0)},${key(1)},false,N/A,false,N/A`;
        });
    return [HEADER, root, ...rows].join("\n") + "\n";
}
