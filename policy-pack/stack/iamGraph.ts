/**
 * The IAM principals of a stack and the documents that reach each of them, linked the way AWS will link them.
 * During the first preview of a stack the ARNs of its own policies (and sometimes names) are still unknown, so a
 * link whose value is unknown is followed through the resource graph (`propertyDependencies`, then
 * `dependencies`) to the resource it came from. A link that can be followed neither way is recorded as a problem,
 * and a verdict that needs it fails closed.
 */
import { DocumentKind, parsePolicyDocument, PolicyDocument, PolicyDocumentError } from "../iam/policyDocument";
import { rawProps, readDocument, readString, readStringList, UNKNOWN } from "./knownValues";

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
    groupMembership: "aws:iam/groupMembership:GroupMembership",
    userGroupMembership: "aws:iam/userGroupMembership:UserGroupMembership",
    groupPolicyAttachmentsExclusive: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
    groupPoliciesExclusive: "aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive",
    userPolicyAttachmentsExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    userPoliciesExclusive: "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
} as const;

/** A document as it reaches a principal: parsed, or the reason it could not be. */
export interface DocumentSource {
    readonly label: string;
    readonly document?: PolicyDocument;
    readonly problem?: string;
}

export interface ManagedPolicyRef {
    /** Identity for de-duplication: the policy URN, or the ARN of a policy outside the stack. */
    readonly key: string;
    readonly name: string;
    readonly source: DocumentSource;
}

interface InlinePolicy {
    readonly name?: string;
    readonly source: DocumentSource;
}

abstract class PrincipalEntry {
    readonly inline: InlinePolicy[] = [];
    readonly attached = new Map<string, ManagedPolicyRef>();
    /** Set by a `*PolicyAttachmentsExclusive`: AWS ends up with exactly these managed policies. */
    exclusiveAttached?: Map<string, ManagedPolicyRef>;
    /** Set by a `*PoliciesExclusive`: inline policies with other names are removed. */
    exclusiveInlineNames?: Set<string>;
    /** Links that could not be resolved and may matter for this principal's verdict. */
    readonly problems: string[] = [];
    /** What AWS will do that the stack's resources alone do not show (an exclusive resource revoking a link). */
    readonly revoked: string[] = [];

    constructor(
        readonly key: string,
        public name: string | undefined,
        public urn: string | undefined,
    ) {}

    get displayName(): string {
        return this.name ?? this.key;
    }

    /** The managed policies AWS ends up attaching: an exclusive set replaces the individual attachments. */
    get effectiveAttached(): ReadonlyMap<string, ManagedPolicyRef> {
        return this.exclusiveAttached ?? this.attached;
    }

    /** The documents this principal holds itself (not through groups). */
    ownDocuments(kind: string): DocumentSource[] {
        const inline = this.inline
            .filter((p) => !this.exclusiveInlineNames || (p.name !== undefined && this.exclusiveInlineNames.has(p.name)))
            .map((p) => p.source);
        const missingInline = this.exclusiveInlineNames
            ? [...this.exclusiveInlineNames]
                  .filter((n) => !this.inline.some((p) => p.name === n))
                  .map((n) => ({ label: `inline policy "${n}" of ${kind} ${this.displayName}`, problem: "it is not declared in this stack" }))
            : [];
        const managed = [...this.effectiveAttached.values()].map((r) => r.source);
        return [...inline, ...missingInline, ...managed];
    }
}

export class GroupEntry extends PrincipalEntry {
    readonly members = new Set<UserEntry>();
    /** Whether the group is a resource of this stack (otherwise it is referred to by name only). */
    inStack = false;
}

export class UserEntry extends PrincipalEntry {
    readonly groups = new Set<GroupEntry>();
    /** False when the IAM name is unknown during preview (the logical name stands in for display only). */
    nameKnown = true;
    inStack = false;
    path?: string;
    boundary?: ManagedPolicyRef;
}

