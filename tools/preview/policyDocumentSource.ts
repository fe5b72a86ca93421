/**
 * A source or override document (JSON text) decoded as the AWS provider decodes it into its model: fields found as
 * Go finds struct fields (exact, else case-insensitively), `"Principal": "*"` read as `{"*": ["*"]}`, condition
 * values that are numbers or nulls dropped, booleans read as text.
 */
import { Condition, Document, fail, Principal, Statement } from "./policyDocumentModel";

/** A key of a JSON object as Go's decoder finds a struct field: exact, else case-insensitive. */
function field(object: Record<string, unknown>, name: string): unknown {
    if (name in object) {
        return object[name];
    }
    const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : object[key];
}

/** A source or override document's principals, as the provider decodes them (`"*"` is `{"*": ["*"]}`). */
function decodedPrincipals(value: unknown, what: string): Principal[] | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value === "string") {
        return [{ type: "*", identifiers: ["*"] }];
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        fail(`${what}: a Principal must be a string or an object`);
    }
    return Object.entries(value as Record<string, unknown>).map(([type, ids]) => {
        if (typeof ids === "string") {
            return { type, identifiers: ids };
        }
        if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) {
            fail(`${what}: the identifiers of principal type "${type}" must be strings`);
        }
        return { type, identifiers: [...(ids as string[])].sort() };
    });
}

/** A source or override document's conditions, as the provider decodes them: numbers and nulls are dropped. */
function decodedConditions(value: unknown, what: string): Condition[] | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        fail(`${what}: a Condition must be an object`);
    }
    const conditions: Condition[] = [];
    for (const [test, variables] of Object.entries(value as Record<string, unknown>)) {
        if (typeof variables !== "object" || variables === null || Array.isArray(variables)) {
            fail(`${what}: condition "${test}" must map keys to values`);
        }
        for (const [variable, values] of Object.entries(variables as Record<string, unknown>)) {
            if (typeof values === "string") {
                conditions.push({ test, variable, values: [values] });
            } else if (typeof values === "boolean") {
                conditions.push({ test, variable, values: String(values) });
            } else if (Array.isArray(values)) {
                if (values.some((v) => typeof v !== "string")) {
                    fail(`${what}: the values of ${test} ${variable} must be strings`);
                }
                conditions.push({ test, variable, values: values as string[] });
            }
        }
    }
    return conditions;
}

export function decodedDocument(text: unknown, what: string): Document {
    let parsed: unknown;
    try {
        parsed = JSON.parse(String(text));
    } catch (err) {
        fail(`${what} is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        fail(`${what} must be a JSON object`);
    }
    const doc = parsed as Record<string, unknown>;
    const statements = field(doc, "Statement") ?? [];
    if (!Array.isArray(statements)) {
        fail(`${what}: Statement must be a list`);
    }
    return {
        Version: typeof field(doc, "Version") === "string" ? (field(doc, "Version") as string) : "",
        Id: typeof field(doc, "Id") === "string" ? (field(doc, "Id") as string) : "",
        Statement: statements.map((s: unknown, i) => {
            if (typeof s !== "object" || s === null || Array.isArray(s)) {
                fail(`${what} statement ${i} must be an object`);
            }
            return statementOf(s as Record<string, unknown>, `${what} statement ${i}`);
        }),
    };
}

/** One statement of the list, its fields found as Go finds them. */
function statementOf(s: Record<string, unknown>, what: string): Statement {
    return {
        Sid: typeof field(s, "Sid") === "string" ? (field(s, "Sid") as string) : "",
        Effect: typeof field(s, "Effect") === "string" ? (field(s, "Effect") as string) : "",
        Action: field(s, "Action"),
        NotAction: field(s, "NotAction"),
        Resource: field(s, "Resource"),
        NotResource: field(s, "NotResource"),
        Principal: decodedPrincipals(field(s, "Principal"), what),
        NotPrincipal: decodedPrincipals(field(s, "NotPrincipal"), what),
        Condition: decodedConditions(field(s, "Condition"), what),
    };
}
