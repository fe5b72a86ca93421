/**
 * The lock-out check's answers, kept for the call under way: thousands of users reached by the same documents on the
 * same path get the same answer, so it is computed once per distinct document set and user path — and per user name
 * only when the documents could tell names apart.
 *
 * The name reaches the check through the enrollment requests (the last component of `arn:…:mfa/NAME` and
 * `arn:…:user/PATH/NAME`; IAM names hold no `/`) and through the keys and variables a request binds to the user
 * (`aws:username`, …). Documents are blind to the name when every Resource / NotResource pattern is `*`, or ends in
 * `/*` or `/${aws:username}` after a part with no policy variable (the part before the last `/` can only meet the
 * ARN's prefix and path), and no condition reads a key bound to the user or names a policy variable. Anything else
 * is evaluated per user.
 */
import { NamedDocument } from "./mfaDenyAnalysis";
import { documentId } from "./policyDocument";

export interface CachedEnrollment {
    readonly possible: boolean;
    /** Which of the user's enrollment requests is blocked, and why (no user name in it). */
    readonly blocked?: { readonly requestIndex: number; readonly reason: string; readonly context: string };
}

const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;
const MAX_ENTRIES = 10_000;

const answers = new Map<string, CachedEnrollment>();
const nameBlind = new Map<string, boolean>();

function setsKey(identity: readonly NamedDocument[], boundary: readonly NamedDocument[]): string {
    const part = (docs: readonly NamedDocument[]) => docs.map((d) => documentId(d.document)).join(",");
    return `${part(identity)}|${part(boundary)}`;
}

/**
 * Documents are evaluated under stand-in labels, so one answer serves every principal the same documents reach,
 * whatever they are called there; the caller's labels are put back into the reason.
 */
const standIn = (docs: readonly NamedDocument[], kind: string): NamedDocument[] =>
    docs.map((d, i) => ({ label: `\u0000${kind}${i}\u0000`, document: d.document, ...(d.restrictive ? { restrictive: d.restrictive } : {}) }));

function relabelled(answer: CachedEnrollment, identity: readonly NamedDocument[], boundary: readonly NamedDocument[]): CachedEnrollment {
    if (!answer.blocked) {
        return answer;
    }
    const reason = answer.blocked.reason.replace(/\u0000([IB])(\d+)\u0000/g, (_m, kind: string, i: string) => (kind === "I" ? identity : boundary)[Number(i)].label);
    return { possible: answer.possible, blocked: { ...answer.blocked, reason } };
}

const OWN_NAME_LAST = /^\$\{\s*aws:username\s*\}$/i;

function patternBlind(pattern: string): boolean {
    if (/^\*+$/.test(pattern)) {
        return true;
    }
    const slash = pattern.lastIndexOf("/");
    if (slash < 0 || pattern.slice(0, slash).includes("${")) {
        return false;
    }
    const last = pattern.slice(slash + 1);
    return last === "*" || OWN_NAME_LAST.test(last);
}

function documentsBlind(documents: readonly NamedDocument[], userKeys: ReadonlySet<string>): boolean {
    // A document read in part is blind only if both its readings are.
    return documents.every(({ document, restrictive }) =>
        [...document.statements, ...(restrictive?.statements ?? [])].every(
            (s) =>
                [...(s.resources ?? []), ...(s.notResources ?? [])].every(patternBlind) &&
                s.conditions.every((c) => !userKeys.has(c.key) && c.values.every((v) => !v.includes("${"))),
        ),
    );
}

/**
 * The cached answer for this user, or computes it with `evaluate`. `userKeys`: the condition keys and variable names
 * (lower-cased) a request binds to the user.
 */
export function cachedEnrollment<U extends { readonly name: string; readonly path?: string }>(
    user: U,
    identity: readonly NamedDocument[],
    boundary: readonly NamedDocument[],
    userKeys: ReadonlySet<string>,
    evaluate: (user: U, identity: readonly NamedDocument[], boundary: readonly NamedDocument[]) => CachedEnrollment,
): CachedEnrollment {
    const sets = setsKey(identity, boundary);
    let blind = nameBlind.get(sets);
    if (blind === undefined) {
        blind = documentsBlind(identity, userKeys) && documentsBlind(boundary, userKeys);
        nameBlind.set(sets, blind);
    }
    const key = `${sets}\u0004${user.path ?? "/"}\u0004${blind && IAM_USER_NAME.test(user.name) ? "" : user.name}`;
    let answer = answers.get(key);
    if (!answer) {
        answer = evaluate(user, standIn(identity, "I"), standIn(boundary, "B"));
        if (answers.size >= MAX_ENTRIES) {
            answers.clear();
            nameBlind.clear();
        }
        answers.set(key, answer);
    }
    return relabelled(answer, identity, boundary);
}

/** Forgets every answer: called when a call to the pack ends. */
export function clearEnrollmentCache(): void {
    answers.clear();
    nameBlind.clear();
}