export interface RoleEntry {
    readonly urn: string;
    /** The IAM name, or the logical name standing in when it is unknown (nameKnown false). */
    readonly name: string;
    readonly nameKnown: boolean;
    readonly trust: DocumentSource;
}

export interface StackPolicyEntry {
    readonly urn: string;
    readonly name: string;
    readonly source: DocumentSource;
}

/**
 * A policy or attachment whose principal can be traced neither by value nor through the resource graph: it may
 * reach any group (or user) of the stack, so verdicts it could change fail closed.
 */
export interface UnplacedDocuments {
    readonly urn: string;
    readonly target: "group" | "user";
    readonly problem: string;
    readonly sources: readonly DocumentSource[];
}

export interface IamGraph {
    readonly users: readonly UserEntry[];
    readonly groups: readonly GroupEntry[];
    readonly roles: readonly RoleEntry[];
    readonly policies: readonly StackPolicyEntry[];
    readonly unplaced: readonly UnplacedDocuments[];
    /** Exclusive resources whose principal cannot be traced: they may strip any principal's MFA deny. */
    readonly untracedExclusives: readonly { readonly urn: string; readonly problem: string }[];
    /** Keys of managed policies roles hold (through RolePolicyAttachment or PolicyAttachment). */
    readonly heldByRoles: ReadonlySet<string>;
}

const parsed = new Map<string, { document?: PolicyDocument; problem?: string }>();

/** What a document AWS refuses means at `pulumi up`: it is never created, so it denies nothing. */
export function refusal(reason: string): string {
    return `AWS refuses its document (MalformedPolicyDocument: ${reason}), so \`pulumi up\` fails to create it and it denies nothing, while the resources that do not depend on it are created`;
}

/** Parses once per distinct text: thousands of principals usually share a handful of documents. */
export function documentSource(label: string, value: unknown, kind: DocumentKind = "identity"): DocumentSource {
    if (value === UNKNOWN) {
        return { label, problem: "its document is unknown until the update runs" };
    }
    if (value === undefined || value === null) {
        return { label, problem: "it has no document" };
    }
    const text = `${kind}:${typeof value === "string" ? value : JSON.stringify(value)}`;
    let entry = parsed.get(text);
    if (!entry) {
        try {
            entry = { document: parsePolicyDocument(value, kind) };
        } catch (err) {
            if (!(err instanceof PolicyDocumentError)) {
                throw err;
            }
            entry = { problem: refusal(err.message) };
        }
        parsed.set(text, entry);
    }
    return { label, ...entry };
}

/** Resources that the given property was computed from, falling back to all dependencies. */
function linkedResources(resource: StackResource, property: string, type: string): StackResource[] {
    const byProperty = resource.propertyDependencies?.[property];
    const candidates = byProperty && byProperty.length > 0 ? byProperty : (resource.dependencies ?? []);
    return candidates.filter((r) => r.type === type);
}

