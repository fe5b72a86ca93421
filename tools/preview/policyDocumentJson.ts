/**
 * Merging documents and writing them as the AWS provider does: later Ids and higher Versions win, a statement with a
 * Sid replaces the earlier one; principals grouped per type in reverse order, conditions per operator and key, one
 * value as a string; Go's omitempty and its JSON escaping.
 */
import { Condition, Document, Principal, Strings } from "./policyDocumentModel";

/** The later document's Id and higher Version win; a statement with a Sid replaces the earlier one of that Sid. */
export function merge(into: Document, from: Document): void {
    if (from.Id) {
        into.Id = from.Id;
    }
    if (from.Version > into.Version) {
        into.Version = from.Version;
    }
    for (const statement of from.Statement) {
        const at = statement.Sid ? into.Statement.findIndex((s) => s.Sid === statement.Sid) : -1;
        if (at >= 0) {
            into.Statement[at] = statement;
        } else {
            into.Statement.push(statement);
        }
    }
}

function sortedObject<T>(entries: [string, T][]): Record<string, T> {
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function principalJson(principals: Principal[] | undefined): unknown {
    if (!principals || principals.length === 0) {
        return undefined;
    }
    if (principals.length === 1 && principals[0].type === "*") {
        const ids = principals[0].identifiers;
        if (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*")) {
            return "*";
        }
    }
    const byType = new Map<string, Strings>();
    for (const { type, identifiers } of principals) {
        const existing = byType.get(type);
        if (typeof identifiers === "string") {
            byType.set(type, existing === undefined ? identifiers : [...(typeof existing === "string" ? [existing] : existing), identifiers]);
        } else {
            const sorted = [...identifiers].sort().reverse();
            byType.set(type, [...(existing === undefined ? [] : typeof existing === "string" ? [existing] : existing), ...sorted]);
        }
    }
    return sortedObject([...byType.entries()]);
}

function conditionJson(conditions: Condition[] | undefined): unknown {
    if (!conditions || conditions.length === 0) {
        return undefined;
    }
    const tests = new Map<string, Map<string, string[]>>();
    for (const { test, variable, values } of conditions) {
        const variables = tests.get(test) ?? new Map<string, string[]>();
        variables.set(variable, [...(variables.get(variable) ?? []), ...(typeof values === "string" ? [values] : values)]);
        tests.set(test, variables);
    }
    return sortedObject(
        [...tests.entries()].map(([test, variables]) => [
            test,
            sortedObject([...variables.entries()].map(([variable, values]) => [variable, values.length === 1 ? values[0] : values])),
        ]),
    );
}

export function documentJson(doc: Document): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (doc.Version) {
        out.Version = doc.Version;
    }
    if (doc.Id) {
        out.Id = doc.Id;
    }
    if (doc.Statement.length > 0) {
        out.Statement = doc.Statement.map((s) => {
            const statement: Record<string, unknown> = {
                Sid: s.Sid,
                Effect: s.Effect,
                Action: s.Action,
                NotAction: s.NotAction,
                Resource: s.Resource,
                NotResource: s.NotResource,
                Principal: principalJson(s.Principal),
                NotPrincipal: principalJson(s.NotPrincipal),
                Condition: conditionJson(s.Condition),
            };
            // Go's omitempty: an empty Sid or Effect, and a nil value, are left out ([] and "" are kept).
            return Object.fromEntries(Object.entries(statement).filter(([k, v]) => v !== undefined && v !== null && !(v === "" && (k === "Sid" || k === "Effect"))));
        });
    }
    return out;
}

/** JSON as Go's encoder writes it: HTML characters and line separators escaped. */
export function goJson(value: unknown, indent?: number): string {
    return JSON.stringify(value, null, indent)
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026")
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}
