/**
 * Category 1: condition operators on concrete, fully known request contexts. Each variant is an Allow statement
 * whose Condition holds one to three entries; the evaluator sees every key of the request (absent keys as null), so
 * it must answer "true" or "false", and that answer must equal the simulator's Allowed / ImplicitlyDenied for the
 * same statement and request.
 */
import { evaluateConditions } from "../../../policy-pack/iam/conditions";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { Comparison } from "./findings";
import { Rng } from "./rng";
import { ACCOUNT, OTHER_ACCOUNT, simulate } from "./simulator";

type PolicyValue = string | number | boolean;
type RequestValue = string | string[] | null;

interface Family {
    readonly name: string;
    /** Canonical spelling of the condition key. */
    readonly key: string;
    readonly operators: readonly string[];
    readonly setPrefixes: readonly string[];
    readonly ifExists: boolean;
    readonly policyValues: readonly (readonly PolicyValue[])[];
    readonly requestValues: readonly RequestValue[];
    /** Extra keys every request of this family carries (e.g. aws:username for ${aws:username}). */
    readonly alongside?: (rng: Rng) => Record<string, RequestValue>;
    readonly tags?: readonly string[];
}

const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;

const FAMILIES: readonly Family[] = [
    {
        name: "mfa-present-bool",
        key: "aws:MultiFactorAuthPresent",
        operators: ["Bool"],
        setPrefixes: [""],
        ifExists: true,
        policyValues: [["true"], ["false"], [true], [false], ["True"]],
        requestValues: [null, "true", "false"],
    },
    {
        name: "null",
        key: "aws:MultiFactorAuthAge",
        operators: ["Null"],
        setPrefixes: [""],
        ifExists: false,
        policyValues: [["true"], ["false"], [true], [false]],
        requestValues: [null, "0", "4000"],
    },
    {
        name: "null-present",
        key: "aws:MultiFactorAuthPresent",
        operators: ["Null"],
        setPrefixes: [""],
        ifExists: false,
        policyValues: [["true"], ["false"], [true]],
        requestValues: [null, "true", "false"],
    },
    {
        name: "mfa-age-numeric",
        key: "aws:MultiFactorAuthAge",
        operators: ["NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "NumericEquals", "NumericNotEquals"],
        setPrefixes: [""],
        ifExists: true,
        policyValues: [["3600"], [3600], ["300", "3600"]],
        requestValues: [null, "100", "3600", "7200"],
    },
    {
        name: "username-string",
        key: "aws:username",
        operators: ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"],
        setPrefixes: ["", "ForAnyValue:", "ForAllValues:"],
        ifExists: true,
        policyValues: [["alice"], ["ali*"], ["Alice"], ["bob", "alice"], ["a?ice"]],
        requestValues: [null, "alice", "bob", "ALICE"],
    },
    {
        name: "principal-arn",
        key: "aws:PrincipalArn",
        operators: ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "StringLike"],
        setPrefixes: [""],
        ifExists: true,
        policyValues: [
            [`arn:aws:iam::${ACCOUNT}:user/*`],
            ["arn:aws:iam::*:user/${aws:username}"],
            [`arn:aws:iam::${ACCOUNT}:role/ci`],
            [`arn:aws:iam::${ACCOUNT}:*`],
        ],
        requestValues: [null, USER_ARN, `arn:aws:iam::${ACCOUNT}:user/eng/alice`, `arn:aws:iam::${ACCOUNT}:role/ci`, `arn:aws:iam::${OTHER_ACCOUNT}:user/alice`],
        alongside: (rng): Record<string, RequestValue> => (rng.chance(0.8) ? { "aws:username": "alice" } : {}),
    },
    {
        name: "source-ip",
        key: "aws:SourceIp",
        operators: ["IpAddress", "NotIpAddress"],
        setPrefixes: [""],
        ifExists: true,
        policyValues: [["10.0.0.0/8"], ["192.168.1.1/32", "10.0.0.0/8"], ["203.0.113.7"], ["0.0.0.0/0"]],
        requestValues: [null, "10.1.2.3", "11.0.0.1", "192.168.1.1", "203.0.113.7"],
    },
    {
        name: "current-time",
        key: "aws:CurrentTime",
        operators: ["DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "DateEquals", "DateNotEquals"],
        setPrefixes: [""],
        ifExists: true,
        policyValues: [["2025-01-01T00:00:00Z"]],
        requestValues: [null, "2024-06-01T00:00:00Z", "2026-01-01T00:00:00Z", "2025-01-01T00:00:00Z"],
    },
    {
        name: "epoch-time",
        key: "aws:EpochTime",
        operators: ["DateLessThan", "DateGreaterThan", "DateEquals"],
        setPrefixes: [""],
        ifExists: true,
        policyValues: [["1735689600"], ["2025-01-01T00:00:00Z"]],
        requestValues: [null, "1700000000", "1800000000", "1735689600"],
    },
    {
        name: "called-via-set",
        key: "aws:CalledVia",
        operators: ["StringEquals", "StringLike", "StringNotEquals", "StringNotLike"],
        setPrefixes: ["ForAnyValue:", "ForAllValues:"],
        ifExists: true,
        policyValues: [["athena.amazonaws.com"], ["*.amazonaws.com"], ["athena.amazonaws.com", "dynamodb.amazonaws.com"]],
        requestValues: [
            null,
            [],
            ["athena.amazonaws.com"],
            ["athena.amazonaws.com", "dynamodb.amazonaws.com"],
            ["dynamodb.amazonaws.com"],
            ["glue.example.com"],
        ],
    },
    {
        name: "single-operator-on-multivalued-key",
        key: "aws:CalledVia",
        operators: ["StringEquals", "StringNotEquals"],
        setPrefixes: [""],
        ifExists: false,
        policyValues: [["athena.amazonaws.com"]],
        requestValues: [null, ["athena.amazonaws.com"], ["dynamodb.amazonaws.com"]],
        tags: ["single-operator-on-multivalued-key"],
    },
    {
        name: "odd-operators",
        key: "aws:MultiFactorAuthPresent",
        operators: ["NullIfExists", "ForAnyValue:Null", "StringEqualsIfExist", "Boolean", "StringMatches", "BoolIfExistsIfExists"],
        setPrefixes: [""],
        ifExists: false,
        policyValues: [["true"]],
        requestValues: [null, "true"],
        tags: ["odd-operator"],
    },
    {
        name: "malformed-policy-values",
        key: "aws:MultiFactorAuthAge",
        operators: ["NumericLessThan", "DateLessThan"],
        setPrefixes: [""],
        ifExists: true,
        policyValues: [["one hour"], ["0x10"], [" 3600 "]],
        requestValues: [null, "100"],
        tags: ["malformed-policy-value"],
    },
    {
        name: "malformed-ip-ranges",
        key: "aws:SourceIp",
        operators: ["IpAddress", "NotIpAddress"],
        setPrefixes: [""],
        ifExists: false,
        policyValues: [["10.0.0.0/33"], ["2001:db8::/32"], ["10.0.0.0/8", "2001:db8::/32"]],
        requestValues: ["10.1.2.3", "2001:db8::1"],
        tags: ["malformed-policy-value"],
    },
];

/** Keys whose requests carry several values (the simulator types them as arrays). */
const MULTIVALUED = new Set(["aws:calledvia"]);

interface EntrySpec {
    readonly family: string;
    readonly operator: string;
    readonly writtenKey: string;
    readonly values: readonly PolicyValue[];
    readonly singleValueForm: boolean;
}

export interface ConditionVariant {
    readonly id: string;
    readonly entries: readonly EntrySpec[];
    /** Canonical (lower-case) key -> value, null when absent from the request. */
    readonly request: ReadonlyMap<string, RequestValue>;
    /** How each present key is spelled when handed to the simulator. */
    readonly writtenRequestKeys: ReadonlyMap<string, string>;
    readonly asJsonString: boolean;
    readonly tags: readonly string[];
}

function baseEntries(rng: Rng): { entry: EntrySpec; key: string; requestValue: RequestValue; family: Family; alongside: Record<string, RequestValue> }[] {
    const all: { entry: EntrySpec; key: string; requestValue: RequestValue; family: Family; alongside: Record<string, RequestValue> }[] = [];
    for (const family of FAMILIES) {
        for (const base of family.operators) {
            for (const set of family.setPrefixes) {
                for (const ifExists of family.ifExists ? [false, true] : [false]) {
                    for (const values of family.policyValues) {
                        for (const requestValue of family.requestValues) {
                            const operator = `${set}${base}${ifExists ? "IfExists" : ""}`;
                            all.push({
                                entry: {
                                    family: family.name,
                                    operator: rng.chance(0.08) ? rng.scrambleCase(operator) : operator,
                                    writtenKey: rng.chance(0.3) ? rng.scrambleCase(family.key) : family.key,
                                    values,
                                    singleValueForm: values.length === 1 && rng.chance(0.5),
                                },
                                key: family.key.toLowerCase(),
                                requestValue,
                                family,
                                alongside: family.alongside?.(rng) ?? {},
                            });
                        }
                    }
                }
            }
        }
    }
    return all;
}

function tagsFor(entries: readonly EntrySpec[], request: ReadonlyMap<string, RequestValue>, extra: readonly string[]): string[] {
    const tags = new Set(extra);
    for (const e of entries) {
        const key = e.writtenKey.toLowerCase();
        tags.add(`family:${e.family}`);
        tags.add(`op:${e.operator.toLowerCase()}`);
        const value = request.get(key);
        tags.add(value === null || value === undefined ? `absent:${key}` : `present:${key}`);
        if (Array.isArray(value) && value.length === 0) {
            tags.add(`empty:${key}`);
        }
        if (e.values.some((v) => typeof v === "string" && v.includes("${"))) {
            tags.add("policy-variable");
            tags.add(request.get("aws:username") ? "variable-resolvable" : "variable-unresolvable");
        }
        const operator = e.operator.toLowerCase();
        if ((operator.startsWith("foranyvalue:") || operator.startsWith("forallvalues:")) && operator.endsWith("ifexists") && (value === null || value === undefined || (Array.isArray(value) && value.length === 0))) {
            tags.add("set-operator-ifexists-without-values");
        }
        if (e.values.some((v) => typeof v !== "string")) {
            tags.add("json-scalar-value");
        }
        if (e.writtenKey !== FAMILIES.find((f) => f.name === e.family)?.key) {
            tags.add("key-case-changed");
        }
        if (e.values.some((v) => typeof v === "string" && v.endsWith("/0"))) {
            tags.add("cidr-slash-zero");
        }
        const iso = (v: unknown): boolean => typeof v === "string" && /^\d{4}-\d\d-\d\d/.test(v);
        const epoch = (v: unknown): boolean => typeof v === "string" && /^\d+$/.test(v);
        if (value !== null && value !== undefined && e.operator.toLowerCase().includes("date")) {
            const requestValues = [value].flat();
            if ((e.values.some(iso) && requestValues.some(epoch)) || (e.values.some(epoch) && requestValues.some(iso))) {
                tags.add("date-epoch-vs-iso");
            }
        }
    }
    return [...tags];
}

const DATE_TESTS: Record<string, (request: number, policy: number) => boolean> = {
    datelessthan: (r, p) => r < p,
    datelessthanequals: (r, p) => r <= p,
    dategreaterthan: (r, p) => r > p,
    dategreaterthanequals: (r, p) => r >= p,
    dateequals: (r, p) => r === p,
    datenotequals: (r, p) => r !== p,
};

/**
 * For the families whose disagreements the test accepts, the answer the acceptance says the evaluator gives (IAM's
 * for dates; "any value matches" for a single-valued operator on a multivalued key), computed here independently as
 * `expected:true|false`, so an accepted entry can demand exactly that answer and not swallow a regression.
 */
function expectedTruth(entries: readonly EntrySpec[], request: ReadonlyMap<string, RequestValue>): string[] {
    if (entries.length !== 1) {
        return [];
    }
    const [entry] = entries;
    const value = request.get(entry.writtenKey.toLowerCase());
    const base = entry.operator.toLowerCase().replace(/ifexists$/, "");
    const policy = entry.values.map(String);
    if (entry.family === "current-time" || entry.family === "epoch-time") {
        const parse = (text: string): number => (/^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text));
        const test = DATE_TESTS[base];
        if (typeof value === "string" && test) {
            return [`expected:${policy.some((p) => test(parse(value), parse(p)))}`];
        }
    }
    if (entry.family === "single-operator-on-multivalued-key") {
        const values = value === null || value === undefined ? [] : [value].flat();
        if (base === "stringequals") {
            return [`expected:${values.some((v) => policy.includes(v))}`];
        }
        if (base === "stringnotequals") {
            return [`expected:${values.length === 0 || values.some((v) => !policy.includes(v))}`];
        }
    }
    return [];
}

