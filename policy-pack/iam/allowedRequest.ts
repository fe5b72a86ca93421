/**
 * A witness of an escape: one concrete request — action, resource, MFA context — that a user's own policies ALLOW
 * without MFA, with the statement that allows it. "No deny covers ec2:RunInstances" says the MFA deny is missing;
 * only an allowed request says the user can act now. A request counts only when it surely gets through: the allow's
 * conditions hold for every request of the context, no deny statement may apply, and a permissions boundary (if
 * any) surely allows it too. Allows that hinge on other keys (aws:SourceIp, tags) are reported as "may allow".
 */
import { ActionCatalog } from "./actionCatalog";
import { actionMarks, allowedSomewhere } from "./actionMarks";
import { statementSelectsResource } from "./arn";
import { evaluateConditions, Truth, unconstrainedKeys, UnverifiableConditionError } from "./conditions";
import { NamedDocument } from "./mfaDenyResult";
import { PolicyDocument, Statement, statementLabel } from "./policyDocument";
import { JudgedUser, NamedContext, WITHOUT_MFA, withoutMfaAs } from "./requestContexts";
import { ResourceTemplates, resourceTemplates } from "./resourceTemplates";
import { actionMatches, matchesEverything } from "./wildcard";

export interface AllowedRequest {
    readonly action: string;
    /** A concrete ARN of a resource type the action takes, or `*` for an action that takes none. */
    readonly resource: string;
    readonly context: NamedContext;
    /** The context keys the request carries, as AWS names them (e.g. `aws:MultiFactorAuthPresent`: `false`). */
    readonly contextKeys: Readonly<Record<string, string>>;
    /** `<document label>: statement "<sid>"` — the identity statement that allows it. */
    readonly allowedBy: string;
    /** Whether that statement names its actions with Action or NotAction. */
    readonly allowElement: "Action" | "NotAction";
    /** The permissions boundary statement that allows it too, when the user has a boundary. */
    readonly boundaryAllowedBy?: string;
}

export interface AllowSearch {
    readonly request?: AllowedRequest;
    /** Statements that might allow a request without MFA, but only depending on keys the audit cannot know. */
    readonly mayAllow: readonly string[];
}

export interface AllowSearchInput {
    readonly catalog: ActionCatalog;
    /** Actions allowed without MFA by design (enrollment): never a witness. */
    readonly isAllowListed: (action: string) => boolean;
    /** The user, with its ARN (its account and partition name the resources). */
    readonly user: JudgedUser & { readonly arn: string };
    readonly identity: readonly NamedDocument[];
    /** undefined: no permissions boundary. */
    readonly boundary?: readonly NamedDocument[];
    /** Actions to try first (e.g. the one the deny analysis found not denied). */
    readonly preferred?: readonly string[];
}

/** How many actions of one statement are tried before giving up on it: bounds a broad NotAction's cost. */
const ACTIONS_PER_STATEMENT = 4000;

const KEY_NAMES: Record<string, string> = {
    "aws:multifactorauthpresent": "aws:MultiFactorAuthPresent",
    "aws:multifactorauthage": "aws:MultiFactorAuthAge",
    "aws:username": "aws:username",
    "aws:principalarn": "aws:PrincipalArn",
    "aws:principaltype": "aws:PrincipalType",
    "aws:principalaccount": "aws:PrincipalAccount",
};

function truthOf(statement: Statement, context: NamedContext): Truth {
    try {
        return evaluateConditions(statement.conditions, context);
    } catch (err) {
        if (err instanceof UnverifiableConditionError) {
            return "depends";
        }
        throw err;
    }
}

function selectsAction(statement: Statement, action: string): boolean {
    return statement.actions ? statement.actions.some((p) => actionMatches(p, action)) : !(statement.notActions ?? []).some((p) => actionMatches(p, action));
}

