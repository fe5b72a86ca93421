/**
 * Three-valued evaluation of IAM `Condition` blocks over a partially known request. The pack asks questions such as
 * "does this deny apply to EVERY request made without MFA?": only the keys that the question fixes (e.g.
 * `aws:MultiFactorAuthPresent` absent) are known; every other key may hold anything, so a condition on it can only
 * be answered "depends". Operators the evaluator does not know raise UnverifiableConditionError: the caller fails
 * closed rather than guess.
 */
import { ConditionEntry } from "./policyDocument";
import { asciiLowerCase as asciiLower, compilePattern, GlobMatcher } from "./wildcard";

export type Truth = "true" | "false" | "depends";

export class UnverifiableConditionError extends Error {
    constructor(reason: string) {
        super(reason);
        this.name = "UnverifiableConditionError";
    }
}

export interface RequestContext {
    /** Lower-cased key → its values, or null when the key is absent from the request. Missing keys are unconstrained. */
    readonly keys: ReadonlyMap<string, readonly string[] | null>;
    /** Values of policy variables (lower-cased names without `${}`), e.g. `aws:username`. Others stay unresolved. */
    readonly variables?: ReadonlyMap<string, string>;
}

type Comparison = (policyValue: string, requestValue: string) => boolean;

/** See requestContexts.ts UNKNOWN_ACCOUNT (not imported: requestContexts imports this module). */
const UNKNOWN_ACCOUNT_DIGIT = "\u0001";

interface BaseOperator {
    readonly compare: Comparison;
    /** Negated operators (StringNotEquals, ArnNotLike, ...) are true when no policy value matches. */
    readonly negated: boolean;
    /** Wildcard operators (StringLike, Arn*): the policy value is a pattern, `${*}` `${?}` `${$}` literal characters. */
    readonly like?: boolean;
}

function numeric(text: string): number | undefined {
    const value = text.trim() === "" ? NaN : Number(text);
    return Number.isFinite(value) ? value : undefined;
}

function date(text: string): number | undefined {
    if (/^\d+$/.test(text)) {
        return Number(text) * 1000; // epoch seconds
    }
    const value = Date.parse(text);
    return Number.isNaN(value) ? undefined : value;
}

function ordered(parse: (text: string) => number | undefined, test: (request: number, policy: number) => boolean, name: string): Comparison {
    return (policyValue, requestValue) => {
        const policy = parse(policyValue);
        if (policy === undefined) {
            throw new UnverifiableConditionError(`${name} compares with ${JSON.stringify(policyValue)}, which is not a valid value for it`);
        }
        const request = parse(requestValue);
        return request !== undefined && test(request, policy);
    };
}

function ipv4(text: string): number | undefined {
    const parts = text.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
        return undefined;
    }
    return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

const ipInRange: Comparison = (policyValue, requestValue) => {
    const [network, bits = "32"] = policyValue.split("/");
    const base = ipv4(network);
    const prefix = Number(bits);
    if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
        if (policyValue.includes(":")) {
            throw new UnverifiableConditionError(`IPv6 range ${policyValue} is not evaluated`);
        }
        throw new UnverifiableConditionError(`${JSON.stringify(policyValue)} is not an IP range`);
    }
    const address = ipv4(requestValue);
    if (address === undefined) {
        return false;
    }
    const size = 2 ** (32 - prefix);
    return Math.floor(address / size) === Math.floor(base / size);
};

const stringEquals: Comparison = (p, r) => p === r;
const stringEqualsIgnoreCase: Comparison = (p, r) => asciiLower(p) === asciiLower(r);
/** Never called: wildcard operators compare through a compiled pattern (see evaluateEntry). */
const stringLike: Comparison = () => {
    throw new Error("wildcard operators compare through compilePattern");
};
const boolEquals: Comparison = (p, r) => asciiLower(p) === asciiLower(r);

