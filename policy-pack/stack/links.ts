/**
 * Reading links: what each IAM resource of the stack connects — boundaries, group memberships, inline policies,
 * managed policy attachments, role trust — recorded on the entries it resolves to. Documents whose principal cannot
 * be traced are kept as unplaced, not dropped: they may reach any principal.
 */
import { documentSource, DocumentSource } from "./documentSource";
import { readDocument, readString, readStringList } from "./knownValues";
import { Exclusivity } from "./exclusivity";
import { GroupEntry, ManagedPolicyRef, PrincipalEntry, RoleEntry, UnplacedDocuments } from "./principals";
import { StackIndex } from "./resolution";
import { IAM_TYPES, StackResource } from "./stackResource";

/** Users' own attributes that point at policies. */
export function readBoundaries(index: StackIndex): void {
    for (const r of index.ofType(IAM_TYPES.user)) {
        const user = index.userOf(r)!;
        if (index.p(r).permissionsBoundary !== undefined && index.p(r).permissionsBoundary !== "") {
            const [boundary] = index.policiesOf(r, "permissionsBoundary", (n) => `permissions boundary "${n}"`);
            user.boundary = boundary;
        }
    }
}

/** Memberships. A membership whose group cannot be resolved leaves its users' verdict open. */
export function readMemberships(index: StackIndex, exclusivity: Exclusivity): void {
    for (const r of index.ofType(IAM_TYPES.groupMembership)) {
        const problems: string[] = [];
        const groups = exclusivity.traced(r, "group", index.groupsOf, problems);
        const users = index.usersOf(r, "users", problems);
        exclusivity.setsMembers(r, groups, users);
        for (const user of users) {
            user.problems.push(...problems);
            for (const group of groups) {
                group.members.add(user);
                user.groups.add(group);
            }
        }
        for (const group of groups) {
            group.problems.push(...problems);
        }
    }
    for (const r of index.ofType(IAM_TYPES.userGroupMembership)) {
        const problems: string[] = [];
        const users = index.usersOf(r, "user", problems);
        const groups = index.groupsOf(r, "groups", problems);
        for (const user of users) {
            user.problems.push(...problems);
            for (const group of groups) {
                group.members.add(user);
                user.groups.add(group);
            }
        }
    }
}

/** Keeps the documents of a resource whose principal cannot be traced; returns the entries it did reach. */
function place<T extends PrincipalEntry>(
    unplaced: UnplacedDocuments[],
    r: StackResource,
    target: "group" | "user",
    entries: T[],
    problems: string[],
    sources: () => DocumentSource[],
): T[] {
    if (entries.length === 0 && problems.length > 0) {
        unplaced.push({ urn: r.urn, target, problem: problems.join("; "), sources: sources() });
    }
    return entries;
}

export function readInlinePolicies(index: StackIndex, unplaced: UnplacedDocuments[]): void {
    for (const r of index.ofType(IAM_TYPES.groupPolicy)) {
        const name = readString(index.p(r), "name");
        const policyName = typeof name === "string" ? name : r.name;
        const problems: string[] = [];
        const groups = place(unplaced, r, "group", index.groupsOf(r, "group", problems), problems, () => [
            documentSource(`inline policy "${policyName}" of an untraceable group`, readDocument(index.p(r), "policy")),
        ]);
        for (const group of groups) {
            group.inline.push({ name: policyName, source: documentSource(`inline policy "${policyName}" of group ${group.displayName}`, readDocument(index.p(r), "policy")) });
        }
    }
    for (const r of index.ofType(IAM_TYPES.userPolicy)) {
        const name = readString(index.p(r), "name");
        const policyName = typeof name === "string" ? name : r.name;
        const problems: string[] = [];
        const users = place(unplaced, r, "user", index.usersOf(r, "user", problems), problems, () => [
            documentSource(`inline policy "${policyName}" of an untraceable user`, readDocument(index.p(r), "policy")),
        ]);
        for (const user of users) {
            user.inline.push({ name: policyName, source: documentSource(`inline policy "${policyName}" of user ${user.displayName}`, readDocument(index.p(r), "policy")) });
        }
    }
}

const groupNames = (groups: GroupEntry[]) => (groups.length > 0 ? groups.map((g) => g.displayName).join(", ") : "(untraceable)");

function attach(entries: PrincipalEntry[], refs: ManagedPolicyRef[]): void {
    for (const entry of entries) {
        for (const ref of refs) {
            entry.attached.set(ref.key, ref);
        }
    }
}

/**
 * Managed policy attachments (the exclusive PolicyAttachment also told to `exclusivity`). Returns the keys of the
 * managed policies roles hold: roles carry no MFA of their own to enroll.
 */
export function readAttachments(index: StackIndex, exclusivity: Exclusivity, unplaced: UnplacedDocuments[]): Set<string> {
    for (const r of index.ofType(IAM_TYPES.groupPolicyAttachment)) {
        const problems: string[] = [];
        const groups = index.groupsOf(r, "group", problems);
        const refs = index.policiesOf(r, "policyArn", (n) => `policy "${n}" via group ${groupNames(groups)}`);
        attach(place(unplaced, r, "group", groups, problems, () => refs.map((ref) => ref.source)), refs);
    }
    for (const r of index.ofType(IAM_TYPES.userPolicyAttachment)) {
        const problems: string[] = [];
        const refs = index.policiesOf(r, "policyArn", (n) => `policy "${n}"`);
        attach(place(unplaced, r, "user", index.usersOf(r, "user", problems), problems, () => refs.map((ref) => ref.source)), refs);
    }
    const heldByRoles = new Set<string>();
    for (const r of index.ofType(IAM_TYPES.rolePolicyAttachment)) {
        index.policiesOf(r, "policyArn", (n) => n).forEach((ref) => heldByRoles.add(ref.key));
    }
    for (const r of index.ofType(IAM_TYPES.policyAttachment)) {
        const groupProblems: string[] = [];
        const userProblems: string[] = [];
        const groups = index.groupsOf(r, "groups", groupProblems);
        const users = index.usersOf(r, "users", userProblems);
        const groupRefs = index.policiesOf(r, "policyArn", (n) => `policy "${n}" via group ${groupNames(groups)}`);
        const userRefs = index.policiesOf(r, "policyArn", (n) => `policy "${n}"`);
        const roles = readStringList(index.p(r), "roles");
        attach(place(unplaced, r, "group", groups, groupProblems, () => groupRefs.map((ref) => ref.source)), groupRefs);
        attach(place(unplaced, r, "user", users, userProblems, () => userRefs.map((ref) => ref.source)), userRefs);
        for (const ref of userRefs) {
            if (exclusivity.attachesExclusively(r, ref, [...groups, ...users]) && (roles.known.length > 0 || roles.hasUnknown)) {
                heldByRoles.add(ref.key);
            }
        }
    }
    return heldByRoles;
}

export function readRoles(index: StackIndex): RoleEntry[] {
    return index.ofType(IAM_TYPES.role).map((r) => {
        const name = readString(index.p(r), "name");
        const displayName = typeof name === "string" ? name : r.name;
        return {
            urn: r.urn,
            name: displayName,
            nameKnown: typeof name === "string",
            trust: documentSource(`trust policy of role ${displayName}`, readDocument(index.p(r), "assumeRolePolicy"), "trust"),
        };
    });
}