/** The account field of an ARN (or ARN pattern) when it is twelve digits, else undefined. */
function explicitAccount(arn: string): string | undefined {
    const account = arn.startsWith("arn:") ? arn.split(":")[4] : undefined;
    return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * arn.ts reads a pattern's twelve-digit account as the stack's own (a preview does not know it). Here the request's
 * resource has a known account, so a pattern naming another account selects none of its resources: it is left out.
 */
function withinAccountOf(statement: Statement, resource: string): Statement {
    const account = explicitAccount(resource);
    const other = (p: string) => {
        const named = explicitAccount(p);
        return named !== undefined && named !== account;
    };
    if (account === undefined || ![...(statement.resources ?? []), ...(statement.notResources ?? [])].some(other)) {
        return statement;
    }
    const keep = (patterns: readonly string[] | undefined) => patterns && patterns.filter((p) => !other(p));
    return { ...statement, resources: keep(statement.resources), notResources: keep(statement.notResources) };
}

/** Whether the statement applies to the request: surely ("true"), perhaps ("depends"), or not. */
function applies(statement: Statement, action: string, resource: string, context: NamedContext): Truth {
    if (!selectsAction(statement, action)) {
        return "false";
    }
    const match = statementSelectsResource(withinAccountOf(statement, resource), resource, context.variables);
    if (match === "no") {
        return "false";
    }
    const truth = truthOf(statement, context);
    return truth === "false" ? "false" : match === "maybe" || truth === "depends" ? "depends" : "true";
}

function arnParts(arn: string): { partition: string; account: string } {
    const parts = arn.split(":");
    return { partition: parts[1] || "aws", account: parts[4] };
}

/** A concrete ARN the pattern selects in the user's account; undefined for another account's or a service wildcard. */
function instantiate(pattern: string, context: NamedContext, partition: string, account: string, literal: boolean): string[] {
    let text = pattern;
    if (!literal && text.includes("${")) {
        text = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
            const name = inner.trim().toLowerCase();
            return name === "*" || name === "?" || name === "$" ? name : (context.variables?.get(name) ?? whole);
        });
        if (/\$\{[^}]*\}/.test(text)) {
            return [];
        }
    }
    const parts = text.split(":");
    if (parts.length < 6 || parts[0] !== "arn" || /[*?]/.test(parts[2])) {
        return [];
    }
    const [, part, service, region, acct] = parts;
    const resource = parts.slice(5).join(":");
    if (/^\d{12}$/.test(acct) && acct !== account) {
        return []; // another account's resource: its own policy decides, not the user's
    }
    const concrete = (value: string, filler: string) => value.replace(/\*/g, filler).replace(/\?/g, "x");
    const regions = /[*?]/.test(region) ? ["us-east-1", ""] : [region];
    return regions.map((r) => `arn:${/[*?]/.test(part) ? partition : part}:${service}:${r}:${/[*?]/.test(acct) ? account : acct}:${concrete(resource, "example")}`);
}

/**
 * The actions a statement allows that the identity and the boundary both might allow, the preferred first,
 * allow-listed ones left out; produced one at a time, as the first that gets through ends the search.
 */
function* candidateActions(input: AllowSearchInput, statement: Statement, within: Uint8Array): Generator<string> {
    const { catalog } = input;
    const own = actionMarks(catalog, statement);
    const seen = new Set<number>();
    const take = (i: number | undefined): string | undefined => {
        if (i === undefined || !own[i] || !within[i] || seen.has(i) || input.isAllowListed(catalog.actions[i])) {
            return undefined;
        }
        seen.add(i);
        return catalog.actions[i];
    };
    const named = [...(input.preferred ?? []), ...(statement.actions ?? []).filter((p) => !/[*?]/.test(p))];
    for (const action of named) {
        const found = take(catalog.indexOf(action));
        if (found) {
            yield found;
        }
    }
    for (let i = 0; i < own.length && seen.size < ACTIONS_PER_STATEMENT; i++) {
        const found = take(i);
        if (found) {
            yield found;
        }
    }
}

function candidateResources(templates: ResourceTemplates, statement: Statement, action: string, context: NamedContext, userArn: string): string[] {
    const { partition, account } = arnParts(userArn);
    const name = context.variables?.get("aws:username") ?? "example";
    // The user itself first: iam:CreateAccessKey on one's own user is the classic way in.
    const found: string[] = [userArn];
    for (const pattern of statement.resources ?? []) {
        if (!matchesEverything(pattern)) {
            found.push(...instantiate(pattern, context, partition, account, statement.variablesLiteral === true));
        }
    }
    found.push(...templates.resourcesFor(action, { partition, account, name }));
    return [...new Set(found)].filter((r) => templates.accepts(action, r));
}

