/**
 * Reading links: what each IAM resource of the stack connects — group memberships, inline policies,
 * managed policy attachments — recorded on the entries it resolves to. Documents whose principal cannot
 * be traced are kept as unplaced, not dropped: they may reach any principal.
 */
import { documentSource, DocumentSource, documentSourceWithin } from "./documentSource";
import { isUnknown, readDocument, readString, readStringList } from "./knownValues";
import { Exclusivity } from "./exclusivity";
import { GroupEntry, ManagedPolicyRef, PrincipalEntry, UnplacedDocuments, UserEntry } from "./principals";
import { StackIndex } from "./resolution";
import { IAM_TYPES, KINDS, NATIVE_TYPES, StackResource, typesOf } from "./stackResource";
import { characters, documentLength, QUOTAS } from "../iam/policyQuotas";

/** Memberships. A membership whose group cannot be resolved leaves its users' verdict open. */
export function readMemberships(index: StackIndex, exclusivity: Exclusivity): void {
    // One small function per resource rather than one loop body: V8 then optimizes each once, instead of
    // recompiling this whole pass (called once per call) whenever one of its inlined paths meets a new shape.
    for (const r of index.ofType(IAM_TYPES.groupMembership)) {
        readGroupMembership(index, exclusivity, r);
    }
    // Additive memberships: aws.iam.UserGroupMembership, aws-native User.groups and UserToGroupAddition.
    for (const r of index.ofType(IAM_TYPES.userGroupMembership)) {
        readAdditiveMembership(index, r, "user", "groups");
    }
    for (const r of index.ofType(NATIVE_TYPES.user)) {
        readAdditiveMembership(index, r, undefined, "groups");
    }
    for (const r of index.ofType(NATIVE_TYPES.userToGroupAddition)) {
        readAdditiveMembership(index, r, "users", "groupName");
    }
}

/** A GroupMembership: it sets its group's whole member list. */
function readGroupMembership(index: StackIndex, exclusivity: Exclusivity, r: StackResource): void {
    const problems: string[] = [];
    const groups = exclusivity.traced(r, "group", index.groupsOf, problems);
    const users = index.usersOf(r, "users", problems);
    exclusivity.setsMembers(r, groups, users);
    addMembers(users, groups, problems);
    if (problems.length > 0) {
        for (const group of groups) {
            group.problems.push(...problems);
        }
    }
}

/** A membership that adds users to groups (`userProperty` undefined: the resource is the user itself). */
function readAdditiveMembership(index: StackIndex, r: StackResource, userProperty: string | undefined, groupProperty: string): void {
    const problems: string[] = [];
    const users = userProperty ? index.usersOf(r, userProperty, problems) : [index.userOf(r)!];
    const groups = index.groupsOf(r, groupProperty, problems);
    addMembers(users, groups, problems);
}