/** Features of single entries on which the evaluator and the simulator are known to differ (see the test's tables). */
export const DIVERGENT_FEATURES: ReadonlySet<string> = new Set([
    "cidr-slash-zero",
    "date-epoch-vs-iso",
    "variable-unresolvable",
    "set-operator-ifexists-without-values",
]);

/** All single-entry variants of every family, then random multi-entry combinations (distinct keys). */
export function generateConditionVariants(seed: number, combinations: number): ConditionVariant[] {
    const rng = new Rng(seed);
    const singles = baseEntries(rng);
    const variants: ConditionVariant[] = [];
    const build = (parts: typeof singles): void => {
        const request = new Map<string, RequestValue>();
        const written = new Map<string, string>();
        for (const part of parts) {
            for (const [k, v] of Object.entries(part.alongside)) {
                request.set(k.toLowerCase(), v);
                written.set(k.toLowerCase(), k);
            }
        }
        for (const part of parts) {
            request.set(part.key, part.requestValue);
            written.set(part.key, rng.chance(0.3) ? rng.scrambleCase(part.family.key) : part.family.key);
        }
        const entries = parts.map((p) => p.entry);
        const extraTags = parts.flatMap((p) => p.family.tags ?? []);
        if (entries.length > 1) {
            extraTags.push("combination");
        }
        variants.push({
            id: `conditions#${String(variants.length).padStart(4, "0")}`,
            entries,
            request,
            writtenRequestKeys: written,
            asJsonString: rng.chance(0.3),
            tags: [...tagsFor(entries, request, extraTags), ...expectedTruth(entries, request)],
        });
    };
    for (const single of singles) {
        build([single]);
    }
    // Combinations test the AND of entries; they are drawn only from entries without a known divergence (see
    // DIVERGENT_FEATURES), so that any disagreement on a combination stays unexplained.
    const combinable = singles.filter((s, i) => !(s.family.tags ?? []).length && !variants[i].tags.some((t) => DIVERGENT_FEATURES.has(t)));
    for (let i = 0; i < combinations; i++) {
        const size = 2 + rng.int(2);
        const parts: typeof singles = [];
        const usedKeys = new Set<string>();
        while (parts.length < size) {
            const candidate = rng.pick(combinable);
            // One value per key in a request (keys a family sets alongside its own included).
            const keys = [candidate.key, ...Object.keys(candidate.alongside).map((k) => k.toLowerCase())];
            if (keys.some((k) => usedKeys.has(k))) {
                continue;
            }
            keys.forEach((k) => usedKeys.add(k));
            parts.push(candidate);
        }
        build(parts);
    }
    return variants;
}

