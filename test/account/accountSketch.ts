/**
 * A small account written in a few lines — users, groups, roles, managed policies — as the raw
 * GetAccountAuthorizationDetails JSON the audit reads, and the judgement's inputs built from it the way
 * buildAuditReport builds them, for tests of one judgement module at a time.
 */
import { parseAuthorizationDetails } from "../../account/inputs/authorizationDetails";
import { Exemptions, NO_EXEMPTIONS } from "../../account/inputs/exemptions";
import { DEFAULT_SUSPENDED_GROUP_NAME } from "../../account/judgement/suspension";
import { accountResources } from "../../account/judgement/stackResources";
import { JudgementInput } from "../../account/judgement/userJudgement";
import { buildIamGraph, DEFAULT_ENFORCED_GROUP_NAME, mfaDenyAnalyzer, readGuardConfig } from "../../policy-pack/evaluator";

export const SKETCH_ACCOUNT = "111122223333";
export const policyArn = (name: string) => `arn:aws:iam::${SKETCH_ACCOUNT}:policy/${name}`;
const arn = (kind: string, name: string) => `arn:aws:iam::${SKETCH_ACCOUNT}:${kind}/${name}`;

type Doc = Record<string, unknown>;
export interface SketchUser {
    readonly groups?: readonly string[];
    readonly inline?: Readonly<Record<string, Doc>>;
    readonly attached?: readonly string[];
    readonly boundary?: string;
}
export interface SketchGroup {
    readonly inline?: Readonly<Record<string, Doc>>;
    readonly attached?: readonly string[];
}
export interface AccountSketch {
    readonly users?: Readonly<Record<string, SketchUser>>;
    readonly groups?: Readonly<Record<string, SketchGroup>>;
    /** Each role's trust policy. */
    readonly roles?: Readonly<Record<string, Doc>>;
    /** Managed policies by ARN: their one (default) version. */
    readonly policies?: Readonly<Record<string, Doc>>;
}

export const statements = (...statement: Doc[]): Doc => ({ Version: "2012-10-17", Statement: statement });
export const ADMIN = statements({ Effect: "Allow", Action: "*", Resource: "*" });
/** Deny everything but enrolling without MFA, as the program's ForceMFA does (trimmed to what the audit reads). */
export const MFA_DENY = statements(
    { Sid: "AllowEnrollment", Effect: "Allow", Action: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:GetUser", "iam:ResyncMFADevice"], Resource: ["arn:aws:iam::*:mfa/*", "arn:aws:iam::*:user/${aws:username}"] },
    {
        Sid: "DenyAllExceptEnrollmentWithoutMfa",
        Effect: "Deny",
        NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "iam:GetUser", "sts:GetSessionToken"],
        Resource: "*",
        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
);
export const MFA_TRUST = statements({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SKETCH_ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });
export const OPEN_TRUST = statements({ Sid: "AnyoneInTheAccount", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SKETCH_ACCOUNT}:root` }, Action: "sts:AssumeRole" });

const attachedList = (arns: readonly string[] = []) => arns.map((a) => ({ PolicyName: a.split("/").pop(), PolicyArn: a }));
const inlineList = (inline: Readonly<Record<string, Doc>> = {}) => Object.entries(inline).map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument }));

export function rawSketch(sketch: AccountSketch): Record<string, unknown> {
    return {
        UserDetailList: Object.entries(sketch.users ?? {}).map(([name, u]) => ({
            UserName: name,
            UserId: `AIDA${name.toUpperCase()}`,
            Arn: arn("user", name),
            Path: "/",
            CreateDate: "2026-01-01T00:00:00Z",
            GroupList: [...(u.groups ?? [])],
            UserPolicyList: inlineList(u.inline),
            AttachedManagedPolicies: attachedList(u.attached),
            ...(u.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: u.boundary } } : {}),
        })),
        GroupDetailList: Object.entries(sketch.groups ?? {}).map(([name, g]) => ({
            GroupName: name,
            GroupId: `AGPA${name.toUpperCase()}`,
            Arn: arn("group", name),
            Path: "/",
            CreateDate: "2026-01-01T00:00:00Z",
            GroupPolicyList: inlineList(g.inline),
            AttachedManagedPolicies: attachedList(g.attached),
        })),
        RoleDetailList: Object.entries(sketch.roles ?? {}).map(([name, trust]) => ({
            RoleName: name,
            RoleId: `AROA${name.toUpperCase()}`,
            Arn: arn("role", name),
            Path: "/",
            CreateDate: "2026-01-01T00:00:00Z",
            AssumeRolePolicyDocument: trust,
            RolePolicyList: [],
            AttachedManagedPolicies: [],
            InstanceProfileList: [],
        })),
        Policies: Object.entries(sketch.policies ?? {}).map(([policy, document]) => ({
            PolicyName: policy.split("/").pop(),
            Arn: policy,
            Path: "/",
            DefaultVersionId: "v1",
            AttachmentCount: 1,
            IsAttachable: true,
            PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: document, CreateDate: "2026-01-01T00:00:00Z" }],
        })),
    };
}

export const sketchDetails = (sketch: AccountSketch) => parseAuthorizationDetails(rawSketch(sketch), "sketch.json");

/** The inputs of judgeUsersAndGroups, and the account's resources (for judgeRoles), as buildAuditReport makes them. */
export async function sketchJudgement(sketch: AccountSketch, exemptions: Exemptions = NO_EXEMPTIONS, suspendedGroupName = DEFAULT_SUSPENDED_GROUP_NAME) {
    const details = sketchDetails(sketch);
    const config = readGuardConfig({ enforcedGroupName: DEFAULT_ENFORCED_GROUP_NAME, exemptUsers: exemptions.users, exemptRoles: exemptions.roles }, "2026-12-01");
    const analyzer = await mfaDenyAnalyzer(config.enrollmentAllowList);
    const { resources, urnOf } = accountResources(details);
    const graph = buildIamGraph(resources);
    const input: JudgementInput = { details, exemptions, graph, config, analyzer, suspendedGroupName };
    return { input, resources, urnOf };
}
