/**
 * Exclusivity: resources with which AWS converges on exactly the set they declare, removing whatever else the stack
 * attaches. A GroupMembership sets its group's whole member list; a PolicyAttachment is the only holder of its policy
 * account-wide; the `*PolicyAttachmentsExclusive` / `*PoliciesExclusive` resources fix a principal's managed or
 * inline policies. What they revoke is recorded on the principal, so a verdict can say why a link AWS drops is gone.
 */
import { readStringList } from "./knownValues";
import { ExclusiveSetter, GroupEntry, ManagedPolicyRef, PrincipalEntry, UserEntry } from "./principals";
import { PrincipalLinks, StackIndex } from "./resolution";
import { IAM_TYPES, StackResource } from "./stackResource";

export class Exclusivity {
    /** Exclusive resources whose principal cannot be traced: they may strip any principal's MFA deny. */
    readonly untracedExclusives: { urn: string; problem: string }[] = [];
    /** Per group, the GroupMemberships that set its members and the users every one of them lists. */
    private readonly exclusiveMembers = new Map<GroupEntry, { names: string[]; members: Set<UserEntry> }>();
    /** Per managed policy, the PolicyAttachments that attach it exclusively and the principals they list. */
    private readonly policyAttachmentHolders = new Map<string, { names: string[]; holders: Set<PrincipalEntry> }>();
    /** Every PolicyAttachment whose policy is traced: it revokes that policy from every principal it does not list, account-wide. */
    readonly policyAttachments: { readonly urn: string; readonly name: string; readonly policy: ManagedPolicyRef }[] = [];

    /** Resolves the principal of an exclusive resource; one that cannot be traced is remembered as untraced. */
    traced<T extends PrincipalEntry>(r: StackResource, property: string, of: PrincipalLinks<T>, problems: string[] = []): T[] {
        const own: string[] = [];
        const entries = of(r, property, own);
        if (entries.length === 0 && own.length > 0) {
            this.untracedExclusives.push({ urn: r.urn, problem: own.join("; ") });
        }
        problems.push(...own);
        return entries;
    }

    /**
     * A GroupMembership sets its group's whole member list (AWS removes anyone else). Two of them on one group undo
     * each other's additions, so only users listed by every one of them stay.
     */
    setsMembers(membership: StackResource, groups: readonly GroupEntry[], users: readonly UserEntry[]): void {
        for (const group of groups) {
            group.membersSetBy.push(membership.name);
            group.setExactlyBy.push(setter(membership, "members"));
            const previous = this.exclusiveMembers.get(group);
            this.exclusiveMembers.set(group, {
                names: [...(previous?.names ?? []), membership.name],
                members: previous ? new Set(users.filter((u) => previous.members.has(u))) : new Set(users),
            });
        }
    }

    /** Removes from each exclusively-set group the members its GroupMemberships do not all list. */
    revokeUnlistedMembers(): void {
        for (const [group, exclusive] of this.exclusiveMembers) {
            for (const user of [...group.members].filter((u) => !exclusive.members.has(u))) {
                group.members.delete(user);
                user.groups.delete(group);
                user.removeFrom(group, exclusive.names);
                user.revoked.push(
                    exclusive.names.length === 1
                        ? `GroupMembership "${exclusive.names[0]}" sets the members of group ${group.displayName} exclusively and does not ` +
                              `list ${user.displayName}, so AWS removes it from that group`
                        : `GroupMemberships ${exclusive.names.map((n) => `"${n}"`).join(", ")} each set the members of group ${group.displayName} ` +
                              `exclusively and not all of them list ${user.displayName}, so AWS keeps removing it from that group`,
                );
            }
        }
    }

    /**
     * A PolicyAttachment is exclusive account-wide: AWS revokes its policy from every principal it does not list.
     * Returns false when which policy it makes exclusive is unknown (it may then revoke the MFA deny from anyone).
     */
    attachesExclusively(attachment: StackResource, ref: ManagedPolicyRef, holders: readonly PrincipalEntry[]): boolean {
        if (ref.key === `${attachment.urn}#policyArn`) {
            this.untracedExclusives.push({ urn: attachment.urn, problem: `PolicyAttachment "${attachment.name}": ${ref.source.problem}` });
            return false;
        }
        const entry = this.policyAttachmentHolders.get(ref.key) ?? { names: [], holders: new Set<PrincipalEntry>() };
        entry.names.push(attachment.name);
        this.policyAttachments.push({ urn: attachment.urn, name: attachment.name, policy: ref });
        holders.forEach((h) => entry.holders.add(h));
        this.policyAttachmentHolders.set(ref.key, entry);
        return true;
    }

    /** The exclusive variants: AWS converges on exactly the listed managed policies, or inline policy names. */
    applyExclusiveResources(index: StackIndex): void {
        for (const r of index.ofType(IAM_TYPES.groupPolicyAttachmentsExclusive)) {
            for (const group of this.traced(r, "groupName", index.groupsOf)) {
                group.setExactlyBy.push(setter(r, "managed policies"));
                group.exclusiveAttached = new Map(
                    index.policiesOf(r, "policyArns", (n) => `policy "${n}" via group ${group.displayName}`).map((ref) => [ref.key, ref]),
                );
            }
        }
        for (const r of index.ofType(IAM_TYPES.userPolicyAttachmentsExclusive)) {
            for (const user of this.traced(r, "userName", index.usersOf)) {
                user.exclusiveAttached = new Map(index.policiesOf(r, "policyArns", (n) => `policy "${n}"`).map((ref) => [ref.key, ref]));
            }
        }
        for (const [type, of] of [
            [IAM_TYPES.groupPoliciesExclusive, index.groupsOf],
            [IAM_TYPES.userPoliciesExclusive, index.usersOf],
        ] as const) {
            for (const r of index.ofType(type)) {
                const names = readStringList(index.p(r), "policyNames");
                for (const entry of this.traced<PrincipalEntry>(r, type === IAM_TYPES.groupPoliciesExclusive ? "groupName" : "userName", of)) {
                    if (entry instanceof GroupEntry) {
                        entry.setExactlyBy.push(setter(r, "inline policies"));
                    }
                    if (names.hasUnknown) {
                        entry.problems.push(`${r.name}: the names of its exclusive inline policies are unknown during preview`);
                    }
                    entry.exclusiveInlineNames = new Set(names.known);
                }
            }
        }
    }

    /** After the exclusive variants: a PolicyAttachment revokes its policy from a set they declare, too. */
    revokeUnlistedPolicyHolders(...lists: readonly (readonly PrincipalEntry[])[]): void {
        if (this.policyAttachmentHolders.size === 0) {
            return;
        }
        for (const entry of lists.flat()) {
            for (const [key, ref] of [...entry.attached, ...(entry.exclusiveAttached ?? [])]) {
                const exclusive = this.policyAttachmentHolders.get(key);
                if (exclusive && !exclusive.holders.has(entry)) {
                    entry.detach(key);
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
}

function setter(r: StackResource, sets: string): ExclusiveSetter {
    return { urn: r.urn, name: r.name, kind: r.type.split(":").pop() ?? r.type, sets };
}