const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map<string, BaseOperator>([
    ["stringequals", { compare: stringEquals, negated: false }],
    ["stringnotequals", { compare: stringEquals, negated: true }],
    ["stringequalsignorecase", { compare: stringEqualsIgnoreCase, negated: false }],
    ["stringnotequalsignorecase", { compare: stringEqualsIgnoreCase, negated: true }],
    ["stringlike", { compare: stringLike, negated: false, like: true }],
    ["stringnotlike", { compare: stringLike, negated: true, like: true }],
    ["numericequals", { compare: ordered(numeric, (r, p) => r === p, "NumericEquals"), negated: false }],
    ["numericnotequals", { compare: ordered(numeric, (r, p) => r === p, "NumericNotEquals"), negated: true }],
    ["numericlessthan", { compare: ordered(numeric, (r, p) => r < p, "NumericLessThan"), negated: false }],
    ["numericlessthanequals", { compare: ordered(numeric, (r, p) => r <= p, "NumericLessThanEquals"), negated: false }],
    ["numericgreaterthan", { compare: ordered(numeric, (r, p) => r > p, "NumericGreaterThan"), negated: false }],
    ["numericgreaterthanequals", { compare: ordered(numeric, (r, p) => r >= p, "NumericGreaterThanEquals"), negated: false }],
    ["dateequals", { compare: ordered(date, (r, p) => r === p, "DateEquals"), negated: false }],
    ["datenotequals", { compare: ordered(date, (r, p) => r === p, "DateNotEquals"), negated: true }],
    ["datelessthan", { compare: ordered(date, (r, p) => r < p, "DateLessThan"), negated: false }],
    ["datelessthanequals", { compare: ordered(date, (r, p) => r <= p, "DateLessThanEquals"), negated: false }],
    ["dategreaterthan", { compare: ordered(date, (r, p) => r > p, "DateGreaterThan"), negated: false }],
    ["dategreaterthanequals", { compare: ordered(date, (r, p) => r >= p, "DateGreaterThanEquals"), negated: false }],
    ["bool", { compare: boolEquals, negated: false }],
    ["binaryequals", { compare: stringEquals, negated: false }],
    ["ipaddress", { compare: ipInRange, negated: false }],
    ["notipaddress", { compare: ipInRange, negated: true }],
    ["arnequals", { compare: stringLike, negated: false, like: true }],
    ["arnlike", { compare: stringLike, negated: false, like: true }],
    ["arnnotequals", { compare: stringLike, negated: true, like: true }],
    ["arnnotlike", { compare: stringLike, negated: true, like: true }],
]);

interface ParsedOperator {
    readonly set?: "any" | "all";
    readonly ifExists: boolean;
    /** undefined for the `Null` operator, which tests presence only. */
    readonly base?: BaseOperator;
}

const parsedOperators = new Map<string, ParsedOperator>();

/** Parses `[ForAnyValue:|ForAllValues:]Base[IfExists]`, case-insensitively; throws for anything else. */
export function parseOperator(operator: string): ParsedOperator {
    const cached = parsedOperators.get(operator);
    if (cached) {
        return cached;
    }
    let rest = asciiLower(operator);
    let set: "any" | "all" | undefined;
    if (rest.startsWith("foranyvalue:")) {
        set = "any";
        rest = rest.slice("foranyvalue:".length);
    } else if (rest.startsWith("forallvalues:")) {
        set = "all";
        rest = rest.slice("forallvalues:".length);
    }
    let ifExists = false;
    if (rest.endsWith("ifexists")) {
        ifExists = true;
        rest = rest.slice(0, -"ifexists".length);
    }
    let parsed: ParsedOperator;
    if (rest === "null" && !ifExists && set === undefined) {
        parsed = { ifExists: false };
    } else {
        const base = BASE_OPERATORS.get(rest);
        if (!base) {
            throw new UnverifiableConditionError(`unknown condition operator "${operator}"`);
        }
        parsed = { set, ifExists, base };
    }
    parsedOperators.set(operator, parsed);
    return parsed;
}

const VARIABLE = /\$\{([^}]*)\}/g;

