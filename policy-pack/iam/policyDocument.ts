/**
 * Parsing of IAM policy documents into a normalized form. Documents arrive as JSON strings or objects; `Statement`,
 * `Action`, `Resource`, `Principal` and condition values may be single values or arrays. A document IAM would refuse
 * (see documentGrammar.ts) is rejected with AWS's rule, so callers can fail closed instead of judging a document that
 * is never created.
 */
import { asciiLowerCase as asciiLower } from "./wildcard";
import { checkActionName, checkCharacters, checkConditionKey, checkDocumentElements, checkStatementElements, DocumentKind, GrammarViolation } from "./documentGrammar";
import { parsePolicyJson, PolicyJsonError } from "./policyJson";

export type { DocumentKind } from "./documentGrammar";

export type Effect = "Allow" | "Deny";

export interface ConditionEntry {
    /** The operator as written, e.g. `BoolIfExists` or `ForAnyValue:StringLike`. */
    readonly operator: string;
    /** The condition key, lower-cased: IAM condition keys are case-insensitive. */
    readonly key: string;
    /** The key as the document spells it, for messages. */
    readonly keyAsWritten: string;
    readonly values: readonly string[];
    /** Version 2008-10-17 or none: `${aws:username}` and the like are plain text, not policy variables. */
    readonly variablesLiteral?: boolean;
}

/** `"*"` stands for the anonymous / everyone principal; otherwise principal type (e.g. `AWS`) to identifiers. */
export type PrincipalSpec = "*" | ReadonlyMap<string, readonly string[]>;

export interface Statement {
    /** 1-based position in the document, for messages. */
    readonly index: number;
    readonly sid?: string;
    readonly effect: Effect;
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
    readonly resources?: readonly string[];
    readonly notResources?: readonly string[];
    readonly principal?: PrincipalSpec;
    readonly notPrincipal?: PrincipalSpec;
    readonly conditions: readonly ConditionEntry[];
    /** Version 2008-10-17 or none: policy variables in Resource and Condition values are plain text. */
    readonly variablesLiteral?: boolean;
}

export interface PolicyDocument {
    readonly statements: readonly Statement[];
    /** The Version element as written; absent means IAM's default, 2008-10-17. */
    readonly version?: string;
    /** True unless the Version is 2012-10-17: only that version substitutes policy variables. */
    readonly variablesLiteral: boolean;
}

/** A document IAM refuses (MalformedPolicyDocument): the reason names AWS's rule. */
export class PolicyDocumentError extends Error {
    constructor(reason: string) {
        super(reason);
        this.name = "PolicyDocumentError";
    }
}

