/**
 * A generated account, as `aws iam get-account-authorization-details` and `get-credential-report` write it, for the
 * audit's benchmark: USERS users and ROLES roles of the kinds an audit meets — most users in the enforced group and
 * one to three team groups, some with inline policies on `${aws:username}`, some under a permissions boundary, a few
 * outside the enforced group (they escape), with only enrollment allowed (unenforced) or suspended; roles that
 * services, Identity Center, other accounts (with and without MFA) and service chains assume; AWS managed and
 * customer managed policies with their versions, documents URL-encoded as the IAM API returns them.
 */
/** The account the audit bench generates; the organization bench gives each member its own. */
export const BENCH_ACCOUNT = "210987654321";
const ENROLLMENT = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser"];

const encode = (document: unknown) => encodeURIComponent(JSON.stringify(document));
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

function policy(name: string, arn: string, document: unknown, old?: unknown) {
    return {
        PolicyName: name,
        PolicyId: `ANPA${name.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(17, "X").slice(0, 17)}`,
        Arn: arn,
        Path: "/",
        DefaultVersionId: old ? "v2" : "v1",
        AttachmentCount: 1,
        IsAttachable: true,
        CreateDate: "2024-01-10T12:00:00Z",
        UpdateDate: "2024-06-10T12:00:00Z",
        PolicyVersionList: [
            { Document: encode(document), VersionId: old ? "v2" : "v1", IsDefaultVersion: true, CreateDate: "2024-06-10T12:00:00Z" },
            ...(old ? [{ Document: encode(old), VersionId: "v1", IsDefaultVersion: false, CreateDate: "2024-01-10T12:00:00Z" }] : []),
        ],
    };
}

const TEAM_ACTIONS = [
    ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
    ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
    ["lambda:InvokeFunction", "lambda:GetFunction", "logs:GetLogEvents"],
    ["ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances"],
    ["sqs:SendMessage", "sqs:ReceiveMessage", "sns:Publish"],
];

export interface AccountExport {
    readonly details: unknown;
    readonly credentialReportCsv: string;
}

