/**
 * The documents that reach a user — its own and its groups' identity documents, its permissions boundary — read
 * once per graph, with the readable ones as the analyses take them. Thousands of users usually hold nothing of
 * their own and share a few sets of groups: such users share one view, so no list is built per user and the
 * analyses, which cache by view, answer each set once. Read only once every link is in place (the verdicts ask,
 * never the graph's building).
 */
import { NamedDocument } from "../iam/mfaDenyResult";
import { DocumentSource } from "./documentSource";
import { GroupEntry, UserEntry } from "./principals";

export interface UserDocuments {
    /** Identity-based documents: the user's own, then its groups'. */
    readonly identity: readonly DocumentSource[];
    /** The permissions boundary, when the user has one. */
    readonly boundary: readonly DocumentSource[];
    readonly usableIdentity: readonly NamedDocument[];
    readonly usableBoundary: readonly NamedDocument[];
    /** Every readable document, identity then boundary: where a deny may come from. */
    readonly usable: readonly NamedDocument[];
    /** `label: problem` of each document that could not be read, identity then boundary. */
    readonly unreadable: readonly string[];
}

export function usable(sources: readonly DocumentSource[]): NamedDocument[] {
    return sources.filter((s) => s.document).map((s) => (s.restrictive ? { label: s.label, document: s.document!, restrictive: s.restrictive } : { label: s.label, document: s.document! }));
}

export function unreadable(sources: readonly DocumentSource[]): string[] {
    return sources.filter((s) => s.problem).map((s) => `${s.label}: ${s.problem}`);
}

function view(identity: readonly DocumentSource[], boundary: readonly DocumentSource[]): UserDocuments {
    const usableIdentity = usable(identity);
    const usableBoundary = usable(boundary);
    return {
        identity,
        boundary,
        usableIdentity,
        usableBoundary,
        usable: usableBoundary.length > 0 ? [...usableIdentity, ...usableBoundary] : usableIdentity,
        unreadable: [...unreadable(identity), ...unreadable(boundary)],
    };
}

/** A group's own documents as its members see them: thousands of members share a group. */
const groupDocuments = new WeakMap<GroupEntry, readonly DocumentSource[]>();

function documentsOfGroups(groups: ReadonlySet<GroupEntry>): DocumentSource[] {
    const documents: DocumentSource[] = [];
    for (const group of groups) {
        let own = groupDocuments.get(group);
        if (!own) {
            own = group.ownDocuments("group");
            groupDocuments.set(group, own);
        }
        documents.push(...own);
    }
    return documents;
}

/** Users that hold nothing themselves, by their groups in order: a trie, so finding a user's view builds nothing. */
interface GroupSetNode {
    view?: UserDocuments;
    readonly next: Map<GroupEntry, GroupSetNode>;
}

const byFirstGroup = new WeakMap<GroupEntry, GroupSetNode>();
const ownViews = new WeakMap<UserEntry, UserDocuments>();
const NOTHING = view([], []);

function holdsOwnDocuments(user: UserEntry): boolean {
    return user.inline.length > 0 || user.effectiveAttached.size > 0 || (user.exclusiveInlineNames?.size ?? 0) > 0 || user.boundary !== undefined;
}

export function userDocuments(user: UserEntry): UserDocuments {
    if (holdsOwnDocuments(user)) {
        let own = ownViews.get(user);
        if (!own) {
            own = view([...user.ownDocuments("user"), ...documentsOfGroups(user.groups)], user.boundary ? [user.boundary.source] : []);
            ownViews.set(user, own);
        }
        return own;
    }
    let node: GroupSetNode | undefined;
    for (const group of user.groups) {
        let child = node ? node.next.get(group) : byFirstGroup.get(group);
        if (!child) {
            child = { next: new Map() };
            if (node) {
                node.next.set(group, child);
            } else {
                byFirstGroup.set(group, child);
            }
        }
        node = child;
    }
    if (!node) {
        return NOTHING;
    }
    node.view ??= view(documentsOfGroups(user.groups), []);
    return node.view;
}

/** Every identity document that applies to a user's requests: its own and those of its groups. */
export function userIdentityDocuments(user: UserEntry): readonly DocumentSource[] {
    return userDocuments(user).identity;
}