function ownKeys(object: Record<string, unknown>): string[] {
    return Object.keys(object);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function has(object: Record<string, unknown>, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(object, key);
}

function describe(value: unknown): string {
    if (value === null) {
        return "null";
    }
    return Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Reads a property whose name IAM treats case-sensitively, but reports a near miss (e.g. `statement`). */
function field(object: Record<string, unknown>, name: string, where: string): unknown {
    if (has(object, name)) {
        return object[name];
    }
    const nearMiss = ownKeys(object).find((k) => k.toLowerCase() === name.toLowerCase());
    if (nearMiss !== undefined) {
        throw new PolicyDocumentError(`${where} has "${nearMiss}" where IAM requires "${name}"`);
    }
    return undefined;
}

function stringList(value: unknown, where: string): string[] {
    const items = Array.isArray(value) ? value : [value];
    if (items.length === 0) {
        throw new PolicyDocumentError(`${where} is an empty list`);
    }
    return items.map((item) => {
        if (typeof item !== "string" || item.length === 0) {
            throw new PolicyDocumentError(`${where} must hold non-empty strings, found ${describe(item)}`);
        }
        return item;
    });
}

function conditionValues(value: unknown, where: string): string[] {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => {
        if (typeof item === "string") {
            return item;
        }
        // IAM accepts JSON booleans and numbers as condition values and compares their text.
        if (typeof item === "boolean" || typeof item === "number") {
            return String(item);
        }
        throw new PolicyDocumentError(`${where} must hold strings, booleans or numbers, found ${describe(item)}`);
    });
}

function parsePrincipal(value: unknown, where: string): PrincipalSpec {
    if (value === "*") {
        return "*";
    }
    if (!isPlainObject(value)) {
        throw new PolicyDocumentError(`${where} must be "*" or an object such as {"AWS": ...}, found ${describe(value)}`);
    }
    const principal = new Map<string, string[]>();
    for (const type of ownKeys(value)) {
        const ids = value[type];
        principal.set(type, stringList(ids, `${where}.${type}`));
    }
    if (principal.size === 0) {
        throw new PolicyDocumentError(`${where} is empty`);
    }
    return principal;
}

function parseConditions(value: unknown, where: string, variablesLiteral: boolean): ConditionEntry[] {
    if (value === undefined) {
        return [];
    }
    if (!isPlainObject(value)) {
        throw new PolicyDocumentError(`${where} must be an object, found ${describe(value)}`);
    }
    const entries: ConditionEntry[] = [];
    for (const operator of ownKeys(value)) {
        const block = value[operator];
        if (!isPlainObject(block)) {
            throw new PolicyDocumentError(`${where}.${operator} must be an object of keys to values, found ${describe(block)}`);
        }
        for (const key of ownKeys(block)) {
            checkConditionKey(key, `${where}.${operator}`);
            const values = conditionValues(block[key], `${where}.${operator}.${key}`);
            entries.push({ operator, key: asciiLower(key), keyAsWritten: key, values, variablesLiteral });
        }
    }
    return entries;
}

function actionList(value: unknown, where: string): string[] {
    const actions = stringList(value, where);
    actions.forEach((action) => checkActionName(action, where));
    return actions;
}

function parseStatement(raw: unknown, index: number, kind: DocumentKind, variablesLiteral: boolean, sids: Set<string>): Statement {
    const where = `Statement ${index}`;
    if (!isPlainObject(raw)) {
        throw new PolicyDocumentError(`${where} must be an object, found ${describe(raw)}`);
    }
    checkStatementElements(raw, where, kind, sids);
    const effect = field(raw, "Effect", where);
    if (effect !== "Allow" && effect !== "Deny") {
        throw new PolicyDocumentError(`${where} has Effect ${JSON.stringify(effect)}; IAM accepts only "Allow" or "Deny"`);
    }
    const sid = field(raw, "Sid", where);
    const action = field(raw, "Action", where);
    const notAction = field(raw, "NotAction", where);
    if ((action === undefined) === (notAction === undefined)) {
        throw new PolicyDocumentError(`${where} must have exactly one of Action and NotAction`);
    }
    const resource = field(raw, "Resource", where);
    const notResource = field(raw, "NotResource", where);
    if (resource !== undefined && notResource !== undefined) {
        throw new PolicyDocumentError(`${where} has both Resource and NotResource`);
    }
    const principal = field(raw, "Principal", where);
    const notPrincipal = field(raw, "NotPrincipal", where);
    if (principal !== undefined && notPrincipal !== undefined) {
        throw new PolicyDocumentError(`${where} has both Principal and NotPrincipal`);
    }
    return {
        index,
        sid: typeof sid === "string" ? sid : undefined,
        effect,
        actions: action === undefined ? undefined : actionList(action, `${where}.Action`),
        notActions: notAction === undefined ? undefined : actionList(notAction, `${where}.NotAction`),
        resources: resource === undefined ? undefined : stringList(resource, `${where}.Resource`),
        notResources: notResource === undefined ? undefined : stringList(notResource, `${where}.NotResource`),
        principal: principal === undefined ? undefined : parsePrincipal(principal, `${where}.Principal`),
        notPrincipal: notPrincipal === undefined ? undefined : parsePrincipal(notPrincipal, `${where}.NotPrincipal`),
        conditions: parseConditions(field(raw, "Condition", where), `${where}.Condition`, variablesLiteral),
        variablesLiteral,
    };
}

/** The document as AWS receives it: JSON text, read strictly (a duplicate key is refused, `__proto__` kept). */
function decode(input: unknown): unknown {
    let text: string;
    if (typeof input === "string") {
        text = input;
    } else {
        // An object is sent to AWS as its JSON text; round-tripping it gives prototype-free objects and finds the
        // characters IAM would refuse.
        text = JSON.stringify(input) ?? "";
    }
    checkCharacters(text);
    try {
        return parsePolicyJson(text);
    } catch (err) {
        if (err instanceof PolicyJsonError) {
            throw new PolicyDocumentError(err.duplicateKey ? `${err.message}; IAM refuses a document with a duplicate key` : `not valid JSON (${err.message})`);
        }
        throw err;
    }
}

/**
 * Parses a policy given as a JSON string or an already-decoded object; throws PolicyDocumentError with AWS's rule.
 * `kind` decides whether a principal is required (trust) or forbidden (identity policies).
 */
export function parsePolicyDocument(input: unknown, kind: DocumentKind = "identity"): PolicyDocument {
    try {
        return parseDecoded(decode(input), kind);
    } catch (err) {
        if (err instanceof GrammarViolation) {
            throw new PolicyDocumentError(err.message);
        }
        throw err;
    }
}

function parseDecoded(decoded: unknown, kind: DocumentKind): PolicyDocument {
    if (!isPlainObject(decoded)) {
        throw new PolicyDocumentError(`a policy document must be a JSON object, found ${describe(decoded)}`);
    }
    checkDocumentElements(decoded);
    const version = typeof decoded.Version === "string" ? decoded.Version : undefined;
    const variablesLiteral = version !== "2012-10-17";
    const statement = field(decoded, "Statement", "the document");
    if (statement === undefined) {
        throw new PolicyDocumentError("the document has no Statement");
    }
    const rawStatements = Array.isArray(statement) ? statement : [statement];
    if (rawStatements.length === 0) {
        throw new PolicyDocumentError("the document's Statement list is empty");
    }
    const sids = new Set<string>();
    return {
        statements: rawStatements.map((raw, i) => parseStatement(raw, i + 1, kind, variablesLiteral, sids)),
        version,
        variablesLiteral,
    };
}

/** A short label for messages: the Sid when there is one, else the position. */
export function statementLabel(statement: Statement): string {
    return statement.sid ? `statement "${statement.sid}"` : `statement ${statement.index}`;
}

/** `compute` answered once per parsed document: a document is shared by every principal it reaches. */
export function oncePerDocument<T>(compute: (document: PolicyDocument) => T): (document: PolicyDocument) => T {
    const answers = new WeakMap<PolicyDocument, { readonly value: T }>();
    return (document) => {
        let answer = answers.get(document);
        if (!answer) {
            answer = { value: compute(document) };
            answers.set(document, answer);
        }
        return answer.value;
    };
}

const documentIds = new WeakMap<PolicyDocument, number>();
let nextDocumentId = 1;

/** A number per parsed document of this process: sets of documents are keyed by them. */
export function documentId(document: PolicyDocument): number {
    let id = documentIds.get(document);
    if (id === undefined) {
        id = nextDocumentId++;
        documentIds.set(document, id);
    }
    return id;
}
