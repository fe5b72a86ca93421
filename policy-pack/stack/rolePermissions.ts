/**
 * What a role's sessions are allowed and denied: its inline policies (its own list, RolePolicy resources), the managed
 * policies attached to it (its own list, RolePolicyAttachment, PolicyAttachment, aws-native ManagedPolicy `roles`),
 * and its permissions boundary. The MFA checks of a role read its trust alone; these documents are read only when a
 * verdict needs them (which actions a role's session needs fresh MFA for), so a stack's thousand roles cost nothing
 * until then.
 *
 * A `RolePolicyAttachmentsExclusive` / `RolePoliciesExclusive` on the role makes AWS keep only what it lists: the
 * attachments it lists replace the individual ones, and inline policies it does not name are removed.
 */
import { DocumentSource, documentSource } from "./documentSource";
import { readDocument, readString, readStringList } from "./knownValues";
import { ManagedPolicyRef, RoleEntry } from "./principals";
import { nameKey, StackIndex } from "./resolution";
import { resourceLabel, ROLE_OWN_INLINE, ROLE_POLICY_RESOURCES } from "./roles";
import { IAM_TYPES, linkedResources, NATIVE_TYPES, StackResource, typesOf } from "./stackResource";

export interface RolePermissions {
    /** Identity-based documents: inline, then managed. */
    readonly identity: readonly DocumentSource[];
    /** The permissions boundary, when the role has one. */
    readonly boundary: readonly DocumentSource[];
    /** What could not be traced to this role or any other: a document that may reach it. */
    readonly problems: readonly string[];
}

export const ROLE_EXCLUSIVE_TYPES = {
    attachments: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    inline: "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
} as const;

/** Resources that attach managed policies to roles named by a property. */
const ATTACHING_RESOURCES = [
    { type: IAM_TYPES.rolePolicyAttachment, role: "role", arn: "policyArn" },
    { type: IAM_TYPES.policyAttachment, role: "roles", arn: "policyArn" },
] as const;

type Target = "this" | "other" | "untraced";

/** Whether a resource's role-valued property names this role: by name, or (unknown during preview) by where it came from. */
function targets(index: StackIndex, r: StackResource, property: string, role: RoleEntry): Target {
    const names = readStringList(index.p(r), property);
    if (role.nameKnown && names.known.some((n) => nameKey(n) === nameKey(role.name))) {
        return "this";
    }
    if (!names.hasUnknown) {
        return "other";
    }
    const linked = linkedResources(r, property, typesOf("role"));
    if (linked.some((l) => l.urn === role.resource.urn)) {
        return "this";
    }
    return linked.length > 0 ? "other" : "untraced";
}

export function rolePermissions(index: StackIndex, role: RoleEntry): RolePermissions {
    const r = role.resource;
    const props = index.p(r);
    const problems: string[] = [];
    const inline: { name?: string; source: DocumentSource }[] = [];
    const own = ROLE_OWN_INLINE[r.type];
    const items = own ? props[own.list] : undefined;
    if (Array.isArray(items)) {
        for (const item of items) {
            const p = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
            const name = readString(p, own.name);
            const label = `inline policy ${typeof name === "string" ? `"${name}" ` : ""}of role ${role.name}`;
            inline.push({ name: typeof name === "string" ? name : undefined, source: documentSource(label, readDocument(p, own.document)) });
        }
    } else if (items !== undefined && items !== null) {
        problems.push(`the inline policies of role ${role.name} are unknown during preview`);
    }
    for (const kind of ROLE_POLICY_RESOURCES) {
        for (const rp of index.ofType(kind.type)) {
            const target = targets(index, rp, kind.role, role);
            const name = readString(index.p(rp), kind.name);
            if (target === "this") {
                inline.push({ name: typeof name === "string" ? name : undefined, source: documentSource(`${resourceLabel(rp)} of role ${role.name}`, readDocument(index.p(rp), kind.document)) });
            } else if (target === "untraced") {
                problems.push(`${resourceLabel(rp)} puts a policy on a role this pack cannot trace`);
            }
        }
    }
    let attached: ManagedPolicyRef[] = [...index.policiesOf(r, "managedPolicyArns", (n) => `policy "${n}" of role ${role.name}`)];
    for (const kind of ATTACHING_RESOURCES) {
        for (const ra of index.ofType(kind.type)) {
            const target = targets(index, ra, kind.role, role);
            if (target === "this") {
                attached.push(...index.policiesOf(ra, kind.arn, (n) => `policy "${n}" of role ${role.name}`));
            } else if (target === "untraced") {
                problems.push(`${resourceLabel(ra)} attaches a policy to a role this pack cannot trace`);
            }
        }
    }
    for (const mp of index.ofType(NATIVE_TYPES.managedPolicy)) {
        const target = targets(index, mp, "roles", role);
        if (target === "this") {
            attached.push(index.policyOfResource(mp, (n) => `policy "${n}" of role ${role.name}`)!);
        } else if (target === "untraced") {
            problems.push(`${resourceLabel(mp)} is attached to a role this pack cannot trace`);
        }
    }
    let kept: Set<string> | undefined;
    for (const ex of index.ofType(ROLE_EXCLUSIVE_TYPES.attachments)) {
        const target = targets(index, ex, "roleName", role);
        if (target === "this") {
            attached = index.policiesOf(ex, "policyArns", (n) => `policy "${n}" of role ${role.name}`);
        } else if (target === "untraced") {
            problems.push(`${resourceLabel(ex)} sets the managed policies of a role this pack cannot trace`);
        }
    }
    for (const ex of index.ofType(ROLE_EXCLUSIVE_TYPES.inline)) {
        const target = targets(index, ex, "roleName", role);
        if (target === "this") {
            const names = readStringList(index.p(ex), "policyNames");
            if (names.hasUnknown) {
                problems.push(`${resourceLabel(ex)} keeps inline policies whose names are unknown during preview`);
            }
            kept = new Set(names.known.map(nameKey));
        } else if (target === "untraced") {
            problems.push(`${resourceLabel(ex)} sets the inline policies of a role this pack cannot trace`);
        }
    }
    const keptInline = kept ? inline.filter((p) => p.name !== undefined && kept.has(nameKey(p.name))) : inline;
    const boundary = props.permissionsBoundary !== undefined && props.permissionsBoundary !== "" && props.permissionsBoundary !== null
        ? index.policiesOf(r, "permissionsBoundary", (n) => `permissions boundary "${n}" of role ${role.name}`)
        : [];
    return {
        identity: [...keptInline.map((p) => p.source), ...new Map(attached.map((a) => [a.key, a.source])).values()],
        boundary: boundary.map((b) => b.source),
        problems,
    };
}
