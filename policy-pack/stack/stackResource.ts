/** The resources of a stack as the pack sees them, and the IAM resource types the graph reads. */

/** The slice of @pulumi/policy's PolicyResource the graph needs. */
export interface StackResource {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: unknown;
    readonly dependencies?: readonly StackResource[];
    readonly propertyDependencies?: Readonly<Record<string, readonly StackResource[]>>;
}

export const IAM_TYPES = {
    user: "aws:iam/user:User",
    group: "aws:iam/group:Group",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    groupMembership: "aws:iam/groupMembership:GroupMembership",
    userGroupMembership: "aws:iam/userGroupMembership:UserGroupMembership",
    userLoginProfile: "aws:iam/userLoginProfile:UserLoginProfile",
    groupPolicyAttachmentsExclusive: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
    groupPoliciesExclusive: "aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive",
    userPolicyAttachmentsExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    userPoliciesExclusive: "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
} as const;

/**
 * The aws-native provider's IAM types that grant or link (its schema, 1.79: `npm pack @pulumi/aws-native`, iam/*.d.ts).
 * `UserToGroupAddition` is CloudFormation's and not in that schema; it is read in case a provider version has it.
 */
export const NATIVE_TYPES = {
    user: "aws-native:iam:User",
    group: "aws-native:iam:Group",
    role: "aws-native:iam:Role",
    managedPolicy: "aws-native:iam:ManagedPolicy",
    userPolicy: "aws-native:iam:UserPolicy",
    groupPolicy: "aws-native:iam:GroupPolicy",
    rolePolicy: "aws-native:iam:RolePolicy",
    userToGroupAddition: "aws-native:iam:UserToGroupAddition",
} as const;

/** Each kind of entry, with the property names each provider gives its name, document and ARN. */
export const KINDS = {
    user: [
        { type: IAM_TYPES.user, name: "name" },
        { type: NATIVE_TYPES.user, name: "userName" },
    ],
    group: [
        { type: IAM_TYPES.group, name: "name" },
        { type: NATIVE_TYPES.group, name: "groupName" },
    ],
    policy: [
        { type: IAM_TYPES.policy, name: "name", document: "policy", arn: "arn" },
        { type: NATIVE_TYPES.managedPolicy, name: "managedPolicyName", document: "policyDocument", arn: "policyArn" },
    ],
    role: [
        { type: IAM_TYPES.role, name: "name", document: "assumeRolePolicy" },
        { type: NATIVE_TYPES.role, name: "roleName", document: "assumeRolePolicyDocument" },
    ],
} as const;

export type EntryKind = keyof typeof KINDS;

export function typesOf(kind: EntryKind): string[] {
    return KINDS[kind].map((k) => k.type);
}

/** The property holding the IAM name of a resource of this kind (by its provider's type). */
export function nameProperty(kind: EntryKind, type: string): string {
    return KINDS[kind].find((k) => k.type === type)?.name ?? "name";
}

/** Resources that the given property was computed from, falling back to all dependencies. */
export function linkedResources(resource: StackResource, property: string, types: readonly string[]): StackResource[] {
    const byProperty = resource.propertyDependencies?.[property];
    const candidates = byProperty && byProperty.length > 0 ? byProperty : (resource.dependencies ?? []);
    return candidates.filter((r) => types.includes(r.type));
}
