/**
 * The entries of the IAM graph: principals (users, groups) with the documents they hold themselves, roles, the
 * stack's managed policies, and the documents whose principal could not be traced.
 */
import { asciiLowerCase } from "../iam/wildcard";
import { DocumentSource } from "./documentSource";
import { StackResource } from "./stackResource";

export interface ManagedPolicyRef {
    /** Identity for de-duplication: the policy URN, or the ARN of a policy outside the stack. */
    readonly key: string;
    readonly name: string;
    readonly source: DocumentSource;
    /** Set when AWS cannot attach what the ARN names (no such policy, another account): nothing is attached. */
    readonly unattachable?: true;
    /** An ambiguous link's candidate policies of the stack (its source holds the sets AWS may attach). */
    readonly candidates?: readonly ManagedPolicyRef[];
}

export interface InlinePolicy {
    readonly name?: string;
    source: DocumentSource;
    /** The resource that declares it, for messages. */
    readonly from?: string;
    /** The document's length as IAM counts it (whitespace not counted), for the principal's inline quota. */
    readonly length?: number;
}

/** What an entry that has none reads: most users hold no managed policy themselves, and lose no group. */
const NO_POLICIES: ReadonlyMap<string, ManagedPolicyRef> = new Map();
const NO_REMOVALS: ReadonlyMap<GroupEntry, string[]> = new Map();

/**
 * Every field is given a value in the constructor, `undefined` included: entries then all share one shape, and the
 * code that reads thousands of them stays compiled for it (a field added later makes a new shape, and V8 recompiles).
 */
export abstract class PrincipalEntry {
    readonly inline: InlinePolicy[] = [];
    private ownAttached: Map<string, ManagedPolicyRef> | undefined = undefined;
    /** Set by a `*PolicyAttachmentsExclusive`: AWS ends up with exactly these managed policies. */
    exclusiveAttached: Map<string, ManagedPolicyRef> | undefined = undefined;
    /** Set by a `*PoliciesExclusive`: inline policies with other names are removed (names compared ignoring case). */
    exclusiveInlineNames: Set<string> | undefined = undefined;
    /** Links that could not be resolved and may matter for this principal's verdict. */
    readonly problems: string[] = [];
    /** What AWS will do that the stack's resources alone do not show (an exclusive resource revoking a link). */
    readonly revoked: string[] = [];

    constructor(
        readonly key: string,
        public name: string | undefined,
        public urn: string | undefined,
    ) {}

    /** False when the IAM name is unknown during preview or left to be generated (the logical name stands in). */
    nameKnown = true;

    /** The managed policies attached to it one by one (allocated with the first: thousands of entries hold none). */
    get attached(): ReadonlyMap<string, ManagedPolicyRef> {
        return this.ownAttached ?? NO_POLICIES;
    }

    attach(ref: ManagedPolicyRef): void {
        (this.ownAttached ??= new Map()).set(ref.key, ref);
    }

    /** AWS revokes an attachment (an exclusive PolicyAttachment elsewhere): from the individual ones and the exclusive set. */
    detach(key: string): void {
        this.ownAttached?.delete(key);
        this.exclusiveAttached?.delete(key);
    }

    get displayName(): string {
        return this.name ?? this.key;
    }

    /** The managed policies AWS ends up attaching: an exclusive set replaces the individual attachments. */
    get effectiveAttached(): ReadonlyMap<string, ManagedPolicyRef> {
        return this.exclusiveAttached ?? this.attached;
    }

    /** The documents this principal holds itself (not through groups). */
    ownDocuments(kind: string): DocumentSource[] {
        const kept = this.exclusiveInlineNames && new Set([...this.exclusiveInlineNames].map(asciiLowerCase));
        const inline = this.inline.filter((p) => !kept || (p.name !== undefined && kept.has(asciiLowerCase(p.name)))).map((p) => p.source);
        const missingInline = this.exclusiveInlineNames
            ? [...this.exclusiveInlineNames]
                  .filter((n) => !this.inline.some((p) => p.name !== undefined && asciiLowerCase(p.name) === asciiLowerCase(n)))
                  .map((n) => ({ label: `inline policy "${n}" of ${kind} ${this.displayName}`, problem: "it is not declared in this stack" }))
            : [];
        const managed = [...this.effectiveAttached.values()].map((r) => r.source);
        return [...inline, ...missingInline, ...managed];
    }
}

/** A resource of the stack that sets something of a principal exactly: AWS removes whatever it does not list. */
export interface ExclusiveSetter {
    readonly urn: string;
    /** Its logical name. */
    readonly name: string;
    /** Its type's short name, e.g. GroupMembership. */
    readonly kind: string;
    /** What it sets exactly, e.g. "members", "managed policies". */
    readonly sets: string;
}

export class GroupEntry extends PrincipalEntry {
    readonly members = new Set<UserEntry>();
    /** The GroupMemberships that set this group's members exactly (AWS removes anyone they do not all list). */
    readonly membersSetBy: string[] = [];
    /** Every resource that sets something of this group exactly: its members, its managed or inline policies. */
    readonly setExactlyBy: ExclusiveSetter[] = [];
    /** Whether the group is a resource of this stack (otherwise it is referred to by name only). */
    inStack = false;
}

export class UserEntry extends PrincipalEntry {
    readonly groups = new Set<GroupEntry>();
    inStack = false;
    path: string | undefined = undefined;
    /** The user's ARN when known (outputs known, as on `pulumi up` or `pulumi policy analyze`). */
    arn: string | undefined = undefined;
    /** The account it lives in: its ARN's, else the one the stack's known ARNs name; undefined when neither is known. */
    account: string | undefined = undefined;
    /** A login profile of the stack makes it change its password at first sign-in (or may: the flag is unknown). */
    passwordResetRequired = false;
    private removals: Map<GroupEntry, string[]> | undefined = undefined;

    /** Groups an exclusive GroupMembership removed it from, with the memberships that did. */
    get removedFrom(): ReadonlyMap<GroupEntry, string[]> {
        return this.removals ?? NO_REMOVALS;
    }

    removeFrom(group: GroupEntry, memberships: string[]): void {
        (this.removals ??= new Map()).set(group, memberships);
    }
    boundary: ManagedPolicyRef | undefined = undefined;
}

export interface RoleEntry {
    readonly urn: string;
    /** The IAM name, or the logical name standing in when it is unknown (nameKnown false). */
    readonly name: string;
    readonly nameKnown: boolean;
    readonly trust: DocumentSource;
    /** The trust policy's length as IAM counts it (whitespace not counted), when known. */
    readonly trustLength?: number;
    /** The inline policies the stack puts on the role, for IAM's quota on them together. */
    readonly inline: RoleInlinePolicy[];
    /** The role's resource: its ARN and path, and what its trust was computed from (role chains, roleChains.ts). */
    readonly resource: StackResource;
}

/** A role's inline policy, read for its length: a role's permissions do not decide whether MFA is needed to use it. */
export interface RoleInlinePolicy {
    readonly name?: string;
    /** The resource that declares it, for messages. */
    readonly from: string;
    /** As IAM counts it (whitespace not counted); undefined while unknown. */
    readonly length?: number;
}

/** A role the stack does not declare (or cannot trace) but puts inline policies on. */
export interface OtherRoleInline {
    /** The first resource that puts one, where a violation is reported. */
    readonly urn: string;
    readonly name: string;
    readonly inline: RoleInlinePolicy[];
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
