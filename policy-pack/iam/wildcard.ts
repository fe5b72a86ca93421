/**
 * IAM wildcard matching, without backtracking: `*` is any run of characters, `?` exactly one. Actions compare
 * case-insensitively, ARNs, principals and StringLike values case-sensitively (as IAM does); case folding is ASCII
 * only.
 *
 * A pattern is compiled once into the segments between its `*`s (see globSegments.ts); a text matches when the first
 * segment is its prefix, the last its suffix, and the others occur in order in between — found greedily leftmost,
 * which never needs to go back. Bound: O(m) to compile a pattern of m characters; O(n) to test a text of n
 * characters when no segment mixes `?` with literals, and O(n · ⌈k / 32⌉) when one does (k: the longest such
 * segment). No pattern makes a test slower than that, whatever its stars.
 *
 * compilePattern reads a policy string: `${*}`, `${?}` and `${$}` are the literal characters `*`, `?`, `$`; a policy
 * variable (`${aws:username}`) is replaced by its value as literal text, or leaves the pattern unresolved when the
 * request does not give it one; with `variablesLiteral` (documents of Version 2008-10-17 or without a Version, where
 * IAM has no policy variables) `${...}` is plain text.
 */
import { ANY_ONE, foldAscii, Segment, segment } from "./globSegments";

export interface PatternOptions {
    /** Actions: true. ARNs, principals, StringLike values: false. */
    readonly caseInsensitive: boolean;
    /** Values of policy variables by lower-cased name (`aws:username`); a variable not here leaves the pattern unresolved. */
    readonly variables?: ReadonlyMap<string, string>;
    /** IAM reads no policy variables in this document (Version 2008-10-17 or none): `${...}` is plain text. */
    readonly variablesLiteral?: boolean;
}

export interface GlobMatcher {
    readonly kind: "glob";
    /** Only `*`s (at least one): matches every string. */
    readonly matchesEverything: boolean;
    /** No `*` nor `?`: matches one string only. */
    readonly isLiteral: boolean;
    test(value: string): boolean;
}

/** A pattern naming a policy variable the request gives no value: whether it matches depends on that value. */
export interface UnresolvedPattern {
    readonly kind: "unresolved";
    /** The variable as written inside `${}`. */
    readonly variable: string;
}

export type CompiledPattern = GlobMatcher | UnresolvedPattern;

const STAR = -2;

function glob(codes: readonly number[], fold: boolean): GlobMatcher {
    let current: number[] = [];
    const parts: number[][] = [];
    for (const code of codes) {
        if (code === STAR) {
            parts.push(current);
            current = [];
        } else {
            current.push(fold && code !== ANY_ONE ? foldAscii(code) : code);
        }
    }
    parts.push(current);
    const segments: Segment[] = parts.map((p) => segment(Int32Array.from(p)));
    const hasStar = segments.length > 1;
    const minLength = parts.reduce((sum, p) => sum + p.length, 0);
    const first = segments[0];
    const last = segments[segments.length - 1];
    const middle = segments.slice(1, -1);
    const matchesEverything = hasStar && minLength === 0;
    return {
        kind: "glob",
        matchesEverything,
        isLiteral: !hasStar && !codes.includes(ANY_ONE),
        test(value: string): boolean {
            const n = value.length;
            if (!hasStar) {
                return n === minLength && first.matchesAt(value, 0, fold);
            }
            if (matchesEverything) {
                return true;
            }
            if (n < minLength || !first.matchesAt(value, 0, fold) || !last.matchesAt(value, n - last.codes.length, fold)) {
                return false;
            }
            let position = first.codes.length;
            const end = n - last.codes.length;
            for (const s of middle) {
                const at = s.find(value, position, end, fold);
                if (at < 0) {
                    return false;
                }
                position = at + s.codes.length;
            }
            return true;
        },
    };
}

function pushText(codes: number[], text: string): void {
    for (let i = 0; i < text.length; i++) {
        codes.push(text.charCodeAt(i));
    }
}

/** Compiles a policy string into a matcher; see the module comment for `${...}`. */
export function compilePattern(text: string, options: PatternOptions): CompiledPattern {
    // Without `${`, variables and their reading cannot change the pattern: compiled once per call.
    if (!text.includes("${")) {
        return plain(text, options.caseInsensitive);
    }
    const codes: number[] = [];
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (ch === "$" && text[i + 1] === "{" && !options.variablesLiteral) {
            const close = text.indexOf("}", i + 2);
            if (close >= 0) {
                const inner = text.slice(i + 2, close).trim();
                if (inner === "*" || inner === "?" || inner === "$") {
                    codes.push(inner.charCodeAt(0));
                } else {
                    // `${name, 'default'}`: the default applies when the key is absent, which an unknown value is not.
                    const value = options.variables?.get(inner.split(",")[0].trim().toLowerCase());
                    if (value === undefined) {
                        return { kind: "unresolved", variable: inner };
                    }
                    pushText(codes, value);
                }
                i = close;
                continue;
            }
        }
        codes.push(ch === "*" ? STAR : ch === "?" ? ANY_ONE : text.charCodeAt(i));
    }
    return glob(codes, options.caseInsensitive);
}

/**
 * Compiled matchers of plain wildcard strings (`*` and `?` only, no `${...}` reading), kept for the AnalyzeStack or
 * Analyze call under way and emptied after it (see clearPatternCache), so the cache never grows with the account.
 */
const MAX_CACHED = 20_000;
const cache = new Map<string, GlobMatcher>();

function plain(pattern: string, caseInsensitive: boolean): GlobMatcher {
    const key = (caseInsensitive ? "i:" : "s:") + pattern;
    let matcher = cache.get(key);
    if (!matcher) {
        const codes: number[] = [];
        for (let i = 0; i < pattern.length; i++) {
            const ch = pattern[i];
            codes.push(ch === "*" ? STAR : ch === "?" ? ANY_ONE : pattern.charCodeAt(i));
        }
        matcher = glob(codes, caseInsensitive);
        if (cache.size >= MAX_CACHED) {
            cache.clear();
        }
        cache.set(key, matcher);
    }
    return matcher;
}

/** Empties the matcher cache: called when a call to the pack ends. */
export function clearPatternCache(): void {
    cache.clear();
}

/** Whether `value` matches `pattern`, where `*` and `?` are wildcards and every other character is literal. */
export function matchesWildcard(pattern: string, value: string, caseInsensitive: boolean): boolean {
    if (pattern === "*") {
        return true;
    }
    return plain(pattern, caseInsensitive).test(value);
}

/** True when the pattern matches every string: it consists of `*`s only. */
export function matchesEverything(pattern: string): boolean {
    return /^[*]+$/.test(pattern);
}

/** IAM action matching: `service:Action` patterns, case-insensitive (ASCII). */
export function actionMatches(pattern: string, action: string): boolean {
    return matchesWildcard(pattern, action, true);
}

/** ASCII-only lower case, as IAM compares names and actions (`toLowerCase` would turn `\u212A` into `k`). */
export function asciiLowerCase(text: string): string {
    // Most names are lower case already: then the very string is returned, nothing is allocated.
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if ((code >= 65 && code <= 90) || code > 127) {
            return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
        }
    }
    return text;
}
