/**
 * Inputs IAM accepts that once stalled the pack (backtracking globs, quadratic linking, unbounded documents), as
 * analyzer resources of a first preview. The benchmark times the preview sequence on each.
 */
import { CapturedResource, UNKNOWN } from "../preview/capturedResource";
import { resource } from "./accountScaleStack";

const ENROLLMENT = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"];
const MFA_FALSE = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } };

const doc = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const forceMfa = () =>
    doc([
        { Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: "arn:aws:iam::*:mfa/*" },
        { Effect: "Allow", Action: ["iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser"], Resource: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"] },
        { Effect: "Deny", NotAction: ENROLLMENT, Resource: "*", Condition: MFA_FALSE },
    ]);

function user(name: string, path = "/"): CapturedResource {
    return resource("aws:iam/user:User", name, { name, path, arn: UNKNOWN });
}

function userPolicy(u: CapturedResource, name: string, policy: string): CapturedResource {
    return resource("aws:iam/userPolicy:UserPolicy", `${u.name}-${name}`, { name, user: u.properties.name, policy }, { user: [u.urn] });
}

/** A user with ForceMFA as its own inline policy, plus `extra` statements in a second one. */
function enforcedUser(u: CapturedResource, extra: object[]): CapturedResource[] {
    return [u, userPolicy(u, "ForceMFA", forceMfa()), userPolicy(u, "Extra", doc(extra))];
}

export interface HostileInput {
    readonly name: string;
    /** A stack, sent as the CLI sends a preview's: each resource's Remediate and Analyze, then AnalyzeStack. */
    readonly resources: CapturedResource[];
}

export function hostileInputs(): HostileInput[] {
    const longName = user("a".repeat(64));
    const longPath = user("bob", `/${"a".repeat(498)}/`);
    const denyAll = resource("aws:iam/policy:Policy", "DenyAll", { name: "DenyAll", arn: UNKNOWN, policy: doc([{ Effect: "Deny", NotAction: "iam:*?*?*?*?*?*?*?*?#", Resource: "*", Condition: MFA_FALSE }]) });
    const carol = user("carol");
    const groups = Array.from({ length: 25_000 }, (_, i) => resource("aws:iam/group:Group", `team-${i}`, { name: `team-${i}`, path: "/" }));
    const admin = doc([{ Effect: "Allow", Action: "*", Resource: "*" }]);
    const manyUsers = Array.from({ length: 25_000 }, (_, i) => user(`user-${i}`));
    const statements = Array.from({ length: 20_000 }, (_, i) => ({ Sid: `S${i}`, Effect: "Deny", Action: `s3:Get${i}*`, Resource: "*", Condition: MFA_FALSE }));
    return [
        {
            name: 'NotAction "iam:*?*?*?*?*?*?*?*?#"',
            resources: [denyAll, carol, resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "carol-deny", { user: "carol", policyArn: UNKNOWN }, { user: [carol.urn], policyArn: [denyAll.urn] })],
        },
        {
            name: '64-character user name, StringLike aws:username "*a*a*a*a*a*a*b"',
            resources: enforcedUser(longName, [{ Effect: "Deny", Action: "iam:EnableMFADevice", Resource: "*", Condition: { StringLike: { "aws:username": "*a*a*a*a*a*a*b" }, ...MFA_FALSE } }]),
        },
        {
            name: "500-character user path, Resource user/a*a*a*a*b/${aws:username}",
            resources: enforcedUser(longPath, [{ Effect: "Deny", Action: "iam:EnableMFADevice", Resource: "arn:aws:iam::*:user/a*a*a*a*b/${aws:username}" }]),
        },
        {
            name: 'trust Deny on Principal "a*" nine times',
            resources: [
                resource("aws:iam/role:Role", "deploy", {
                    name: "deploy",
                    assumeRolePolicy: doc([
                        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::123456789012:user/${"a".repeat(60)}` }, Action: "sts:AssumeRole" },
                        { Effect: "Deny", Principal: { AWS: `${"a*".repeat(9)}#` }, Action: "sts:AssumeRole", Condition: MFA_FALSE },
                    ]),
                }),
            ],
        },
        {
            name: "one document of 20,000 statements",
            resources: [carol, userPolicy(carol, "Huge", doc(statements))],
        },
        {
            name: "25,000 groups, 25,000 GroupPolicy of untraceable groups",
            resources: [
                ...groups,
                ...groups.map((_g, i) => resource("aws:iam/groupPolicy:GroupPolicy", `untraced-${i}`, { name: `p${i}`, group: UNKNOWN, policy: admin })),
                carol,
                resource("aws:iam/groupMembership:GroupMembership", "team-0-members", { group: "team-0", users: ["carol"] }, { group: [groups[0].urn], users: [carol.urn] }),
            ],
        },
        {
            name: "25,000 unattached deny policies, 25,000 users",
            resources: [
                ...manyUsers.flatMap((u) => [u, userPolicy(u, "ForceMFA", forceMfa())]),
                ...Array.from({ length: 25_000 }, (_, i) => resource("aws:iam/policy:Policy", `Deny${i}`, { name: `Deny${i}`, arn: UNKNOWN, policy: forceMfa() })),
            ],
        },
    ];
}
