/**
 * Is a principal subject to an MFA deny? Decided by evaluation: for requests made with MFA absent and with MFA
 * "false", every catalog action outside the enrollment allow-list must be explicitly denied, for every resource, by
 * the principal's documents. Nothing rests on a policy's name, Sid or resemblance to a template.
 */
import { ActionCatalog } from "./actionCatalog";
import { actionMarks } from "./actionMarks";
import { catalogTables } from "./catalogTables";
import { coverage, DenyMarks, orInto, StatementCoverage } from "./statementCoverage";
import { MfaDenyResult, MfaEscape, NamedDocument } from "./mfaDenyResult";
import { evaluateConditions, unconstrainedKeys, UnverifiableConditionError } from "./conditions";
import { coversEveryResource, matchesEveryArn } from "./arn";
import { documentId, oncePerDocument, PolicyDocument, Statement, statementLabel } from "./policyDocument";
import { JudgedUser, MFA_PRESENT_KEY, NamedContext, PRINCIPAL_KEYS, withoutMfaAs, withoutMfaContexts } from "./requestContexts";
import { isUncontrollable } from "./uncontrollableActions";
import { actionMatches, asciiLowerCase as asciiLower } from "./wildcard";

export type { MfaDenyResult, MfaEscape, NamedDocument } from "./mfaDenyResult";

/** A narrower question than "is everything but enrollment denied without MFA": these actions, in these requests. */
export interface DenyQuestion {
    readonly mustDeny: readonly string[];
    readonly contexts: readonly NamedContext[];
}

