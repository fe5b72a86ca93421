/**
 * Whether a user of the stack is subject to an MFA deny, from every document that reaches it: its own, its groups',
 * and its permissions boundary. IAM denies only accumulate, so documents the pack cannot read (outside the stack,
 * unknown during preview, invalid) never undo an enforcement it has proven; when enforcement is NOT proven, they
 * are named as what could not be verified.
 */
import { GuardConfig } from "../guardConfig";
import { MfaDenyAnalyzer, MfaDenyResult, NamedDocument } from "../iam/mfaDenyAnalysis";
import { JudgedUser } from "../iam/requestContexts";
import { DocumentSource, GroupEntry, unreadable, usable, UserDocuments, UserEntry, userDocuments } from "../stack/iamGraph";
import { trustedEnforcement } from "./trustedEnforcement";

export interface MfaStatus {
    readonly result: MfaDenyResult;
    readonly unverifiable: readonly string[];
    /** Links AWS will revoke (exclusive resources), which explain why a deny the stack seems to give is missing. */
    readonly revoked: readonly string[];
    /** Enforcement declared in another stack and trusted by the config, e.g. the org's enforced group. */
    readonly trusted?: string;
}

const NONE: readonly string[] = [];

/**
 * A user's status, once per analyzer (one per call and allow-list): several policies ask. Users reached alike — the
 * same view of documents, no problem or revocation of their own, documents that do not read who asks — share one.
 */
const statuses = new WeakMap<MfaDenyAnalyzer, WeakMap<UserDocuments | UserEntry, MfaStatus>>();

/** `config` given: enforcement declared in another stack is trusted as it names (see trustedEnforcement.ts). */
export function userMfaStatus(user: UserEntry, analyzer: MfaDenyAnalyzer, config?: GuardConfig): MfaStatus {
    const trusted = config && trustedEnforcement(user, config);
    if (trusted) {
        return { result: { enforced: true, evidence: [] }, unverifiable: [], revoked: [], trusted };
    }
    const documents = userDocuments(user);
    const alike = user.problems.length === 0 && user.revoked.length === 0 && !analyzer.readsUser(documents.usable);
    const holder = alike ? documents : user;
    // Per analyzer: the pack asks one question of the MFA deny and one per sensitive-action limit.
    let byHolder = statuses.get(analyzer);
    if (!byHolder) {
        byHolder = new WeakMap();
        statuses.set(analyzer, byHolder);
    }
    const known = byHolder.get(holder);
    if (known) {
        return known;
    }
    const status = computeUserMfaStatus(user, documents, analyzer);
    byHolder.set(holder, status);
    return status;
}

/** What exclusive resources revoke from the user and its groups: usually nothing, and then no list is built. */
function revokedFrom(user: UserEntry): readonly string[] {
    let revoked = user.revoked.length > 0 ? [...user.revoked] : undefined;
    for (const group of user.groups) {
        if (group.revoked.length > 0) {
            revoked = [...(revoked ?? []), ...group.revoked];
        }
    }
    return revoked ?? NONE;
}

/** Most documents the sets of an ambiguous link are tried with: beyond, the link stays unverifiable. */
const MAX_COMBINATIONS = 64;

/**
 * The analysis of the readable documents; where that finds no enforcement and links unknown during preview may each
 * attach one of several sets of the stack's policies, enforcement holds if it holds with every set.
 */
export function analyzeWithChoices(analyzer: MfaDenyAnalyzer, readable: readonly NamedDocument[], sources: readonly DocumentSource[], judged?: JudgedUser): MfaDenyResult {
    const result = analyzer.analyze(readable, judged);
    const ambiguous = sources.filter((s) => s.choices !== undefined);
    if (result.enforced || ambiguous.length === 0) {
        return result;
    }
    let combinations: DocumentSource[][] = [[]];
    for (const source of ambiguous) {
        combinations = combinations.flatMap((picked) => source.choices!.map((set) => [...picked, ...set]));
        if (combinations.length > MAX_COMBINATIONS) {
            return result;
        }
    }
    const evidence = new Set<string>();
    for (const picked of combinations) {
        const each = analyzer.analyze([...readable, ...usable(picked)], judged);
        if (!each.enforced) {
            return each;
        }
        each.evidence.forEach((e) => evidence.add(e));
    }
    return { enforced: true, evidence: [...evidence] };
}

function computeUserMfaStatus(user: UserEntry, documents: UserDocuments, analyzer: MfaDenyAnalyzer): MfaStatus {
    const judged = { name: user.nameKnown ? user.name : undefined, path: user.path, arn: user.arn };
    return {
        result: analyzeWithChoices(analyzer, documents.usable, [...documents.identity, ...documents.boundary], judged),
        unverifiable: user.problems.length > 0 ? [...documents.unreadable, ...user.problems] : documents.unreadable,
        revoked: revokedFrom(user),
    };
}

/** Whether a group's own documents (without any member's) make up an MFA deny. */
export function groupMfaStatus(group: GroupEntry, analyzer: MfaDenyAnalyzer): MfaStatus {
    const sources = group.ownDocuments("group");
    // Asked for any member: an IAM user (aws:PrincipalType "User") whose name and path are not known.
    return { result: analyzeWithChoices(analyzer, usable(sources), sources, {}), unverifiable: [...unreadable(sources), ...group.problems], revoked: group.revoked };
}

/** "no policy denies ec2:RunInstances without MFA (...)" plus why the denies present fall short. */
export function describeEscape(status: MfaStatus): string {
    const escape = status.result.escape;
    if (!escape) {
        return "";
    }
    const where = escape.onSomeResources ? " on every resource" : "";
    const parts = [`no policy denies ${escape.action}${where} with ${escape.context.name}`];
    if (escape.why.length > 0) {
        parts.push(escape.why.join("; "));
    }
    if (status.revoked.length > 0) {
        parts.push(status.revoked.join("; "));
    }
    if (status.unverifiable.length > 0) {
        parts.push(`could not verify: ${status.unverifiable.join("; ")}`);
    }
    return parts.join(". ");
}