interface Decision {
    readonly allowedBy?: { readonly text: string; readonly element: "Action" | "NotAction" };
    readonly blocked?: boolean;
    readonly maybe?: string;
}

/** The first statement of the documents that surely allows the request, unless a deny may apply. */
function decide(documents: readonly NamedDocument[], action: string, resource: string, context: NamedContext): Decision {
    let allowedBy: Decision["allowedBy"];
    let maybe: string | undefined;
    for (const { label, document } of documents) {
        for (const statement of document.statements) {
            const truth = applies(statement, action, resource, context);
            if (truth === "false") {
                continue;
            }
            if (statement.effect === "Deny") {
                return { blocked: true };
            }
            if (truth === "true") {
                allowedBy ??= { text: `${label}: ${statementLabel(statement)}`, element: statement.actions ? "Action" : "NotAction" };
            } else {
                maybe ??= `${label}: ${statementLabel(statement)} may allow ${action} with ${context.name}, depending on keys the export does not hold`;
            }
        }
    }
    return allowedBy ? { allowedBy } : { maybe };
}

function contextKeys(context: NamedContext): Record<string, string> {
    const keys: Record<string, string> = {};
    for (const [key, values] of context.keys) {
        if (values !== null && values.length > 0) {
            keys[KEY_NAMES[key] ?? key] = values[0];
        }
    }
    return keys;
}

/**
 * One request the user's own policies allow without MFA, or what might allow one. Candidates are drawn from each
 * Allow statement (of the identity documents, then of the boundary, whose narrower grants are where both meet) and
 * must then be allowed by the identity documents and the boundary alike, and denied by neither.
 */
export function findAllowedRequest(input: AllowSearchInput): AllowSearch {
    let templates: ResourceTemplates | undefined; // read on first need: a user with no Allow statement needs none
    const mayAllow = new Set<string>();
    const seeds = [...input.identity, ...(input.boundary ?? [])];
    // Only an action that an identity statement and (with a boundary) a boundary statement both select can get through.
    let within = allowedSomewhere(input.catalog, input.identity);
    if (input.boundary) {
        const bounded = allowedSomewhere(input.catalog, input.boundary);
        within = within.map((bit, i) => bit & bounded[i]);
    }
    for (const base of WITHOUT_MFA) {
        const context = withoutMfaAs(base, input.user);
        for (const { label, document } of seeds) {
            for (const statement of document.statements) {
                if (statement.effect !== "Allow") {
                    continue;
                }
                const truth = truthOf(statement, context);
                if (truth === "false") {
                    continue;
                }
                if (truth === "depends") {
                    const keys = unconstrainedKeys(statement.conditions, context);
                    mayAllow.add(`${label}: ${statementLabel(statement)} may allow requests without MFA, depending on ${keys.length > 0 ? keys.join(", ") : "its conditions"}, which the export does not hold`);
                    continue;
                }
                for (const action of candidateActions(input, statement, within)) {
                    templates ??= resourceTemplates(input.catalog.actions);
                    for (const resource of candidateResources(templates, statement, action, context, input.user.arn)) {
                        if (applies(statement, action, resource, context) !== "true") {
                            continue;
                        }
                        const identity = decide(input.identity, action, resource, context);
                        if (!identity.allowedBy) {
                            continue;
                        }
                        const boundary = input.boundary ? decide(input.boundary, action, resource, context) : undefined;
                        if (boundary && !boundary.allowedBy) {
                            if (boundary.maybe) {
                                mayAllow.add(`permissions boundary: ${boundary.maybe}`);
                            }
                            continue;
                        }
                        return {
                            request: {
                                action,
                                resource,
                                context,
                                contextKeys: contextKeys(context),
                                allowedBy: identity.allowedBy.text,
                                allowElement: identity.allowedBy.element,
                                ...(boundary?.allowedBy ? { boundaryAllowedBy: boundary.allowedBy.text } : {}),
                            },
                            mayAllow: [],
                        };
                    }
                }
            }
        }
    }
    return { mayAllow: [...mayAllow] };
}
