/**
 * IAM wildcard matching: `*` is any run of characters, `?` exactly one. Actions compare case-insensitively,
 * ARNs case-sensitively (as IAM does).
 */
const compiled = new Map<string, RegExp>();

export function wildcardRegExp(pattern: string, caseInsensitive: boolean): RegExp {
    const cacheKey = (caseInsensitive ? "i:" : "s:") + pattern;
    let regExp = compiled.get(cacheKey);
    if (!regExp) {
        const body = pattern
            .split("")
            .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
            .join("");
        regExp = new RegExp(`^${body}$`, caseInsensitive ? "is" : "s");
        compiled.set(cacheKey, regExp);
    }
    return regExp;
}

export function matchesWildcard(pattern: string, value: string, caseInsensitive: boolean): boolean {
    if (pattern === "*") {
        return true;
    }
    if (!pattern.includes("*") && !pattern.includes("?")) {
        return caseInsensitive ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
    }
    return wildcardRegExp(pattern, caseInsensitive).test(value);
}

/** True when the pattern matches every string: it consists of wildcards only and has at least one `*`. */
export function matchesEverything(pattern: string): boolean {
    return /^[*]+$/.test(pattern);
}

/** IAM action matching: `service:Action` patterns, case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
    return matchesWildcard(pattern, action, true);
}
