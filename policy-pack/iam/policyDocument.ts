/**
 * Parsing of IAM policy documents into a normalized form. Documents arrive as JSON strings or objects; `Statement`,
 * `Action`, `Resource`, `Principal` and condition values may be single values or arrays. Anything that is not a
 * well-formed policy is rejected with a reason, so callers can fail closed instead of guessing.
 */

export type Effect = "Allow" | "Deny";

export interface ConditionEntry {
    /** The operator as written, e.g. `BoolIfExists` or `ForAnyValue:StringLike`. */
    readonly operator: string;
    /** The condition key, lower-cased: IAM condition keys are case-insensitive. */
    readonly key: string;
    /** The key as the document spells it, for messages. */
    readonly keyAsWritten: string;
    readonly values: readonly string[];
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
}

export interface PolicyDocument {
    readonly statements: readonly Statement[];
}

export class PolicyDocumentError extends Error {
    constructor(reason: string) {
        super(reason);
        this.name = "PolicyDocumentError";
    }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
    if (value === null) {
        return "null";
    }
    return Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Reads a property whose name IAM treats case-sensitively, but reports a near miss (e.g. `statement`). */
function field(object: Record<string, unknown>, name: string, where: string): unknown {
    if (name in object) {
        return object[name];
    }
    const nearMiss = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
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
    for (const [type, ids] of Object.entries(value)) {
        principal.set(type, stringList(ids, `${where}.${type}`));
    }
    if (principal.size === 0) {
        throw new PolicyDocumentError(`${where} is empty`);
    }
    return principal;
}

function parseConditions(value: unknown, where: string): ConditionEntry[] {
    if (value === undefined) {
        return [];
    }
    if (!isPlainObject(value)) {
        throw new PolicyDocumentError(`${where} must be an object, found ${describe(value)}`);
    }
    const entries: ConditionEntry[] = [];
    for (const [operator, block] of Object.entries(value)) {
        if (!isPlainObject(block)) {
            throw new PolicyDocumentError(`${where}.${operator} must be an object of keys to values, found ${describe(block)}`);
        }
        for (const [key, values] of Object.entries(block)) {
            entries.push({ operator, key: key.toLowerCase(), keyAsWritten: key, values: conditionValues(values, `${where}.${operator}.${key}`) });
        }
    }
    return entries;
}

function parseStatement(raw: unknown, index: number): Statement {
    const where = `Statement ${index}`;
    if (!isPlainObject(raw)) {
        throw new PolicyDocumentError(`${where} must be an object, found ${describe(raw)}`);
    }
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
        actions: action === undefined ? undefined : stringList(action, `${where}.Action`),
        notActions: notAction === undefined ? undefined : stringList(notAction, `${where}.NotAction`),
        resources: resource === undefined ? undefined : stringList(resource, `${where}.Resource`),
        notResources: notResource === undefined ? undefined : stringList(notResource, `${where}.NotResource`),
        principal: principal === undefined ? undefined : parsePrincipal(principal, `${where}.Principal`),
        notPrincipal: notPrincipal === undefined ? undefined : parsePrincipal(notPrincipal, `${where}.NotPrincipal`),
        conditions: parseConditions(field(raw, "Condition", where), `${where}.Condition`),
    };
}

/** Parses a policy given as a JSON string or an already-decoded object; throws PolicyDocumentError with a reason. */
export function parsePolicyDocument(input: unknown): PolicyDocument {
    let decoded = input;
    if (typeof input === "string") {
        try {
            decoded = JSON.parse(input);
        } catch (err) {
            throw new PolicyDocumentError(`not valid JSON (${(err as Error).message})`);
        }
    }
    if (!isPlainObject(decoded)) {
        throw new PolicyDocumentError(`a policy document must be a JSON object, found ${describe(decoded)}`);
    }
    const statement = field(decoded, "Statement", "the document");
    if (statement === undefined) {
        throw new PolicyDocumentError("the document has no Statement");
    }
    const rawStatements = Array.isArray(statement) ? statement : [statement];
    if (rawStatements.length === 0) {
        throw new PolicyDocumentError("the document's Statement list is empty");
    }
    return { statements: rawStatements.map((raw, i) => parseStatement(raw, i + 1)) };
}

/** A short label for messages: the Sid when there is one, else the position. */
export function statementLabel(statement: Statement): string {
    return statement.sid ? `statement "${statement.sid}"` : `statement ${statement.index}`;
}
