/**
 * Resolution: the names and ARNs a resource links to, turned into the graph's entries. During the first preview a
 * link's value may be unknown; it is then followed through the resource graph (`propertyDependencies`, then
 * `dependencies`) to the resource it came from, and a link that can be followed neither way is recorded as a problem.
 */
import { documentSource } from "./documentSource";
import { rawProps, readDocument, readString, readStringList, UNKNOWN } from "./knownValues";
import { GroupEntry, ManagedPolicyRef, PrincipalEntry, StackPolicyEntry, UserEntry } from "./principals";
import { IAM_TYPES, StackResource } from "./stackResource";

/** Resources that the given property was computed from, falling back to all dependencies. */
function linkedResources(resource: StackResource, property: string, type: string): StackResource[] {
    const byProperty = resource.propertyDependencies?.[property];
    const candidates = byProperty && byProperty.length > 0 ? byProperty : (resource.dependencies ?? []);
    return candidates.filter((r) => r.type === type);
}

/** Resolves a principal-valued link of a resource to entries, recording in `problems` what could not be traced. */
export type PrincipalLinks<T extends PrincipalEntry> = (resource: StackResource, property: string, problems: string[]) => T[];

/**
 * The stack's managed policies, groups and users, indexed by URN, by ARN when known and by name. Groups and users
 * the stack only names (they exist outside it) become entries on first reference.
 */
export class StackIndex {
    readonly policies: StackPolicyEntry[] = [];
    private readonly policyByUrn = new Map<string, ManagedPolicyRef>();
    private readonly policyByArn = new Map<string, ManagedPolicyRef>();
    private readonly policyByName = new Map<string, ManagedPolicyRef>();
    private readonly groupsByKey = new Map<string, GroupEntry>();
    private readonly groupByUrn = new Map<string, GroupEntry>();
    private readonly groupByName = new Map<string, GroupEntry>();
    private readonly usersByKey = new Map<string, UserEntry>();
    private readonly userByUrn = new Map<string, UserEntry>();
    private readonly userByName = new Map<string, UserEntry>();
    private readonly props = new Map<StackResource, Record<string, unknown>>();

    constructor(private readonly resources: readonly StackResource[]) {
        // Managed policies of the stack, by URN, by ARN when the ARN is known, and by name (an ARN a program builds
        // from the account id and the name is known before the policy's own arn output is).
        for (const r of this.ofType(IAM_TYPES.policy)) {
            const name = readString(this.p(r), "name");
            const displayName = typeof name === "string" ? name : r.name;
            const source = documentSource(`policy "${displayName}"`, readDocument(this.p(r), "policy"));
            this.policies.push({ urn: r.urn, name: displayName, source });
            const ref: ManagedPolicyRef = { key: r.urn, name: displayName, source };
            this.policyByUrn.set(r.urn, ref);
            if (typeof name === "string") {
                this.policyByName.set(name, ref);
            }
            const arn = readString(this.p(r), "arn");
            if (typeof arn === "string") {
                this.policyByArn.set(arn, ref);
            }
        }

        for (const r of this.ofType(IAM_TYPES.group)) {
            const name = readString(this.p(r), "name");
            const entry = new GroupEntry(r.urn, typeof name === "string" ? name : undefined, r.urn);
            entry.inStack = true;
            if (name === UNKNOWN) {
                entry.name = r.name;
            }
            this.groupsByKey.set(entry.key, entry);
            this.groupByUrn.set(r.urn, entry);
            if (typeof name === "string") {
                this.groupByName.set(name, entry);
            }
        }

        for (const r of this.ofType(IAM_TYPES.user)) {
            const name = readString(this.p(r), "name");
            const entry = new UserEntry(r.urn, typeof name === "string" ? name : r.name, r.urn);
            entry.inStack = true;
            entry.nameKnown = typeof name === "string";
            const path = readString(this.p(r), "path");
            entry.path = typeof path === "string" ? path : "/";
            this.usersByKey.set(entry.key, entry);
            this.userByUrn.set(r.urn, entry);
            if (typeof name === "string") {
                this.userByName.set(name, entry);
            }
        }
    }

    /** A resource's raw properties, read once. */
    p(r: StackResource): Record<string, unknown> {
        let value = this.props.get(r);
        if (!value) {
            value = rawProps(r.props);
            this.props.set(r, value);
        }
        return value;
    }

    ofType(type: string): StackResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** Every group, in the order it was first seen (the stack's own, then those only named). */
    get groups(): GroupEntry[] {
        return [...this.groupsByKey.values()];
    }

    get users(): UserEntry[] {
        return [...this.usersByKey.values()];
    }

    userOf(r: StackResource): UserEntry | undefined {
        return this.userByUrn.get(r.urn);
    }

    readonly groupsOf: PrincipalLinks<GroupEntry> = (r, property, problems) =>
        this.resolveNamed(r, property, IAM_TYPES.group, this.groupByUrn, this.externalGroup, problems);

    readonly usersOf: PrincipalLinks<UserEntry> = (r, property, problems) =>
        this.resolveNamed(r, property, IAM_TYPES.user, this.userByUrn, this.externalUser, problems);

    private readonly externalGroup = (name: string): GroupEntry => {
        let entry = this.groupByName.get(name);
        if (!entry) {
            entry = new GroupEntry(`group:${name}`, name, undefined);
            this.groupsByKey.set(entry.key, entry);
            this.groupByName.set(name, entry);
        }
        return entry;
    };

    private readonly externalUser = (name: string): UserEntry => {
        let entry = this.userByName.get(name);
        if (!entry) {
            entry = new UserEntry(`user:${name}`, name, undefined);
            this.usersByKey.set(entry.key, entry);
            this.userByName.set(name, entry);
        }
        return entry;
    };

    /** Resolves a name-valued link (group or user) to entries; unknown values go through the resource graph. */
    private resolveNamed<T extends PrincipalEntry>(
        resource: StackResource,
        property: string,
        type: string,
        byUrn: Map<string, T>,
        byName: (name: string) => T,
        problems: string[],
    ): T[] {
        const list = readStringList(this.p(resource), property);
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

    /** Resolves an ARN-valued link to managed policies, each labelled for the principal it reaches. */
    policiesOf(resource: StackResource, property: string, label: (name: string) => string): ManagedPolicyRef[] {
        const list = readStringList(this.p(resource), property);
        const refs: ManagedPolicyRef[] = [];
        for (const arn of list.known) {
            // Customer managed policy names are unique in an account, whatever their path; AWS-managed ones (account
            // "aws") are never the stack's.
            const customerPolicyName = /^arn:[\w-]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
            const own = this.policyByArn.get(arn) ?? (customerPolicyName !== undefined ? this.policyByName.get(customerPolicyName) : undefined);
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
                .map((r) => this.policyByUrn.get(r.urn))
                .filter((r): r is ManagedPolicyRef => r !== undefined);
            if (linked.length === 0) {
                const name = `${property} of ${resource.name}`;
                refs.push({ key: `${resource.urn}#${property}`, name, source: { label: label(name), problem: "its ARN is unknown during preview and not traceable to a policy of this stack" } });
            }
            refs.push(...linked.map((own) => ({ ...own, source: { ...own.source, label: label(own.name) } })));
        }
        return refs;
    }
}