/** Whether a document's denies read a key (or variable) whose value is the judged user's own. */
const readsPrincipalKeys = oncePerDocument((document) =>
    document.statements.some(
        (s) => s.effect === "Deny" && s.conditions.some((c) => PRINCIPAL_KEYS.includes(c.key) || c.values.some((v) => /\$\{\s*aws:/i.test(v))),
    ),
);

function mentionsMfa(statement: Statement): boolean {
    return statement.conditions.some((c) => c.key.startsWith("aws:multifactorauth"));
}

/** A context's identity for caching: its name, and the judged user's values when it has them. */
function contextKey(context: NamedContext): string {
    const user = ["aws:username", "aws:principalarn"].map((k) => context.keys.get(k)?.join(",") ?? "").join("|");
    return user === "|" ? context.name : `${context.name}|${user}`;
}

export class MfaDenyAnalyzer {
    private readonly allowListed: Readonly<Uint8Array>;
    private readonly coverage = new WeakMap<Statement, Map<string, StatementCoverage>>();
    private readonly results = new Map<string, { escape?: MfaEscape; evidenceDocs: number[] }>();
    /** Answers by the very list analyzed, when they do not depend on the user: principals share lists (userDocuments). */
    private readonly byList = new WeakMap<readonly NamedDocument[], MfaDenyResult>();
    private readonly exampleOrder: readonly number[];
    /** The requests without MFA the deny must refuse (direct ones, unless the allow-list lets a service act). */
    private readonly contexts: readonly NamedContext[];

    /** The actions asked about: the whole catalog, or a question's own actions. */
    readonly catalog: ActionCatalog;

    /**
     * `question` left out: every catalog action but the allow-list's must be denied without MFA. Given: only the
     * actions its patterns match (never an allow-listed one) must be denied, in its contexts — e.g. MFA too old.
     */
    constructor(
        catalog: ActionCatalog,
        readonly enrollmentAllowList: readonly string[],
        question?: DenyQuestion,
    ) {
        // A question is evaluated over its own actions only: every per-statement mark is then that small.
        this.catalog = question ? catalog.subset(question.mustDeny) : catalog;
        ({ allowListed: this.allowListed, exampleOrder: this.exampleOrder } = catalogTables(this.catalog, enrollmentAllowList));
        this.contexts = question?.contexts ?? withoutMfaContexts(enrollmentAllowList);
    }

    /** Whether an action needs no deny: it is on the enrollment allow-list, or no policy can deny it anyway. */
    isAllowListed(action: string): boolean {
        return isUncontrollable(action) || this.enrollmentAllowList.some((p) => actionMatches(p, action));
    }

    private statementCoverage(statement: Statement, context: NamedContext): StatementCoverage {
        let perContext = this.coverage.get(statement);
        if (!perContext) {
            perContext = new Map();
            this.coverage.set(statement, perContext);
        }
        const key = contextKey(context);
        let result = perContext.get(key);
        if (!result) {
            result = this.computeCoverage(statement, context);
            perContext.set(key, result);
        }
        return result;
    }

    private computeCoverage(statement: Statement, context: NamedContext): StatementCoverage {
        const label = statementLabel(statement);
        if (statement.effect !== "Deny") {
            return coverage({});
        }
        let truth;
        try {
            truth = evaluateConditions(statement.conditions, context);
        } catch (err) {
            if (err instanceof UnverifiableConditionError) {
                return coverage({ gap: `${label} could not be evaluated (${err.message}), so it is not counted as a deny` });
            }
            throw err;
        }
        if (truth === "false") {
            const bool = statement.conditions.find((c) => c.key === MFA_PRESENT_KEY && asciiLower(c.operator) === "bool");
            if (bool && context.keys.get(MFA_PRESENT_KEY) === null) {
                return coverage({ gap: `${label} uses "Bool" on aws:MultiFactorAuthPresent, which never matches when the key is absent (long-term access keys); use "BoolIfExists"` });
            }
            return coverage(mentionsMfa(statement) ? { gap: `${label}'s condition does not match requests with ${context.name}` } : {});
        }
        if (truth === "depends") {
            const keys = unconstrainedKeys(statement.conditions, context);
            // No unconstrained key: a policy variable in a condition value is what has no value here.
            const on = keys.length > 0 ? keys.join(", ") : "a policy variable in its condition values";
            return coverage({ gap: `${label} also depends on ${on}, so it does not deny every request without MFA` });
        }
        // Shared with every reader of the statement: copied before it is narrowed.
        const denied = actionMarks(this.catalog, statement);
        if (!coversEveryResource(statement) && (statement.resources ?? []).some(matchesEveryArn)) {
            // Every ARN is covered; only actions authorized against "*" (no resource type) slip through.
            const wildcardOnly = this.catalog.wildcardOnly;
            const onArns = Uint8Array.from(denied);
            for (let i = 0; i < onArns.length; i++) {
                onArns[i] &= wildcardOnly[i] ^ 1;
            }
            return coverage({ gap: `${statementLabel(statement)} is limited to ARNs (${JSON.stringify(statement.resources)}), so actions that take Resource "*" get through`, denied: onArns });
        }
        if (!coversEveryResource(statement)) {
            const scope = statement.resources
                ? `Resource ${JSON.stringify(statement.resources)}`
                : statement.notResources
                  ? `NotResource ${JSON.stringify(statement.notResources)}`
                  : "no resource at all (it has neither Resource nor NotResource, which AWS rejects)";
            const inPatternServices = this.servicesOf(statement.resources ?? statement.notResources ?? []);
            const probablyDenied = new Uint8Array(this.catalog.size);
            for (let i = 0; i < denied.length; i++) {
                probablyDenied[i] = denied[i] & (statement.resources ? inPatternServices[i] : inPatternServices[i] ^ 1);
            }
            return coverage({ gap: `${label} is limited to ${scope}, not every resource`, deniedSomewhere: denied, probablyDenied });
        }
        return coverage({ denied });
    }

    /** 1 for catalog actions of the services named by the ARN patterns' service segment. */
    private servicesOf(patterns: readonly string[]): Uint8Array {
        const marks = new Uint8Array(this.catalog.size);
        for (const pattern of patterns) {
            const segments = pattern.split(":");
            const service = segments[0] === "arn" && segments.length > 2 ? segments[2] : "*";
            this.catalog.markMatches(`${service || "*"}:*`, marks);
        }
        return marks;
    }

    /** Why the deny statements present let this action through in this context. */
    private explain(documents: readonly NamedDocument[], actionIndex: number, context: NamedContext): string[] {
        const action = this.catalog.actions[actionIndex];
        const why: string[] = [];
        for (const { label, document } of documents) {
            for (const statement of document.statements) {
                if (statement.effect !== "Deny") {
                    continue;
                }
                const coverage = this.statementCoverage(statement, context);
                if (coverage.gap) {
                    why.push(`${label}: ${coverage.gap}`);
                } else if (coverage.denied && !coverage.denied[actionIndex]) {
                    if (statement.notActions) {
                        const exempting = statement.notActions.filter((p) => actionMatches(p, action));
                        why.push(`${label}: ${statementLabel(statement)}'s NotAction exempts ${action} (${exempting.join(", ")}), more than enrollment`);
                    } else if (mentionsMfa(statement)) {
                        why.push(`${label}: ${statementLabel(statement)} denies only ${JSON.stringify(statement.actions)}`);
                    }
                }
            }
        }
        return why;
    }

    /** Whether the answer for these documents depends on who asks: their denies read aws:username, … */
    readsUser(documents: readonly NamedDocument[]): boolean {
        for (const { document } of documents) {
            if (readsPrincipalKeys(document)) {
                return true;
            }
        }
        return false;
    }

    /**
     * `user` given: keys bound to the judged user (aws:username, aws:PrincipalArn, aws:PrincipalType = User,
     * aws:PrincipalAccount when its ARN gives it) take its values, where the documents read them; unknown ones stay
     * unknown.
     */
    analyze(documents: readonly NamedDocument[], user?: JudgedUser): MfaDenyResult {
        const shared = this.byList.get(documents);
        if (shared) {
            return shared;
        }
        const ids = documents.map((d) => documentId(d.document));
        const perUser = user !== undefined && this.readsUser(documents);
        const contexts = perUser ? this.contexts.map((c) => withoutMfaAs(c, user)) : this.contexts;
        const key = [...new Set(ids)].sort((a, b) => a - b).join(",") + (perUser ? `|${contextKey(contexts[0])}` : "");
        let cached = this.results.get(key);
        if (!cached) {
            cached = this.compute(documents, ids, contexts);
            this.results.set(key, cached);
        }
        const evidenceIds = new Set(cached.evidenceDocs);
        const evidence = [...new Set(documents.filter((_d, i) => evidenceIds.has(ids[i])).map((d) => d.label))];
        let result: MfaDenyResult = { enforced: true, evidence };
        if (cached.escape) {
            // The explanation names this principal's labels, so it is recomputed rather than cached by document set.
            const escape = cached.escape;
            const index = this.catalog.indexOf(escape.action)!;
            result = { enforced: false, escape: { ...escape, why: this.explain(documents, index, escape.context) }, evidence };
        }
        if (!perUser) {
            this.byList.set(documents, result);
        }
        return result;
    }

    private buffers?: DenyMarks;

    /** The per-action marks of one context's evaluation, zeroed: reused, as compute runs once per distinct set. */
    private scratch() {
        if (!this.buffers) {
            const size = this.catalog.size;
            this.buffers = { denied: new Uint8Array(size), deniedSomewhere: new Uint8Array(size), probablyDenied: new Uint8Array(size) };
        } else {
            this.buffers.denied.fill(0);
            this.buffers.deniedSomewhere.fill(0);
            this.buffers.probablyDenied.fill(0);
        }
        return this.buffers;
    }

    private compute(documents: readonly NamedDocument[], ids: readonly number[], contexts: readonly NamedContext[]): { escape?: MfaEscape; evidenceDocs: number[] } {
        const evidenceDocs = new Set<number>();
        for (const context of contexts) {
            const marks = this.scratch();
            for (let d = 0; d < documents.length; d++) {
                if (this.markDenied(documents[d].document, context, marks)) {
                    evidenceDocs.add(ids[d]);
                }
            }
            const escape = this.firstEscape(context, marks);
            if (escape) {
                return { escape, evidenceDocs: [] };
            }
        }
        return { evidenceDocs: [...evidenceDocs] };
    }

    /** Marks what the document's Deny statements cover in this context; whether one of them denies outright. */
    private markDenied(document: PolicyDocument, context: NamedContext, marks: DenyMarks): boolean {
        let denies = false;
        for (const statement of document.statements) {
            const coverage = this.statementCoverage(statement, context);
            if (coverage.denied) {
                denies = true;
                orInto(marks.denied, coverage.denied);
            }
            if (coverage.deniedSomewhere) {
                orInto(marks.deniedSomewhere, coverage.deniedSomewhere);
                orInto(marks.probablyDenied, coverage.probablyDenied!);
            }
        }
        return denies;
    }

    /** An action that really gets through: preferably one that no scoped deny probably covers. */
    private firstEscape(context: NamedContext, { denied, deniedSomewhere, probablyDenied }: DenyMarks): MfaEscape | undefined {
        let fallback: number | undefined;
        for (const i of this.exampleOrder) {
            if (!denied[i] && !this.allowListed[i]) {
                if (!probablyDenied[i]) {
                    return { action: this.catalog.actions[i], onSomeResources: deniedSomewhere[i] === 1, context, why: [] };
                }
                fallback ??= i;
            }
        }
        return fallback === undefined ? undefined : { action: this.catalog.actions[fallback], onSomeResources: true, context, why: [] };
    }
}
