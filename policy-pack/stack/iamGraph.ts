/**
 * The IAM principals of a stack and the documents that reach each of them, linked the way AWS will link them.
 * During the first preview of a stack the ARNs of its own policies (and sometimes names) are still unknown, so a
 * link whose value is unknown is followed through the resource graph to the resource it came from (resolution.ts).
 * A link that can be followed neither way is recorded as a problem, and a verdict that needs it fails closed.
 *
 * Built in the order AWS's own convergence needs: the stack's entries, the links each resource reads (links.ts),
 * then what the exclusive resources revoke (exclusivity.ts).
 */
import { accountOfArn } from "../iam/policyArn";
import { Exclusivity } from "./exclusivity";
import { readAttachments, readInlinePolicies, readMemberships } from "./links";
import { readBoundaries, readLoginProfiles } from "./userAttributes";
import { GroupEntry, ManagedPolicyRef, OtherRoleInline, RoleEntry, StackPolicyEntry, UnplacedDocuments, UserEntry } from "./principals";
import { StackIndex } from "./resolution";
import { readRoles } from "./roles";
import { RolePermissions, rolePermissions } from "./rolePermissions";
import { StackResource } from "./stackResource";

export { documentSource, refusal } from "./documentSource";
export type { DocumentSource } from "./documentSource";
export { GroupEntry, UserEntry } from "./principals";
export { unreadable, usable, userDocuments, userIdentityDocuments } from "./userDocuments";
export type { UserDocuments } from "./userDocuments";
export type { ExclusiveSetter, ManagedPolicyRef, OtherRoleInline, RoleEntry, RoleInlinePolicy, StackPolicyEntry, UnplacedDocuments } from "./principals";
export { IAM_TYPES } from "./stackResource";
export type { StackResource } from "./stackResource";
export type { RolePermissions } from "./rolePermissions";

export interface IamGraph {
    readonly users: readonly UserEntry[];
    readonly groups: readonly GroupEntry[];
    readonly roles: readonly RoleEntry[];
    /** Roles outside the stack (or untraceable) that the stack puts inline policies on. */
    readonly otherRoles: readonly OtherRoleInline[];
    readonly policies: readonly StackPolicyEntry[];
    readonly unplaced: readonly UnplacedDocuments[];
    /** Exclusive resources whose principal cannot be traced: they may strip any principal's MFA deny. */
    readonly untracedExclusives: readonly { readonly urn: string; readonly problem: string }[];
    /** Keys of managed policies roles hold (through RolePolicyAttachment or PolicyAttachment). */
    readonly heldByRoles: ReadonlySet<string>;
    /** The PolicyAttachments whose policy is traced: each revokes its policy account-wide from every principal it does not list. */
    readonly policyAttachments: readonly { readonly urn: string; readonly name: string; readonly policy: ManagedPolicyRef }[];
    /** A role's permissions (read when first asked: most verdicts need only its trust). */
    readonly permissionsOf: (role: RoleEntry) => RolePermissions;
}

export function buildIamGraph(resources: readonly StackResource[]): IamGraph {
    const index = new StackIndex(resources);
    const exclusivity = new Exclusivity();
    const unplaced: UnplacedDocuments[] = [];

    readBoundaries(index);
    readLoginProfiles(index);
    readMemberships(index, exclusivity);
    exclusivity.revokeUnlistedMembers();
    readInlinePolicies(index, unplaced);
    const heldByRoles = readAttachments(index, exclusivity, unplaced);
    exclusivity.applyExclusiveResources(index);
    // Every entry exists by now: links to principals outside the stack have all been read.
    const groups = index.groups;
    const users = index.users;
    for (const user of users) {
        user.account = accountOfArn(user.arn) ?? index.account;
    }
    exclusivity.revokeUnlistedPolicyHolders(groups, users);
    const { roles, otherRoles } = readRoles(index);
    const permissions = new Map<RoleEntry, RolePermissions>();

    return {
        users,
        groups,
        roles,
        otherRoles,
        policies: index.policies,
        unplaced,
        untracedExclusives: exclusivity.untracedExclusives,
        heldByRoles,
        policyAttachments: exclusivity.policyAttachments,
        permissionsOf: (role) => {
            let read = permissions.get(role);
            if (!read) {
                read = rolePermissions(index, role);
                permissions.set(role, read);
            }
            return read;
        },
    };
}