export function accountExport(users: number, roles: number, account: string = BENCH_ACCOUNT): AccountExport {
    const ACCOUNT = account;
    const ARN = `arn:aws:iam::${ACCOUNT}`;
    const teams = 40;
    const policies = [
        policy("AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess", doc({ Effect: "Allow", Action: "*", Resource: "*" })),
        policy("ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", doc({ Effect: "Allow", Action: ["*:Describe*", "*:Get*", "*:List*"], Resource: "*" })),
        policy("PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess", doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }, { Effect: "Allow", Action: ["iam:CreateServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization", "account:ListRegions"], Resource: "*" })),
        policy(
            "ForceMFA",
            `${ARN}:policy/ForceMFA`,
            doc(
                { Sid: "AllowEnrollment", Effect: "Allow", Action: ENROLLMENT, Resource: ["arn:aws:iam::*:mfa/*", "arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"] },
                { Sid: "DenyAllExceptEnrollmentWithoutMfa", Effect: "Deny", NotAction: ENROLLMENT, Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
            ),
            doc({ Effect: "Deny", NotAction: ENROLLMENT, Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }),
        ),
        policy("SelfManageMfa", `${ARN}:policy/SelfManageMfa`, doc({ Effect: "Allow", Action: ENROLLMENT, Resource: ["arn:aws:iam::*:mfa/${aws:username}", "arn:aws:iam::*:user/${aws:username}"] })),
        policy("TeamBoundary", `${ARN}:policy/TeamBoundary`, doc({ Effect: "Allow", Action: ["s3:*", "dynamodb:*", "logs:*", ...ENROLLMENT], Resource: "*" })),
        ...Array.from({ length: teams }, (_, t) =>
            policy(`team-${t}-access`, `${ARN}:policy/teams/team-${t}-access`, doc({ Sid: `Team${t}`, Effect: "Allow", Action: TEAM_ACTIONS[t % TEAM_ACTIONS.length], Resource: [`arn:aws:s3:::team-${t}-*`, `arn:aws:dynamodb:*:${ACCOUNT}:table/team-${t}-*`, "*"] })),
        ),
    ];
    const group = (name: string, attached: string[], inline: unknown[] = []) => ({
        Path: "/",
        GroupName: name,
        GroupId: `AGPA${name.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(17, "X").slice(0, 17)}`,
        Arn: `${ARN}:group/${name}`,
        CreateDate: "2024-01-10T12:00:00Z",
        GroupPolicyList: inline.map((d, i) => ({ PolicyName: `${name}-inline-${i}`, PolicyDocument: encode(d) })),
        AttachedManagedPolicies: attached.map((a) => ({ PolicyName: a.split("/").pop(), PolicyArn: a })),
    });
    const groups = [
        group("mfa-enforced", [`${ARN}:policy/ForceMFA`]),
        group("mfa-suspended", [], [doc({ Sid: "DenyEverythingWhileSuspended", Effect: "Deny", Action: "*", Resource: "*" })]),
        group("admins", ["arn:aws:iam::aws:policy/AdministratorAccess"]),
        group("developers", ["arn:aws:iam::aws:policy/PowerUserAccess"]),
        group("readers", ["arn:aws:iam::aws:policy/ReadOnlyAccess"]),
        ...Array.from({ length: teams }, (_, t) => group(`team-${t}`, [`${ARN}:policy/teams/team-${t}-access`])),
    ];
    const userList = [];
    const csv = [
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
        `<root_account>,${ARN}:root,2024-01-01T09:00:00+00:00,not_supported,2026-10-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    ];
    for (let u = 0; u < users; u++) {
        const name = `user-${String(u).padStart(5, "0")}`;
        const path = u % 7 === 0 ? "/engineering/" : "/";
        const kind = u % 100; // 0-5 escape (5 through its own inline allow: 5 % 5 is 0), 6 unenforced, 7 suspended, the rest enforced
        const teamGroups = [`team-${u % teams}`, ...(u % 3 === 0 ? [`team-${(u * 7) % teams}`] : []), ...(u % 11 === 0 ? ["developers"] : u % 13 === 0 ? ["readers"] : [])];
        const groupList = kind < 5 ? teamGroups : kind < 7 ? [] : kind === 7 ? ["mfa-enforced", "mfa-suspended", ...teamGroups] : ["mfa-enforced", ...teamGroups];
        const inline = u % 5 === 0 ? [{ PolicyName: "own-prefix", PolicyDocument: encode(doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::home-${ACCOUNT}/\${aws:username}/*` })) }] : [];
        userList.push({
            Path: path,
            UserName: name,
            UserId: `AIDA${String(u).padStart(17, "0")}`,
            Arn: `${ARN}:user${path}${name}`,
            CreateDate: "2025-03-01T10:00:00Z",
            UserPolicyList: inline,
            GroupList: groupList,
            AttachedManagedPolicies: kind === 5 || kind === 6 ? [{ PolicyName: "SelfManageMfa", PolicyArn: `${ARN}:policy/SelfManageMfa` }] : [],
            ...(u % 17 === 0 ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: `${ARN}:policy/TeamBoundary` } } : {}),
            Tags: [],
        });
        const mfa = kind >= 8 && u % 9 !== 0;
        const key = u % 4 === 0;
        csv.push(
            `${name},${ARN}:user${path}${name},2025-03-01T10:00:00+00:00,${u % 2 === 0},${u % 2 === 0 ? "2026-11-20T10:00:00+00:00" : "N/A"},N/A,N/A,${mfa},${key},${key ? "2025-03-01T10:05:00+00:00" : "N/A"},${key ? "2026-11-29T10:00:00+00:00" : "N/A"},${key ? "eu-west-1" : "N/A"},${key ? "s3" : "N/A"},false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
        );
    }
    const roleList = [];
    for (let r = 0; r < roles; r++) {
        const kind = r % 10;
        const trust =
            kind < 4
                ? doc({ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "states.amazonaws.com"][kind] }, Action: "sts:AssumeRole" })
                : kind < 6
                  ? doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })
                  : kind === 6
                    ? doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::109876543210:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": `vendor-${r}` } } })
                    : kind === 7
                      ? doc({ Effect: "Allow", Principal: { Federated: `${ARN}:saml-provider/AWSSSO_0a1b2c3d4e5f6789_DO_NOT_DELETE` }, Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"], Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } })
                      : kind === 8
                        ? doc({ Effect: "Allow", Principal: { Service: "support.amazonaws.com" }, Action: "sts:AssumeRole" })
                        : doc({ Effect: "Allow", Principal: { Federated: `${ARN}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": `repo:acme/app-${r}:*` } } });
        const name = kind === 7 ? `AWSReservedSSO_Team${r}_${(r * 2654435761).toString(16).padStart(16, "0").slice(0, 16)}` : kind === 8 ? `AWSServiceRoleForSupport${r}` : `role-${String(r).padStart(5, "0")}`;
        const path = kind === 7 ? "/aws-reserved/sso.amazonaws.com/" : kind === 8 ? "/aws-service-role/support.amazonaws.com/" : "/";
        roleList.push({
            Path: path,
            RoleName: name,
            RoleId: `AROA${String(r).padStart(17, "0")}`,
            Arn: `${ARN}:role${path}${name}`,
            CreateDate: "2024-03-01T10:00:00Z",
            AssumeRolePolicyDocument: encode(trust),
            InstanceProfileList: [],
            RolePolicyList: kind < 4 ? [{ PolicyName: "work", PolicyDocument: encode(doc({ Effect: "Allow", Action: TEAM_ACTIONS[r % TEAM_ACTIONS.length], Resource: "*" })) }] : [],
            AttachedManagedPolicies: kind === 4 ? [{ PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }] : [],
            Tags: [],
            RoleLastUsed: {},
        });
    }
    return {
        details: { UserDetailList: userList, GroupDetailList: groups, RoleDetailList: roleList, Policies: policies, IsTruncated: false },
        credentialReportCsv: `${csv.join("\n")}\n`,
    };
}