export function conditionBlock(entries: readonly EntrySpec[]): Record<string, Record<string, PolicyValue | PolicyValue[]>> {
    const block: Record<string, Record<string, PolicyValue | PolicyValue[]>> = {};
    for (const e of entries) {
        block[e.operator] ??= {};
        block[e.operator][e.writtenKey] = e.singleValueForm ? e.values[0] : [...e.values];
    }
    return block;
}

export function conditionPolicy(entries: readonly EntrySpec[]): object {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::oracle-bucket/*", Condition: conditionBlock(entries) }],
    };
}

function evaluatorAnswer(variant: ConditionVariant, policy: object): string {
    try {
        const document = parsePolicyDocument(variant.asJsonString ? JSON.stringify(policy) : policy);
        const keys = new Map<string, readonly string[] | null>();
        for (const [key, value] of variant.request) {
            keys.set(key, value === null ? null : Array.isArray(value) ? value : [value]);
        }
        const username = variant.request.get("aws:username");
        const variables = typeof username === "string" ? new Map([["aws:username", username]]) : undefined;
        return evaluateConditions(document.statements[0].conditions, { keys, variables });
    } catch (err) {
        return `throws ${(err as Error).name}: ${(err as Error).message}`;
    }
}

export async function compareConditionVariant(variant: ConditionVariant): Promise<Comparison> {
    const policy = conditionPolicy(variant.entries);
    const evaluator = evaluatorAnswer(variant, policy);
    const context: Record<string, string | string[]> = {};
    for (const [key, value] of variant.request) {
        if (value !== null) {
            context[variant.writtenRequestKeys.get(key) ?? key] = MULTIVALUED.has(key) ? [value].flat() : value;
        }
    }
    const result = await simulate({
        principal: USER_ARN,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::oracle-bucket/report.csv",
        context,
        identityPolicies: [policy],
    });
    const oracle = result === "Allowed" ? "true" : result === "ImplicitlyDenied" ? "false" : result;
    return {
        category: "conditions",
        id: variant.id,
        input: JSON.stringify({ Condition: conditionBlock(variant.entries), request: context, jsonString: variant.asJsonString }),
        evaluator,
        oracle,
        agree: evaluator === oracle,
        tags: new Set(variant.tags),
    };
}
