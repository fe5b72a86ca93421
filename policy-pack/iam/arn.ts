/**
 * Matching of Resource patterns against concrete ARNs. The account and partition of a stack are not known to the
 * pack, so an explicit 12-digit account in a pattern is taken to be the stack's own account, and an explicit
 * partition (`aws`, `aws-cn`, `aws-us-gov`, ...) the stack's own partition.
 */
import { substituteVariables } from "./conditions";
import { compilePattern, GlobMatcher, matchesEverything } from "./wildcard";

export type Match = "yes" | "no" | "maybe";

/** An explicit partition name: the commercial one and the others (China, GovCloud, ISO, EU sovereign). */
const PARTITION = /^aws(-[a-z]+)*$/;

function splitArn(text: string): string[] | undefined {
    const parts = text.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return undefined;
    }
    return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

export function arnMatches(pattern: string, arn: string, variables?: ReadonlyMap<string, string>, variablesLiteral = false): Match {
    if (matchesEverything(pattern)) {
        return "yes";
    }
    // Variables first (their names hold a colon), `${*}` `${?}` `${$}` kept for the pattern of each part.
    const resolved = substituteVariables(pattern, variables, variablesLiteral, true);
    if (resolved === undefined) {
        return "maybe";
    }
    const matches = (part: string, value: string) => (compilePattern(part, { caseInsensitive: false, variablesLiteral }) as GlobMatcher).test(value);
    const patternParts = splitArn(resolved);
    const arnParts = splitArn(arn);
    if (!patternParts || !arnParts) {
        return matches(resolved, arn) ? "yes" : "no";
    }
    for (let i = 0; i < 6; i++) {
        if ((i === 4 && /^\d{12}$/.test(patternParts[4])) || (i === 1 && PARTITION.test(patternParts[1]))) {
            continue;
        }
        if (!matches(patternParts[i], arnParts[i])) {
            return "no";
        }
    }
    return "yes";
}

/** Whether a statement's Resource / NotResource selects the ARN. */
export function statementSelectsResource(
    statement: { resources?: readonly string[]; notResources?: readonly string[]; variablesLiteral?: boolean },
    arn: string,
    variables?: ReadonlyMap<string, string>,
): Match {
    const patterns = statement.resources ?? statement.notResources;
    if (!patterns) {
        return "no";
    }
    const results = patterns.map((p) => arnMatches(p, arn, variables, statement.variablesLiteral));
    const any: Match = results.includes("yes") ? "yes" : results.includes("maybe") ? "maybe" : "no";
    if (statement.resources) {
        return any;
    }
    return any === "yes" ? "no" : any === "maybe" ? "maybe" : "yes";
}

/** True when the statement applies to every resource: its Resource list has a pattern that matches anything. */
export function coversEveryResource(statement: { resources?: readonly string[] }): boolean {
    return (statement.resources ?? []).some(matchesEverything);
}

/**
 * True when the pattern matches every ARN (`arn:*`, `arn:aws:*`, `arn:aws-us-gov:*:*:*:*`) but not the bare `*` that
 * actions without a resource type are authorized against.
 */
export function matchesEveryArn(pattern: string): boolean {
    const segments = pattern.split(":");
    return (
        segments[0] === "arn" &&
        segments.length >= 2 &&
        segments.slice(1).every((segment, i) => segment === "*" || (i === 0 && PARTITION.test(segment))) &&
        segments[segments.length - 1] === "*"
    );
}