export function buildIamGraph(resources: readonly StackResource[]): IamGraph {
    const props = new Map<StackResource, Record<string, unknown>>();
    const p = (r: StackResource) => {
        let value = props.get(r);
        if (!value) {
            value = rawProps(r.props);
            props.set(r, value);
        }
        return value;
    };
    const ofType = (type: string) => resources.filter((r) => r.type === type);

    // Managed policies of the stack, by URN, by ARN when the ARN is known, and by name (an ARN a program builds from
    // the account id and the name is known before the policy's own arn output is).
    const policies: StackPolicyEntry[] = [];
    const policyByUrn = new Map<string, ManagedPolicyRef>();
    const policyByArn = new Map<string, ManagedPolicyRef>();
    const policyByName = new Map<string, ManagedPolicyRef>();
    for (const r of ofType(IAM_TYPES.policy)) {
        const name = readString(p(r), "name");
        const displayName = typeof name === "string" ? name : r.name;
        const source = documentSource(`policy "${displayName}"`, readDocument(p(r), "policy"));
        policies.push({ urn: r.urn, name: displayName, source });
        const ref: ManagedPolicyRef = { key: r.urn, name: displayName, source };
        policyByUrn.set(r.urn, ref);
        if (typeof name === "string") {
            policyByName.set(name, ref);
        }
        const arn = readString(p(r), "arn");
        if (typeof arn === "string") {
            policyByArn.set(arn, ref);
        }
    }

    const groupsByKey = new Map<string, GroupEntry>();
    const groupByUrn = new Map<string, GroupEntry>();
    const groupByName = new Map<string, GroupEntry>();
    for (const r of ofType(IAM_TYPES.group)) {
        const name = readString(p(r), "name");
        const entry = new GroupEntry(r.urn, typeof name === "string" ? name : undefined, r.urn);
        entry.inStack = true;
        if (name === UNKNOWN) {
            entry.name = r.name;
        }
        groupsByKey.set(entry.key, entry);
        groupByUrn.set(r.urn, entry);
        if (typeof name === "string") {
            groupByName.set(name, entry);
        }
    }

    const usersByKey = new Map<string, UserEntry>();
    const userByUrn = new Map<string, UserEntry>();
    const userByName = new Map<string, UserEntry>();
    for (const r of ofType(IAM_TYPES.user)) {
        const name = readString(p(r), "name");
        const entry = new UserEntry(r.urn, typeof name === "string" ? name : r.name, r.urn);
        entry.inStack = true;
        entry.nameKnown = typeof name === "string";
        const path = readString(p(r), "path");
        entry.path = typeof path === "string" ? path : "/";
        usersByKey.set(entry.key, entry);
        userByUrn.set(r.urn, entry);
        if (typeof name === "string") {
            userByName.set(name, entry);
        }
    }

    const externalGroup = (name: string): GroupEntry => {
        let entry = groupByName.get(name);
        if (!entry) {
            entry = new GroupEntry(`group:${name}`, name, undefined);
            groupsByKey.set(entry.key, entry);
            groupByName.set(name, entry);
        }
        return entry;
    };
    const externalUser = (name: string): UserEntry => {
        let entry = userByName.get(name);
        if (!entry) {
            entry = new UserEntry(`user:${name}`, name, undefined);
            usersByKey.set(entry.key, entry);
            userByName.set(name, entry);
        }
        return entry;
    };

    /** Resolves a name-valued link (group or user) to entries; unknown values go through the resource graph. */
    function resolveNamed<T extends PrincipalEntry>(
        resource: StackResource,
        property: string,
        type: string,
        byUrn: Map<string, T>,
        byName: (name: string) => T,
        problems: string[],
    ): T[] {
        const list = readStringList(p(resource), property);
        const found = list.known.map(byName);
        if (list.hasUnknown) {
            const linked = linkedResources(resource, property, type)
                .map((r) => byUrn.get(r.urn))
                .filter((e): e is T => e !== undefined);
            if (linked.length === 0) {
                problems.push(`${resource.type.split(":").pop()} "${resource.name}": ${property} is unknown during preview and not traceable to a resource of this stack`);
            }
            found.push(...linked);
        }
        return [...new Set(found)];
    }

    function resolvePolicies(resource: StackResource, property: string, label: (name: string) => string): ManagedPolicyRef[] {
        const list = readStringList(p(resource), property);
        const refs: ManagedPolicyRef[] = [];
        for (const arn of list.known) {
            // Customer managed policy names are unique in an account, whatever their path; AWS-managed ones (account
            // "aws") are never the stack's.
            const customerPolicyName = /^arn:[\w-]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
            const own = policyByArn.get(arn) ?? (customerPolicyName !== undefined ? policyByName.get(customerPolicyName) : undefined);
            if (own) {
                refs.push({ ...own, source: { ...own.source, label: label(own.name) } });
            } else {
                // An AWS-managed or pre-existing policy: its content is not in the stack.
                const name = arn.split("/").pop() ?? arn;
                refs.push({ key: arn, name, source: { label: label(name), problem: `${arn} is outside this stack and could not be evaluated` } });
            }
        }
        if (list.hasUnknown) {
            const linked = linkedResources(resource, property, IAM_TYPES.policy)
                .map((r) => policyByUrn.get(r.urn))
                .filter((r): r is ManagedPolicyRef => r !== undefined);
            if (linked.length === 0) {
                const name = `${property} of ${resource.name}`;
                refs.push({ key: `${resource.urn}#${property}`, name, source: { label: label(name), problem: "its ARN is unknown during preview and not traceable to a policy of this stack" } });
            }
            refs.push(...linked.map((own) => ({ ...own, source: { ...own.source, label: label(own.name) } })));
        }
        return refs;
    }

    const groupsOf = (r: StackResource, property: string, problems: string[]) => resolveNamed(r, property, IAM_TYPES.group, groupByUrn, externalGroup, problems);
    const usersOf = (r: StackResource, property: string, problems: string[]) => resolveNamed(r, property, IAM_TYPES.user, userByUrn, externalUser, problems);

    // Users' own attributes that point at policies.
    for (const r of ofType(IAM_TYPES.user)) {
        const user = userByUrn.get(r.urn)!;
        if (p(r).permissionsBoundary !== undefined && p(r).permissionsBoundary !== "") {
            const [boundary] = resolvePolicies(r, "permissionsBoundary", (n) => `permissions boundary "${n}"`);
            user.boundary = boundary;
        }
    }

    // Exclusive resources whose principal cannot be traced: they may strip any principal's MFA deny.
    const untracedExclusives: { urn: string; problem: string }[] = [];
    const traced = <T extends PrincipalEntry>(
        r: StackResource,
        property: string,
        of: (r: StackResource, property: string, problems: string[]) => T[],
        problems: string[] = [],
    ): T[] => {
        const own: string[] = [];
        const entries = of(r, property, own);
        if (entries.length === 0 && own.length > 0) {
            untracedExclusives.push({ urn: r.urn, problem: own.join("; ") });
        }
        problems.push(...own);
        return entries;
    };

    // Memberships. A membership whose group cannot be resolved leaves its users' verdict open.
    // A GroupMembership sets its group's whole member list (AWS removes anyone else): remembered per group. Two of
    // them on one group undo each other's additions, so only users listed by every one of them stay.
    const exclusiveMembers = new Map<GroupEntry, { names: string[]; members: Set<UserEntry> }>();
    for (const r of ofType(IAM_TYPES.groupMembership)) {
        const problems: string[] = [];
        const groups = traced(r, "group", groupsOf, problems);
        const users = usersOf(r, "users", problems);
        for (const group of groups) {
            const previous = exclusiveMembers.get(group);
            exclusiveMembers.set(group, {
                names: [...(previous?.names ?? []), r.name],
                members: previous ? new Set(users.filter((u) => previous.members.has(u))) : new Set(users),
            });
        }
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
    for (const r of ofType(IAM_TYPES.userGroupMembership)) {
        const problems: string[] = [];
        const users = usersOf(r, "user", problems);
        const groups = groupsOf(r, "groups", problems);
        for (const user of users) {
            user.problems.push(...problems);
            for (const group of groups) {
                group.members.add(user);
                user.groups.add(group);
            }
        }
    }

    for (const [group, exclusive] of exclusiveMembers) {
        for (const user of [...group.members].filter((u) => !exclusive.members.has(u))) {
            group.members.delete(user);
            user.groups.delete(group);
            user.revoked.push(
                exclusive.names.length === 1
                    ? `GroupMembership "${exclusive.names[0]}" sets the members of group ${group.displayName} exclusively and does not ` +
                          `list ${user.displayName}, so AWS removes it from that group`
                    : `GroupMemberships ${exclusive.names.map((n) => `"${n}"`).join(", ")} each set the members of group ${group.displayName} ` +
                          `exclusively and not all of them list ${user.displayName}, so AWS keeps removing it from that group`,
            );
        }
    }

    // Documents whose principal cannot be traced are kept, not dropped: they may reach any principal.
    const unplaced: UnplacedDocuments[] = [];
    const place = <T extends PrincipalEntry>(r: StackResource, target: "group" | "user", entries: T[], problems: string[], sources: () => DocumentSource[]): T[] => {
        if (entries.length === 0 && problems.length > 0) {
            unplaced.push({ urn: r.urn, target, problem: problems.join("; "), sources: sources() });
        }
        return entries;
    };

    // Inline policies.
    for (const r of ofType(IAM_TYPES.groupPolicy)) {
        const name = readString(p(r), "name");
        const policyName = typeof name === "string" ? name : r.name;
        const problems: string[] = [];
        const groups = place(r, "group", groupsOf(r, "group", problems), problems, () => [
            documentSource(`inline policy "${policyName}" of an untraceable group`, readDocument(p(r), "policy")),
        ]);
        for (const group of groups) {
            group.inline.push({ name: policyName, source: documentSource(`inline policy "${policyName}" of group ${group.displayName}`, readDocument(p(r), "policy")) });
        }
    }
    for (const r of ofType(IAM_TYPES.userPolicy)) {
        const name = readString(p(r), "name");
        const policyName = typeof name === "string" ? name : r.name;
        const problems: string[] = [];
        const users = place(r, "user", usersOf(r, "user", problems), problems, () => [
            documentSource(`inline policy "${policyName}" of an untraceable user`, readDocument(p(r), "policy")),
        ]);
        for (const user of users) {
            user.inline.push({ name: policyName, source: documentSource(`inline policy "${policyName}" of user ${user.displayName}`, readDocument(p(r), "policy")) });
        }
    }

    // Managed policy attachments.
    const groupNames = (groups: GroupEntry[]) => (groups.length > 0 ? groups.map((g) => g.displayName).join(", ") : "(untraceable)");
    const attach = (entries: PrincipalEntry[], refs: ManagedPolicyRef[]) => {
        for (const entry of entries) {
            for (const ref of refs) {
                entry.attached.set(ref.key, ref);
            }
        }
    };
    for (const r of ofType(IAM_TYPES.groupPolicyAttachment)) {
        const problems: string[] = [];
        const groups = groupsOf(r, "group", problems);
        const refs = resolvePolicies(r, "policyArn", (n) => `policy "${n}" via group ${groupNames(groups)}`);
        attach(place(r, "group", groups, problems, () => refs.map((ref) => ref.source)), refs);
    }
    for (const r of ofType(IAM_TYPES.userPolicyAttachment)) {
        const problems: string[] = [];
        const refs = resolvePolicies(r, "policyArn", (n) => `policy "${n}"`);
        attach(place(r, "user", usersOf(r, "user", problems), problems, () => refs.map((ref) => ref.source)), refs);
    }
    // A PolicyAttachment is exclusive account-wide: AWS revokes its policy from every principal it does not list.
    const policyAttachmentHolders = new Map<string, { names: string[]; holders: Set<PrincipalEntry> }>();
    // Managed policies of the stack that roles hold (roles carry no MFA of their own to enroll).
    const heldByRoles = new Set<string>();
    for (const r of ofType(IAM_TYPES.rolePolicyAttachment)) {
        resolvePolicies(r, "policyArn", (n) => n).forEach((ref) => heldByRoles.add(ref.key));
    }
    for (const r of ofType(IAM_TYPES.policyAttachment)) {
        const groupProblems: string[] = [];
        const userProblems: string[] = [];
        const groups = groupsOf(r, "groups", groupProblems);
        const users = usersOf(r, "users", userProblems);
        const groupRefs = resolvePolicies(r, "policyArn", (n) => `policy "${n}" via group ${groupNames(groups)}`);
        const userRefs = resolvePolicies(r, "policyArn", (n) => `policy "${n}"`);
        const roles = readStringList(p(r), "roles");
        attach(place(r, "group", groups, groupProblems, () => groupRefs.map((ref) => ref.source)), groupRefs);
        attach(place(r, "user", users, userProblems, () => userRefs.map((ref) => ref.source)), userRefs);
        for (const ref of userRefs) {
            if (ref.key === `${r.urn}#policyArn`) {
                // Which policy it makes exclusive is unknown: it may revoke the MFA deny from anyone.
                untracedExclusives.push({ urn: r.urn, problem: `PolicyAttachment "${r.name}": ${ref.source.problem}` });
                continue;
            }
            const entry = policyAttachmentHolders.get(ref.key) ?? { names: [], holders: new Set<PrincipalEntry>() };
            entry.names.push(r.name);
            [...groups, ...users].forEach((h) => entry.holders.add(h));
            policyAttachmentHolders.set(ref.key, entry);
            if (roles.known.length > 0 || roles.hasUnknown) {
                heldByRoles.add(ref.key);
            }
        }
    }

    // Exclusive variants: AWS converges on exactly the listed set.
    for (const r of ofType(IAM_TYPES.groupPolicyAttachmentsExclusive)) {
        for (const group of traced(r, "groupName", groupsOf)) {
            group.exclusiveAttached = new Map(
                resolvePolicies(r, "policyArns", (n) => `policy "${n}" via group ${group.displayName}`).map((ref) => [ref.key, ref]),
            );
        }
    }
    for (const r of ofType(IAM_TYPES.userPolicyAttachmentsExclusive)) {
        for (const user of traced(r, "userName", usersOf)) {
            user.exclusiveAttached = new Map(resolvePolicies(r, "policyArns", (n) => `policy "${n}"`).map((ref) => [ref.key, ref]));
        }
    }
    for (const [type, of] of [
        [IAM_TYPES.groupPoliciesExclusive, groupsOf],
        [IAM_TYPES.userPoliciesExclusive, usersOf],
    ] as const) {
        for (const r of ofType(type)) {
            const names = readStringList(p(r), "policyNames");
            for (const entry of traced<PrincipalEntry>(r, type === IAM_TYPES.groupPoliciesExclusive ? "groupName" : "userName", of)) {
                if (names.hasUnknown) {
                    entry.problems.push(`${r.name}: the names of its exclusive inline policies are unknown during preview`);
                }
                entry.exclusiveInlineNames = new Set(names.known);
            }
        }
    }

    // After the exclusive variants: a PolicyAttachment revokes its policy from a set they declare, too.
    for (const entry of [...groupsByKey.values(), ...usersByKey.values()]) {
        for (const attachments of [entry.attached, entry.exclusiveAttached]) {
            for (const [key, ref] of attachments ?? []) {
                const exclusive = policyAttachmentHolders.get(key);
                if (exclusive && !exclusive.holders.has(entry)) {
                    attachments!.delete(key);
                    const revocation =
                        `PolicyAttachment ${exclusive.names.map((n) => `"${n}"`).join(", ")} attaches policy "${ref.name}" exclusively and does not ` +
                        `list ${entry.displayName}, so AWS revokes it from ${entry.displayName}`;
                    // Held both ways (attached and in an *Exclusive set), it is still one revocation.
                    if (!entry.revoked.includes(revocation)) {
                        entry.revoked.push(revocation);
                    }
                }
            }
        }
    }

    const roles: RoleEntry[] = ofType(IAM_TYPES.role).map((r) => {
        const name = readString(p(r), "name");
        const displayName = typeof name === "string" ? name : r.name;
        return {
            urn: r.urn,
            name: displayName,
            nameKnown: typeof name === "string",
            trust: documentSource(`trust policy of role ${displayName}`, readDocument(p(r), "assumeRolePolicy"), "trust"),
        };
    });

    return { users: [...usersByKey.values()], groups: [...groupsByKey.values()], roles, policies, unplaced, untracedExclusives, heldByRoles };
}

/** Every document that applies to a user's requests: its own and those of its groups. */
export function userIdentityDocuments(user: UserEntry): DocumentSource[] {
    const documents = user.ownDocuments("user");
    for (const group of user.groups) {
        documents.push(...group.ownDocuments("group"));
    }
    return documents;
}
