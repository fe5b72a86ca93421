/**
 * Resolution: the names and ARNs a resource links to, turned into the graph's entries. During the first preview a
 * link's value may be unknown; it is then followed through the resource graph (`propertyDependencies`, then
 * `dependencies`) to the resource it came from, and a link that can be followed neither way is recorded as a problem.
 */
import { ambiguousLink, unknownSlots } from "./ambiguousLinks";
import { documentSourceWithin } from "./documentSource";
import { outsideStackPolicy, overQuota } from "./outsideDocuments";
import { isAwsManagedPolicyArn } from "../iam/awsManagedPolicies";
import { documentLength, QUOTAS } from "../iam/policyQuotas";
import { accountOfArn, normalizedIamPath, parsePolicyArn } from "../iam/policyArn";
import { asciiLowerCase } from "../iam/wildcard";
import { rawProps, readDocument, readString, readStringList } from "./knownValues";
import { GroupEntry, ManagedPolicyRef, PrincipalEntry, StackPolicyEntry, UserEntry } from "./principals";
import { EntryKind, KINDS, linkedResources, StackResource, typesOf } from "./stackResource";
import { PrincipalRegistry } from "./principalRegistry";


/** IAM names are unique regardless of (ASCII) case: `MFA-ENFORCED` is the group `mfa-enforced`. */
export function nameKey(name: string): string {
    return asciiLowerCase(name);
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
    private readonly groupRegistry = new PrincipalRegistry<GroupEntry>("group", typesOf("group"), (key, name, urn) => new GroupEntry(key, name, urn));
    private readonly userRegistry = new PrincipalRegistry<UserEntry>("user", typesOf("user"), (key, name, urn) => new UserEntry(key, name, urn));
    private readonly props = new Map<StackResource, Record<string, unknown>>();
    /** The stack's resources by type, grouped once: the graph asks for each IAM type several times. */
    private readonly byType = new Map<string, StackResource[]>();

    /** Where each managed policy of the stack lives: its path, and its account once its ARN is known. */
    private readonly policyPlace = new Map<string, { readonly path: string; readonly account?: string }>();
    /** Accounts named by the known ARNs of the stack's own IAM resources. */
    private readonly accounts = new Set<string>();

    /** Names two managed policies of the stack share: AWS creates one of them, so neither can be counted. */
    private readonly duplicatePolicyNames = new Map<string, string[]>();

    constructor(resources: readonly StackResource[]) {
        for (const r of resources) {
            const same = this.byType.get(r.type);
            if (same) {
                same.push(r);
            } else {
                this.byType.set(r.type, [r]);
            }
        }
        // Managed policies of the stack, by URN, by ARN when the ARN is known, and by name (an ARN a program builds
        // from the account id and the name is known before the policy's own arn output is). One method per resource:
        // V8 optimizes each once, where this constructor (run once per call) was recompiled whole call after call.
        for (const kind of KINDS.policy) {
            for (const r of this.ofType(kind.type)) {
                this.indexPolicy(kind, r);
            }
        }
        for (const kind of KINDS.group) {
            for (const r of this.ofType(kind.type)) {
                this.indexGroup(kind, r);
            }
        }
        for (const kind of KINDS.user) {
            for (const r of this.ofType(kind.type)) {
                this.indexUser(kind, r);
            }
        }
        for (const kind of KINDS.role) {
            for (const r of this.ofType(kind.type)) {
                this.noteAccount(readString(this.p(r), "arn"));
            }
        }
        for (const kind of KINDS.group) {
            for (const r of this.ofType(kind.type)) {
                this.noteAccount(readString(this.p(r), "arn"));
            }
        }
    }

    private noteAccount(arn: unknown): string | undefined {
        const account = typeof arn === "string" ? accountOfArn(arn) : undefined;
        if (account !== undefined) {
            this.accounts.add(account);
        }
        return account;
    }

    /** The account the stack's IAM resources live in, when their known ARNs name exactly one. */
    get account(): string | undefined {
        return this.accounts.size === 1 ? [...this.accounts][0] : undefined;
    }

    private indexPolicy(kind: (typeof KINDS.policy)[number], r: StackResource): void {
        const name = readString(this.p(r), kind.name);
        const displayName = typeof name === "string" ? name : r.name;
        const document = readDocument(this.p(r), kind.document);
        const label = `policy "${displayName}"`;
        const arn = readString(this.p(r), kind.arn);
        // AWS's own policies (account "aws", as the account audit reads them from the authorization details) are not
        // held to the customer managed policy quota: ReadOnlyAccess alone is many times over it.
        const length = typeof arn === "string" && isAwsManagedPolicyArn(arn) ? undefined : documentLength(document);
        const source = overQuota(documentSourceWithin(label, document, length, QUOTAS.managedPolicy), length, QUOTAS.managedPolicy, "a managed policy");
        this.policies.push({ urn: r.urn, name: displayName, source });
        const ref: ManagedPolicyRef = { key: r.urn, name: displayName, source };
        this.policyByUrn.set(r.urn, ref);
        if (typeof name === "string") {
            const key = nameKey(name);
            const other = this.policyByName.get(key);
            if (other) {
                this.duplicatePolicyNames.set(key, [...(this.duplicatePolicyNames.get(key) ?? [this.resourceNameOf(other.key)]), r.name]);
            }
            this.policyByName.set(key, ref);
        }
        if (typeof arn === "string") {
            this.policyByArn.set(arn, ref);
        }
        const path = readString(this.p(r), "path");
        this.policyPlace.set(r.urn, { path: normalizedIamPath(typeof path === "string" ? path : undefined), account: this.noteAccount(arn) });
    }

    private indexGroup(kind: (typeof KINDS.group)[number], r: StackResource): void {
        // An auto-named group is named by its logical name, as is one whose name is unknown during preview.
        this.groupRegistry.declare(r, readString(this.p(r), kind.name));
    }

    private indexUser(kind: (typeof KINDS.user)[number], r: StackResource): void {
        const entry = this.userRegistry.declare(r, readString(this.p(r), kind.name));
        const path = readString(this.p(r), "path");
        entry.path = typeof path === "string" ? path : "/";
        const arn = readString(this.p(r), "arn");
        entry.arn = typeof arn === "string" ? arn : undefined;
        this.noteAccount(arn);
    }

    private resourceNameOf(urn: string): string {
        return urn.split("::").pop() ?? urn;
    }

    /** A managed policy whose name another policy of the stack shares: not countable. */
    private countable(ref: ManagedPolicyRef): ManagedPolicyRef {
        const sharing = this.duplicatePolicyNames.get(nameKey(ref.name));
        if (!sharing) {
            return ref;
        }
        return {
            ...ref,
            source: {
                label: ref.source.label,
                problem:
                    `${sharing.length} managed policies of this stack are named "${ref.name}" (${sharing.map((n) => `"${n}"`).join(", ")}): AWS creates only ` +
                    `one of them (the others fail with EntityAlreadyExists), so none can be counted`,
            },
        };
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

    ofType(type: string): readonly StackResource[] {
        return this.byType.get(type) ?? [];
    }

    /** Every group, in the order it was first seen (the stack's own, then those only named). */
    get groups(): GroupEntry[] {
        return this.groupRegistry.all;
    }

    get users(): UserEntry[] {
        return this.userRegistry.all;
    }

    userOf(r: StackResource): UserEntry | undefined {
        return this.userRegistry.ofResource(r);
    }

    groupOf(r: StackResource): GroupEntry | undefined {
        return this.groupRegistry.ofResource(r);
    }

    readonly groupsOf: PrincipalLinks<GroupEntry> = (r, property, problems) => this.groupRegistry.resolve(r, this.p(r), property, problems);

    readonly usersOf: PrincipalLinks<UserEntry> = (r, property, problems) => this.userRegistry.resolve(r, this.p(r), property, problems);

    /** The group of this name (whatever its case), declared in the stack or not. */
    readonly externalGroup = (name: string): GroupEntry => this.groupRegistry.named(name);

    /** The stack's managed policy resource behind a URN, as a reference (for aws-native ManagedPolicy's own links). */
    policyOfResource(r: StackResource, label: (name: string) => string): ManagedPolicyRef | undefined {
        const own = this.policyByUrn.get(r.urn);
        return own ? this.labelled(own, label) : undefined;
    }

    private labelled(own: ManagedPolicyRef, label: (name: string) => string): ManagedPolicyRef {
        const ref = this.countable(own);
        return { ...ref, source: { ...ref.source, label: label(own.name) } };
    }

    /**
     * A known policy ARN as AWS resolves it. It is the stack's policy when it is that policy's ARN, or names its name
     * in its account (or one not known yet) at its path; with the name of a stack's policy and another path it names
     * no policy (names are unique in an account, whatever the path); in another account than the stack's, AWS refuses
     * to attach it. Either way nothing is attached. Anything else is a policy outside the stack.
     */
    private policyOfArn(arn: string, label: (name: string) => string): ManagedPolicyRef {
        const exact = this.policyByArn.get(arn);
        if (exact) {
            return this.labelled(exact, label);
        }
        const parsed = parsePolicyArn(arn);
        const name = parsed?.name ?? arn.split("/").pop() ?? arn;
        const nothing = (why: string): ManagedPolicyRef => ({
            key: arn,
            name,
            unattachable: true,
            source: { label: label(name), problem: `${arn} ${why}, so the attachment fails and nothing is attached` },
        });
        if (!parsed) {
            return nothing("is not the ARN of an IAM policy (arn:<partition>:iam::<account>:policy/<path><name>): AWS refuses it");
        }
        const stackAccount = this.account;
        if (parsed.account !== "aws" && stackAccount !== undefined && parsed.account !== stackAccount) {
            return nothing(`names a policy of account ${parsed.account}, but this stack's principals are in account ${stackAccount}: AWS attaches only policies of their own account`);
        }
        const own = parsed.account === "aws" ? undefined : this.policyByName.get(nameKey(parsed.name));
        if (own) {
            const place = this.policyPlace.get(own.key)!;
            if (place.account !== undefined && place.account !== parsed.account) {
                return { key: arn, name, source: { label: label(name), problem: `${arn} is outside this stack and could not be evaluated` } };
            }
            if (place.path !== parsed.path) {
                return nothing(`names no policy AWS will have: this stack's policy "${own.name}" is at path ${place.path}, not ${parsed.path}`);
            }
            return this.labelled(own, label);
        }
        // An AWS managed policy (its public document, from the pack's dataset) or a pre-existing one.
        return { key: arn, name, source: outsideStackPolicy(arn, label(name)) };
    }

    /** Resolves an ARN-valued link to managed policies, each labelled for the principal it reaches. */
    policiesOf(resource: StackResource, property: string, label: (name: string) => string): ManagedPolicyRef[] {
        const list = readStringList(this.p(resource), property);
        const refs: ManagedPolicyRef[] = [];
        for (const arn of list.known) {
            refs.push(this.policyOfArn(arn, label));
        }
        if (list.hasUnknown) {
            const linked = [
                ...new Set(
                    linkedResources(resource, property, typesOf("policy"))
                        .map((r) => this.policyByUrn.get(r.urn))
                        .filter((r): r is ManagedPolicyRef => r !== undefined),
                ),
            ];
            const slots = unknownSlots(property, this.p(resource)[property]);
            if (linked.length === 0) {
                const name = `${property} of ${resource.name}`;
                refs.push({ key: `${resource.urn}#${property}`, name, source: { label: label(name), problem: "its ARN is unknown during preview and not traceable to a policy of this stack" } });
            } else if (linked.length === 1 || (slots !== undefined && slots >= linked.length)) {
                // Each policy it depends on gave one of its unknown values: all of them are attached.
                refs.push(...linked.map((own) => this.labelled(own, label)));
            } else {
                refs.push(ambiguousLink(resource, property, linked.map((own) => this.labelled(own, label)), slots ?? 1, label));
            }
        }
        return refs;
    }

}
