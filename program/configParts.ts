/**
 * Building blocks of the stack config's one schema (zod). Each capability folder describes its keys with them (a
 * ConfigPart); stackConfig.ts composes the parts. Every broken rule is one problem, `<key path>: <rule>, got <value>`,
 * and all problems are reported together.
 */
import { z } from "zod";

/** The error of a broken rule: the rule, then the value as written. */
export function broken(rule: string) {
    return { error: (issue: { input?: unknown }) => `${rule}, got ${JSON.stringify(issue.input)}` };
}

/** A string matching `pattern`. */
export function text(pattern: RegExp, rule: string) {
    return z.string(broken(rule)).regex(pattern, broken(rule));
}

/** A switch. */
export function flag(fallback: boolean) {
    return z.boolean(broken("must be true or false")).default(fallback);
}

export function integer(min: number, max: number) {
    const rule = broken(`must be an integer from ${min} to ${max}`);
    return z.int(rule).min(min, rule).max(max, rule);
}

/** A list; a value that is not one is refused with `rule`. */
export function list<T extends z.ZodType>(item: T, rule = "must be a list") {
    return z.array(item, broken(rule));
}

function isStringMap(map: Record<string, unknown>): map is Record<string, string> {
    return Object.values(map).every((value) => typeof value === "string");
}

/** Tags: tag names to string values, judged as a whole. */
export function tagMap() {
    const rule = broken("must be a map of tag names to string values");
    return z.record(z.string(), z.unknown(), rule).refine(isStringMap, rule);
}

/**
 * An object of exactly these keys: each unknown key is one problem naming the keys allowed. `what` describes the
 * object in the message for a value that is not one (default: the list of its keys).
 */
export function section<S extends z.ZodRawShape>(shape: S, what = `an object with the keys ${Object.keys(shape).join(", ")}`) {
    const allowed = Object.keys(shape).join(", ");
    return z.strictObject(shape, {
        error: (issue) => (issue.code === "unrecognized_keys" ? `unknown key (allowed: ${allowed})` : `must be ${what}, got ${JSON.stringify(issue.input)}`),
    });
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export type KeyPath = readonly (string | number)[];

/** A problem a rule across keys finds in the config as written. */
export interface InputProblem {
    readonly path: KeyPath;
    readonly message: string;
    /** The key only configures what a switch leaves out: reported as unused, not also for its format. */
    readonly unused?: boolean;
}

/**
 * A rule across keys, judged on the config as written (before defaults), where "was this key given" and "is that
 * switch well-formed" can still be told: "required while ...", "only used with ...".
 */
export type InputRule = (input: Readonly<Record<string, unknown>>) => InputProblem[];

/** A capability's part of the stack config: its top-level keys and its rules across keys. */
export interface ConfigPart<S extends z.ZodRawShape> {
    readonly keys: S;
    readonly rules: readonly InputRule[];
}

export function configPart<S extends z.ZodRawShape>(keys: S, ...rules: InputRule[]): ConfigPart<S> {
    return { keys, rules };
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The keys of every part in one shape; two parts claiming one key is a programming error. */
export function mergeKeys<P extends readonly ConfigPart<z.ZodRawShape>[]>(parts: P): UnionToIntersection<P[number]["keys"]> {
    const keys: Record<string, z.core.$ZodType> = {};
    for (const part of parts) {
        for (const [key, schema] of Object.entries(part.keys)) {
            if (key in keys) {
                throw new Error(`stack config: the key ${key} is claimed by two capabilities`);
            }
            keys[key] = schema;
        }
    }
    return keys as UnionToIntersection<P[number]["keys"]>;
}

/** `detection.alarmEmails[1]`. */
export function keyPath(path: KeyPath): string {
    return path.map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join("");
}

/**
 * One line per problem: zod's issues (an unknown-keys issue becomes one line per key) and the problems of the rules
 * across keys. A key reported as unused is not also reported for its format; a rule broken twice at one key (an
 * integer both fractional and out of range) is said once.
 */
export function problemLines(issues: readonly z.core.$ZodIssue[], inputProblems: readonly InputProblem[]): string[] {
    const unused = inputProblems.filter((p) => p.unused).map((p) => keyPath(p.path));
    const lines: string[] = [];
    for (const issue of issues) {
        const where = keyPath(issue.path as KeyPath);
        if (unused.some((key) => where === key || where.startsWith(`${key}.`) || where.startsWith(`${key}[`))) {
            continue;
        }
        if (issue.code === "unrecognized_keys") {
            issue.keys.forEach((key) => lines.push(`${keyPath([...(issue.path as KeyPath), key])}: ${issue.message}`));
        } else {
            lines.push(where === "" ? issue.message : `${where}: ${issue.message}`);
        }
    }
    lines.push(...inputProblems.map((p) => `${keyPath(p.path)}: ${p.message}`));
    return [...new Set(lines)];
}