/**
 * Substitutes policy variables; returns undefined when one cannot be resolved in this context. `literal` (Version
 * 2008-10-17 or none) keeps the text as written: IAM substitutes variables only in 2012-10-17 documents.
 */
export function substituteVariables(
    text: string,
    variables: ReadonlyMap<string, string> | undefined,
    literal = false,
    /** Keep `${*}` `${?}` `${$}` as written, for a pattern compiled afterwards (compilePattern reads them). */
    keepEscapes = false,
): string | undefined {
    if (literal || !text.includes("${")) {
        return text;
    }
    let unresolved = false;
    const result = text.replace(VARIABLE, (whole, inner: string) => {
        const name = inner.trim();
        if (name === "*" || name === "?" || name === "$") {
            return keepEscapes ? whole : name;
        }
        const value = variables?.get(asciiLower(name));
        if (value === undefined) {
            unresolved = true;
            return "";
        }
        return value;
    });
    return unresolved ? undefined : result;
}

function evaluateEntry(entry: ConditionEntry, context: RequestContext): Truth {
    const operator = parseOperator(entry.operator);
    if (!context.keys.has(entry.key)) {
        return "depends";
    }
    const requestValues = context.keys.get(entry.key) ?? null;
    if (operator.base === undefined) {
        // Null: "true" means the key must be absent, "false" that it must be present.
        const wantsAbsent = entry.values.map(asciiLower);
        if (wantsAbsent.some((v) => v !== "true" && v !== "false")) {
            throw new UnverifiableConditionError(`Null on ${entry.key} takes "true" or "false", found ${JSON.stringify(entry.values)}`);
        }
        return wantsAbsent.includes(requestValues === null ? "true" : "false") ? "true" : "false";
    }
    if (requestValues === null || requestValues.length === 0) {
        // Set operators decide a missing key themselves, IfExists or not: "any" of nothing is false, "all" true.
        if (operator.set === "any") {
            return "false";
        }
        if (operator.set === "all" || operator.ifExists) {
            return "true";
        }
        return operator.base.negated ? "true" : "false";
    }
    const base = operator.base;
    const matches: ((requestValue: string) => boolean)[] = [];
    for (const raw of entry.values) {
        if (base.like) {
            const pattern = compilePattern(raw, { caseInsensitive: false, variables: context.variables, variablesLiteral: entry.variablesLiteral });
            if (pattern.kind === "unresolved") {
                return "depends";
            }
            matches.push((r) => (pattern as GlobMatcher).test(r));
            continue;
        }
        const value = substituteVariables(raw, context.variables, entry.variablesLiteral);
        if (value === undefined) {
            return "depends";
        }
        matches.push((r) => base.compare(value, r));
    }
    // An ARN whose account is unknown: decided only when no policy value names digits (which that account may hold).
    if (requestValues.some((v) => v.includes(UNKNOWN_ACCOUNT_DIGIT)) && entry.values.some((v) => /[0-9]/.test(substituteVariables(v, context.variables, entry.variablesLiteral) ?? v))) {
        return "depends";
    }
    const satisfies = (requestValue: string): boolean => {
        const anyMatch = matches.some((match) => match(requestValue));
        return base.negated ? !anyMatch : anyMatch;
    };
    const result = operator.set === "all" ? requestValues.every(satisfies) : requestValues.some(satisfies);
    return result ? "true" : "false";
}

/** All entries of a Condition block must hold (logical AND); an empty block always holds. */
export function evaluateConditions(entries: readonly ConditionEntry[], context: RequestContext): Truth {
    let result: Truth = "true";
    for (const entry of entries) {
        const truth = evaluateEntry(entry, context);
        if (truth === "false") {
            return "false";
        }
        if (truth === "depends") {
            result = "depends";
        }
    }
    return result;
}

/** The condition keys a block reads that the context leaves unconstrained: why a verdict "depends". */
export function unconstrainedKeys(entries: readonly ConditionEntry[], context: RequestContext): string[] {
    return [...new Set(entries.filter((e) => !context.keys.has(e.key)).map((e) => e.keyAsWritten))];
}
