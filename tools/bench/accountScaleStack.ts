/**
 * Account-scale resource sets for the benchmark, generated directly as analyzer resources of a first preview:
 * policy ARNs unknown and linked through propertyDependencies, compliant and escaping principals mixed.
 */
import { CapturedResource, UNKNOWN } from "../preview/capturedResource";

const ENROLLMENT = [
    "iam:GetAccountSummary",
    "iam:ListVirtualMFADevices",
    "iam:GetAccountPasswordPolicy",
    "iam:CreateVirtualMFADevice",
    "iam:EnableMFADevice",
    "iam:ListMFADevices",
    "iam:ResyncMFADevice",
    "iam:GetUser",
    "iam:ChangePassword",
    "sts:GetSessionToken",
];

function document(deny: "BoolIfExists" | "Bool" | undefined, allow: string[] = []): string {
    const statements: object[] = [
        { Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: "arn:aws:iam::*:mfa/*" },
        { Effect: "Allow", Action: ["iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser"], Resource: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"] },
    ];
    if (deny) {
        statements.push({ Effect: "Deny", NotAction: ENROLLMENT, Resource: "*", Condition: { [deny]: { "aws:MultiFactorAuthPresent": "false" } } });
    }
    if (allow.length > 0) {
        statements.push({ Effect: "Allow", Action: allow, Resource: "*" });
    }
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A custom resource as the analyzer receives it in a first preview of the bench stack. */
export function resource(type: string, name: string, properties: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): CapturedResource {
    return {
        type,
        urn: `urn:pulumi:bench::force-mfa::${type}::${name}`,
        name,
        custom: true,
        properties,
        dependencies: [...new Set(Object.values(propertyDependencies).flat())],
        propertyDependencies,
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
    };
}

export interface ScaleShape {
    users: number;
    groups: number;
    roles: number;
}

export function accountScaleStack({ users, groups, roles }: ScaleShape): CapturedResource[] {
    const out: CapturedResource[] = [];
    const policies = [
        resource("aws:iam/policy:Policy", "ForceMFA", { name: "ForceMFA", policy: document("BoolIfExists"), arn: UNKNOWN }),
        resource("aws:iam/policy:Policy", "LegacyBoolMFA", { name: "LegacyBoolMFA", policy: document("Bool"), arn: UNKNOWN }),
        resource("aws:iam/policy:Policy", "PowerUser", { name: "PowerUser", policy: document(undefined, ["ec2:*", "s3:*", "lambda:*"]), arn: UNKNOWN }),
        resource("aws:iam/policy:Policy", "ReadOnly", { name: "ReadOnly", policy: document(undefined, ["s3:Get*", "ec2:Describe*"]), arn: UNKNOWN }),
    ];
    out.push(...policies);
    const groupResources = Array.from({ length: groups }, (_, g) => resource("aws:iam/group:Group", `group-${g}`, { name: g === 0 ? "mfa-enforced" : `team-${g}`, path: "/" }));
    out.push(...groupResources);
    groupResources.forEach((group, g) => {
        // The enforced group carries ForceMFA; teams carry permissions, some also a (broken) legacy deny.
        const attached = g === 0 ? [policies[0]] : g % 3 === 0 ? [policies[1], policies[2]] : [g % 2 ? policies[2] : policies[3]];
        for (const policy of attached) {
            out.push(
                resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", `${group.name}-${policy.name}`, { group: group.properties.name, policyArn: UNKNOWN }, {
                    group: [group.urn],
                    policyArn: [policy.urn],
                }),
            );
        }
    });
    const userResources = Array.from({ length: users }, (_, u) => resource("aws:iam/user:User", `user-${u}`, { name: `user-${u}`, path: u % 7 ? "/" : "/eng/" }));
    out.push(...userResources);
    // 95 % of users in the enforced group; every user in one team.
    const enforced = userResources.filter((_, u) => u % 20 !== 0);
    out.push(
        resource("aws:iam/groupMembership:GroupMembership", "enforced-members", { group: "mfa-enforced", users: enforced.map((u) => u.properties.name) }, {
            group: [groupResources[0].urn],
            users: enforced.map((u) => u.urn),
        }),
    );
    for (let g = 1; g < groups; g++) {
        const members = userResources.filter((_, u) => u % (groups - 1) === g - 1);
        out.push(
            resource("aws:iam/groupMembership:GroupMembership", `team-${g}-members`, { group: `team-${g}`, users: members.map((u) => u.properties.name) }, {
                group: [groupResources[g].urn],
                users: members.map((u) => u.urn),
            }),
        );
    }
    for (let r = 0; r < roles; r++) {
        const condition = r % 2 ? { Bool: { "aws:MultiFactorAuthPresent": "true" } } : undefined;
        const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }] };
        out.push(resource("aws:iam/role:Role", `role-${r}`, { name: `role-${r}`, assumeRolePolicy: JSON.stringify(trust) }));
    }
    return out;
}
