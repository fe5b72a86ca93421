/**
 * The account as the pack's IAM graph reads a stack: each user, group, role and managed policy of the authorization
 * details becomes the resource a Pulumi program would declare for it, with every value known — memberships,
 * inline policies, attachments, permissions boundaries, trust documents, and each managed policy with its DEFAULT
 * version's document (the only one IAM applies). AWS managed policies are in the details with their content, so
 * they are resources like the account's own and are evaluated, not failed closed.
 */
import { AuthorizationDetails } from "../inputs/authorizationDetails";
import { IAM_TYPES, StackResource } from "../../policy-pack/evaluator";

export interface AccountResources {
    readonly resources: readonly StackResource[];
    /** The URN standing for each principal, by `type:name` (names lower-cased). */
    readonly urnOf: (type: "user" | "group" | "role", name: string) => string;
}

const STACK = "urn:pulumi:account::audit";

export function accountResources(details: AuthorizationDetails): AccountResources {
    const resources: StackResource[] = [];
    const urnOf = (type: "user" | "group" | "role", name: string) => `${STACK}::${IAM_TYPES[type]}::${name.toLowerCase()}`;
    const add = (type: string, name: string, props: Record<string, unknown>, urn = `${STACK}::${type}::${name}`) => {
        resources.push({ type, urn, name, props });
    };
    for (const policy of details.policies) {
        add(IAM_TYPES.policy, policy.arn, { name: policy.name, arn: policy.arn, path: policy.path, policy: policy.defaultDocument });
    }
    for (const group of details.groups) {
        add(IAM_TYPES.group, group.name, { name: group.name, arn: group.arn, path: group.path }, urnOf("group", group.name));
        group.inline.forEach((p) => add(IAM_TYPES.groupPolicy, `${group.name}/${p.name}`, { group: group.name, name: p.name, policy: p.document }));
        group.attached.forEach((p) => add(IAM_TYPES.groupPolicyAttachment, `${group.name}/${p.arn}`, { group: group.name, policyArn: p.arn }));
    }
    for (const user of details.users) {
        add(
            IAM_TYPES.user,
            user.name,
            { name: user.name, arn: user.arn, path: user.path, ...(user.permissionsBoundaryArn ? { permissionsBoundary: user.permissionsBoundaryArn } : {}) },
            urnOf("user", user.name),
        );
        if (user.groups.length > 0) {
            add(IAM_TYPES.userGroupMembership, user.name, { user: user.name, groups: [...user.groups] });
        }
        user.inline.forEach((p) => add(IAM_TYPES.userPolicy, `${user.name}/${p.name}`, { user: user.name, name: p.name, policy: p.document }));
        user.attached.forEach((p) => add(IAM_TYPES.userPolicyAttachment, `${user.name}/${p.arn}`, { user: user.name, policyArn: p.arn }));
    }
    for (const role of details.roles) {
        add(
            IAM_TYPES.role,
            role.name,
            {
                name: role.name,
                arn: role.arn,
                path: role.path,
                assumeRolePolicy: role.trust,
                // Its permissions: read only for what a role's session may do (sensitive actions), never for its MFA.
                inlinePolicies: role.inline.map((p) => ({ name: p.name, policy: p.document })),
                ...(role.permissionsBoundaryArn ? { permissionsBoundary: role.permissionsBoundaryArn } : {}),
            },
            urnOf("role", role.name),
        );
        role.attached.forEach((p) => add(IAM_TYPES.rolePolicyAttachment, `${role.name}/${p.arn}`, { role: role.name, policyArn: p.arn }));
    }
    return { resources, urnOf };
}