function addMembers(users: readonly UserEntry[], groups: readonly GroupEntry[], problems: readonly string[]): void {
    for (const user of users) {
        if (problems.length > 0) {
            user.problems.push(...problems);
        }
        for (const group of groups) {
            group.members.add(user);
            user.groups.add(group);
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

/** Inline policies, as separate resources or as a principal's own `policies` list (aws-native). */
export function readInlinePolicies(index: StackIndex, unplaced: UnplacedDocuments[]): void {
    const separate = [
        { type: IAM_TYPES.groupPolicy, target: "group", principal: "group", name: "name", document: "policy" },
        { type: NATIVE_TYPES.groupPolicy, target: "group", principal: "groupName", name: "policyName", document: "policyDocument" },
        { type: IAM_TYPES.userPolicy, target: "user", principal: "user", name: "name", document: "policy" },
        { type: NATIVE_TYPES.userPolicy, target: "user", principal: "userName", name: "policyName", document: "policyDocument" },
    ] as const;
    for (const kind of separate) {
        for (const r of index.ofType(kind.type)) {
            const name = readString(index.p(r), kind.name);
            const policyName = typeof name === "string" ? name : r.name;
            const problems: string[] = [];
            const document = readDocument(index.p(r), kind.document);
            const entries: PrincipalEntry[] = kind.target === "group" ? index.groupsOf(r, kind.principal, problems) : index.usersOf(r, kind.principal, problems);
            const placed = place(unplaced, r, kind.target, entries, problems, () => [
                documentSource(`inline policy "${policyName}" of an untraceable ${kind.target}`, document),
            ]);
            const length = documentLength(document);
            for (const entry of placed) {
                entry.inline.push({
                    name: policyName,
                    from: `${r.type.split(":").pop()} "${r.name}"`,
                    length,
                    source: documentSourceWithin(`inline policy "${policyName}" of ${kind.target} ${entry.displayName}`, document, length, inlineQuota(entry)),
                });
            }
        }
    }
    // aws-native User and Group: `policies: [{policyName, policyDocument}]`.
    for (const [type, target, entryOf] of [
        [NATIVE_TYPES.user, "user", (r: StackResource) => index.userOf(r)],
        [NATIVE_TYPES.group, "group", (r: StackResource) => index.groupOf(r)],
    ] as const) {
        for (const r of index.ofType(type)) {
            const entry = entryOf(r)!;
            const policies = index.p(r).policies;
            if (isUnknown(policies)) {
                entry.inline.push({ from: `${type.split(":").pop()} "${r.name}"`, source: { label: `inline policies of ${target} ${entry.displayName}`, problem: "they are unknown until the update runs" } });
                continue;
            }
            for (const item of Array.isArray(policies) ? policies : []) {
                const props = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
                const name = readString(props, "policyName");
                const policyName = typeof name === "string" ? name : "(unknown name)";
                const document = readDocument(props, "policyDocument");
                const length = documentLength(document);
                entry.inline.push({
                    name: typeof name === "string" ? name : undefined,
                    from: `${type.split(":").pop()} "${r.name}"`,
                    length,
                    source: documentSourceWithin(`inline policy "${policyName}" of ${target} ${entry.displayName}`, document, length, inlineQuota(entry)),
                });
            }
        }
    }
    for (const entry of [...index.groups, ...index.users]) {
        refuseDuplicateInlineNames(entry);
        refuseOverAggregateQuota(entry, inlineQuota(entry), entry instanceof GroupEntry ? "group" : "user");
    }
}

/** What IAM allows all inline policies of one group, or of one user, together. */
function inlineQuota(entry: PrincipalEntry): number {
    return entry instanceof GroupEntry ? QUOTAS.groupInline : QUOTAS.userInline;
}

/** IAM limits the inline policies of one principal together; which put fails is not known, so none counts. */
function refuseOverAggregateQuota(entry: PrincipalEntry, quota: number, kind: string): void {
    const total = entry.inline.reduce((sum, p) => sum + (p.length ?? 0), 0);
    if (total <= quota) {
        return;
    }
    for (const policy of entry.inline) {
        policy.source = {
            label: policy.source.label,
            problem:
                `AWS refuses the inline policies of ${kind} ${entry.displayName} (LimitExceeded: together at most ${characters(quota)} characters for a ${kind}, ` +
                `whitespace not counted; these have ${characters(total)}), so \`pulumi up\` fails to put at least one of them and none can be counted`,
        };
    }
}

/**
 * Two inline policies of one name on one principal: AWS keeps one, whichever is written last, so unless they are
 * the same document none of them can be counted.
 */
function refuseDuplicateInlineNames(entry: PrincipalEntry): void {
    const byName = new Map<string, typeof entry.inline>();
    for (const policy of entry.inline) {
        if (policy.name !== undefined) {
            const key = policy.name.toLowerCase();
            byName.set(key, [...(byName.get(key) ?? []), policy]);
        }
    }
    for (const [, same] of byName) {
        const documents = new Set(same.map((p) => p.source.document ?? p.source.problem));
        if (same.length < 2 || documents.size < 2) {
            continue;
        }
        // Named in a stable order: the engine sends a stack's resources in no particular order.
        const ordered = [...same].sort((a, b) => ((a.from ?? "") < (b.from ?? "") ? -1 : (a.from ?? "") > (b.from ?? "") ? 1 : 0));
        const declared = ordered.map((p) => p.from);
        const name = ordered[0].name;
        for (const policy of same) {
            policy.source = {
                label: policy.source.label,
                problem:
                    `${same.length} inline policies named "${name}" are declared on ${entry.displayName} (${declared.join(", ")}): ` +
                    `AWS keeps only the one written last, so none of them can be counted`,
            };
        }
    }
}

const groupNames = (groups: GroupEntry[]) => (groups.length > 0 ? groups.map((g) => g.displayName).join(", ") : "(untraceable)");

function attach(entries: PrincipalEntry[], refs: ManagedPolicyRef[]): void {
    for (const entry of entries) {
        for (const ref of refs) {
            entry.attach(ref);
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
    // aws-native User / Group `managedPolicyArns`, and ManagedPolicy's own `groups`, `users`, `roles`: additive.
    for (const r of index.ofType(NATIVE_TYPES.user)) {
        attach([index.userOf(r)!], index.policiesOf(r, "managedPolicyArns", (n) => `policy "${n}"`));
    }
    for (const r of index.ofType(NATIVE_TYPES.group)) {
        const group = index.groupOf(r)!;
        attach([group], index.policiesOf(r, "managedPolicyArns", (n) => `policy "${n}" via group ${group.displayName}`));
    }
    const heldByRoles = new Set<string>();
    for (const r of index.ofType(NATIVE_TYPES.managedPolicy)) {
        const problems: string[] = [];
        const groups = index.groupsOf(r, "groups", problems);
        const users = index.usersOf(r, "users", problems);
        for (const group of groups) {
            attach([group], [index.policyOfResource(r, (n) => `policy "${n}" via group ${group.displayName}`)!]);
        }
        attach(users, [index.policyOfResource(r, (n) => `policy "${n}"`)!]);
        [...groups, ...users].forEach((e) => e.problems.push(...problems));
        const roles = readStringList(index.p(r), "roles");
        if (roles.known.length > 0 || roles.hasUnknown) {
            heldByRoles.add(r.urn);
        }
    }
    // An ambiguous link holds one of its candidates: each may be the one a role holds.
    const holdByRole = (ref: ManagedPolicyRef) => [ref, ...(ref.candidates ?? [])].forEach((r) => heldByRoles.add(r.key));
    for (const r of index.ofType(IAM_TYPES.rolePolicyAttachment)) {
        index.policiesOf(r, "policyArn", (n) => n).forEach(holdByRole);
    }
    for (const type of typesOf("role")) {
        for (const r of index.ofType(type)) {
            index.policiesOf(r, "managedPolicyArns", (n) => n).forEach(holdByRole);
        }
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
