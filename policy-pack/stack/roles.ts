/**
 * Roles: each one's trust policy, and the inline policies the stack puts on it (`aws.iam.Role.inlinePolicies`,
 * `aws.iam.RolePolicy`, aws-native `Role.policies` and `RolePolicy`). A role's permissions do not decide whether it
 * can be used without MFA (its trust does), so inline documents are read for their length only: IAM refuses the put
 * that takes a role's inline policies over their quota together, and `pulumi up` then fails.
 */
import { documentSource } from "./documentSource";
import { isUnknown, rawProps, readDocument, readString, readStringList } from "./knownValues";
import { OtherRoleInline, RoleEntry, RoleInlinePolicy } from "./principals";
import { nameKey, StackIndex } from "./resolution";
import { IAM_TYPES, KINDS, linkedResources, NATIVE_TYPES, StackResource, typesOf } from "./stackResource";
import { documentLength } from "../iam/policyQuotas";

/** Inline policies held in a role's own list: `inlinePolicies: [{name, policy}]` (aws) or `policies: [{policyName, policyDocument}]` (aws-native). */
export const ROLE_OWN_INLINE: Readonly<Record<string, { list: string; name: string; document: string }>> = {
    [IAM_TYPES.role]: { list: "inlinePolicies", name: "name", document: "policy" },
    [NATIVE_TYPES.role]: { list: "policies", name: "policyName", document: "policyDocument" },
};

/** Separate inline policy resources: the property naming the role, the policy's name and its document. */
export const ROLE_POLICY_RESOURCES = [
    { type: IAM_TYPES.rolePolicy, role: "role", name: "name", document: "policy" },
    { type: NATIVE_TYPES.rolePolicy, role: "roleName", name: "policyName", document: "policyDocument" },
] as const;

export const resourceLabel = (r: StackResource) => `${r.type.split(":").pop()} "${r.name}"`;

/**
 * Adds a policy to a role's list, once per name: PutRolePolicy replaces a policy of the same name, and a role's
 * state read back from AWS lists the policies its RolePolicy resources put, so one name is one policy. The longer of
 * two documents of one name counts: IAM holds one of them, no longer than that.
 */
function addInline(list: RoleInlinePolicy[], policy: RoleInlinePolicy): void {
    // Indexed by name, so that a role with thousands of inline policies costs no more than their number.
    let byName = namesOf.get(list);
    if (!byName) {
        byName = new Map(list.flatMap((p, i): [string, number][] => (p.name === undefined ? [] : [[nameKey(p.name), i]])));
        namesOf.set(list, byName);
    }
    const same = policy.name === undefined ? undefined : byName.get(nameKey(policy.name));
    if (same === undefined) {
        if (policy.name !== undefined) {
            byName.set(nameKey(policy.name), list.length);
        }
        list.push(policy);
    } else if ((policy.length ?? 0) > (list[same].length ?? 0)) {
        list[same] = policy;
    }
}

const namesOf = new WeakMap<RoleInlinePolicy[], Map<string, number>>();

function ownInline(index: StackIndex, r: StackResource): RoleInlinePolicy[] {
    const shape = ROLE_OWN_INLINE[r.type];
    const items = index.p(r)[shape.list];
    if (isUnknown(items) || !Array.isArray(items)) {
        return []; // unknown during preview: its length is counted once known (on `pulumi up`'s own preview)
    }
    const inline: RoleInlinePolicy[] = [];
    for (const item of items) {
        const props = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
        const name = readString(props, shape.name);
        addInline(inline, { name: typeof name === "string" ? name : undefined, from: resourceLabel(r), length: documentLength(readDocument(props, shape.document)) });
    }
    return inline;
}

export interface RolesRead {
    readonly roles: RoleEntry[];
    readonly otherRoles: OtherRoleInline[];
}

/** A role resource as one entry: its name, trust and own inline policies (props read once, by the caller). */
function roleEntry(r: StackResource, props: Record<string, unknown>, kind: (typeof KINDS.role)[number], inline: RoleInlinePolicy[]): RoleEntry {
    const name = readString(props, kind.name);
    const displayName = typeof name === "string" ? name : r.name;
    const document = readDocument(props, kind.document);
    return {
        urn: r.urn,
        name: displayName,
        nameKnown: typeof name === "string",
        trust: documentSource(`trust policy of role ${displayName}`, document, "trust"),
        trustLength: documentLength(document),
        inline,
        resource: r,
    };
}

/** One role resource alone, as Analyze sends it: no graph to build, its trust is its own. */
export function readRole(r: StackResource): RoleEntry | undefined {
    const kind = KINDS.role.find((k) => k.type === r.type);
    return kind ? roleEntry(r, rawProps(r.props), kind, []) : undefined;
}

export function readRoles(index: StackIndex): RolesRead {
    const byUrn = new Map<string, RoleEntry>();
    const byName = new Map<string, RoleEntry>();
    const roles = KINDS.role.flatMap((kind) =>
        index.ofType(kind.type).map((r) => {
            const role = roleEntry(r, index.p(r), kind, ownInline(index, r));
            const name = role.nameKnown ? role.name : undefined;
            byUrn.set(r.urn, role);
            if (typeof name === "string") {
                byName.set(nameKey(name), role);
            }
            return role;
        }),
    );

    // Roles the stack only names (they exist outside it), or cannot trace: the policies it puts on each.
    const others = new Map<string, OtherRoleInline>();
    for (const kind of ROLE_POLICY_RESOURCES) {
        for (const r of index.ofType(kind.type)) {
            const name = readString(index.p(r), kind.name);
            const policy: RoleInlinePolicy = { name: typeof name === "string" ? name : undefined, from: resourceLabel(r), length: documentLength(readDocument(index.p(r), kind.document)) };
            const targets = readStringList(index.p(r), kind.role);
            const found = targets.known.map((roleName) => {
                // The aws provider's `role` takes the role's name or its id, which is its name too.
                const own = byName.get(nameKey(roleName));
                if (own) {
                    return own.inline;
                }
                const other = others.get(nameKey(roleName)) ?? { urn: r.urn, name: roleName, inline: [] };
                others.set(nameKey(roleName), other);
                return other.inline;
            });
            if (targets.hasUnknown) {
                const linked = linkedResources(r, kind.role, typesOf("role")).map((l) => byUrn.get(l.urn)?.inline);
                found.push(...linked.filter((l): l is RoleInlinePolicy[] => l !== undefined));
                if (found.length === 0) {
                    const untraced: OtherRoleInline = { urn: r.urn, name: `(the role of ${resourceLabel(r)}, not traceable)`, inline: [] };
                    others.set(r.urn, untraced);
                    found.push(untraced.inline);
                }
            }
            new Set(found).forEach((list) => addInline(list, policy));
        }
    }
    return { roles, otherRoles: [...others.values()] };
}
