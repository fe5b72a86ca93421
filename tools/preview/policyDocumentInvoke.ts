/**
 * `aws.iam.getPolicyDocument`, computed offline as the AWS provider computes it (the Terraform data source
 * `aws_iam_policy_document` the Pulumi provider bridges): source documents merged in order (a Sid may not repeat
 * across them), then the document built from `statements`, then override documents, each statement with a Sid
 * replacing the earlier one of that Sid. Sets (actions, resources, principals' identifiers) are de-duplicated and
 * written in reverse lexical order, a one-element set as a plain string; condition values keep their order; `&{`
 * becomes `${` (an error in version 2008-10-17); JSON as Go writes it (`<`, `>`, `&` escaped), indented for `json`
 * and minified for `minifiedJson`; the id is the CRC-32 of `json`. Pure: no provider, no account.
 */
import { crc32 } from "zlib";
import { documentJson, goJson, merge } from "./policyDocumentJson";
import { Condition, Document, fail, Principal, Statement, Strings } from "./policyDocumentModel";
import { decodedDocument } from "./policyDocumentSource";

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

const VERSIONS = ["2008-10-17", "2012-10-17"];


function stringsOf(value: unknown, what: string): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        fail(`${what} must be a list of strings, got ${JSON.stringify(value)}`);
    }
    return value as string[];
}

/** A set of strings as the provider writes it: one element as a string, else de-duplicated in reverse order. */
function fromSet(values: string[]): Strings {
    const unique = [...new Set(values)];
    return unique.length === 1 ? unique[0] : unique.sort().reverse();
}

function replaceVars(value: Strings, version: string): Strings {
    const one = (text: string) => {
        if (version === "2008-10-17" && text.includes("&{")) {
            fail(`found &{ sequence in (${text}), which is not supported in document version 2008-10-17`);
        }
        return text.split("&{").join("${");
    };
    return typeof value === "string" ? one(value) : value.map(one);
}

function principalsOf(value: unknown, version: string, what: string): Principal[] | undefined {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
        return undefined;
    }
    if (!Array.isArray(value)) {
        fail(`${what} must be a list of {type, identifiers}`);
    }
    return value.map((p: Record<string, unknown>, i) => {
        if (typeof p?.type !== "string") {
            fail(`${what}[${i}].type is required`);
        }
        return { type: p.type, identifiers: replaceVars(fromSet(stringsOf(p.identifiers, `${what}[${i}].identifiers`)), version) };
    });
}

function conditionsOf(value: unknown, version: string, what: string): Condition[] | undefined {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
        return undefined;
    }
    if (!Array.isArray(value)) {
        fail(`${what} must be a list of {test, variable, values}`);
    }
    return value.map((c: Record<string, unknown>, i) => {
        if (typeof c?.test !== "string" || typeof c?.variable !== "string" || c.values === undefined) {
            fail(`${what}[${i}] needs test, variable and values`);
        }
        const values = replaceVars(stringsOf(c.values, `${what}[${i}].values`), version) as string[];
        return { test: c.test, variable: c.variable, values: values.length === 1 ? values[0] : values };
    });
}

function statementOf(input: Record<string, unknown>, i: number, version: string): Statement {
    const what = `statements[${i}]`;
    const effect = input.effect ?? "Allow";
    if (effect !== "Allow" && effect !== "Deny") {
        fail(`${what}.effect must be "Allow" or "Deny", got ${JSON.stringify(effect)}`);
    }
    const sid = input.sid ?? "";
    if (typeof sid !== "string" || !/^[a-zA-Z0-9]*$/.test(sid)) {
        fail(`${what}.sid must only include alphanumeric characters, got ${JSON.stringify(sid)}`);
    }
    const set = (key: string, vars: boolean) => {
        const values = stringsOf(input[key], `${what}.${key}`);
        return values.length === 0 ? undefined : vars ? replaceVars(fromSet(values), version) : fromSet(values);
    };
    return {
        Sid: sid,
        Effect: effect,
        Action: set("actions", false),
        NotAction: set("notActions", false),
        Resource: set("resources", true),
        NotResource: set("notResources", true),
        Principal: principalsOf(input.principals, version, `${what}.principals`),
        NotPrincipal: principalsOf(input.notPrincipals, version, `${what}.notPrincipals`),
        Condition: conditionsOf(input.conditions, version, `${what}.conditions`),
    };
}

/** The invoke's result for its inputs (the SDK's names: statements, sourcePolicyDocuments, ...). */
export function policyDocumentResult(inputs: Record<string, unknown>): Record<string, unknown> {
    const version = inputs.version ?? "2012-10-17";
    if (typeof version !== "string" || !VERSIONS.includes(version)) {
        fail(`version must be one of ${VERSIONS.join(", ")}, got ${JSON.stringify(version)}`);
    }
    for (const deprecated of ["sourceJson", "overrideJson"]) {
        if (!isEmpty(inputs[deprecated])) {
            fail(`${deprecated} is no longer supported; use ${deprecated === "sourceJson" ? "sourcePolicyDocuments" : "overridePolicyDocuments"}`);
        }
    }
    const merged: Document = { Version: "", Id: "", Statement: [] };
    const sids = new Set<string>();
    stringsOf(inputs.sourcePolicyDocuments, "sourcePolicyDocuments").forEach((text, index) => {
        const source = decodedDocument(text, `source document ${index}`);
        source.Statement.forEach((s, i) => {
            if (s.Sid && sids.has(s.Sid)) {
                fail(`merging source document ${index}: duplicate Sid (${s.Sid}) in source_policy_documents (statement ${i}). Remove the Sid or ensure Sids are unique.`);
            }
            if (s.Sid) {
                sids.add(s.Sid);
            }
        });
        merge(merged, source);
    });
    const statements = inputs.statements ?? [];
    if (!Array.isArray(statements)) {
        fail("statements must be a list");
    }
    const own = new Set<string>();
    const doc: Document = {
        Version: version,
        Id: typeof inputs.policyId === "string" ? inputs.policyId : "",
        Statement: statements.map((s: Record<string, unknown>, i) => {
            const statement = statementOf(s ?? {}, i, version);
            if (statement.Sid && own.has(statement.Sid)) {
                fail(`duplicate Sid (${statement.Sid}). Remove the Sid or ensure the Sid is unique.`);
            }
            own.add(statement.Sid ?? "");
            return statement;
        }),
    };
    merge(merged, doc);
    stringsOf(inputs.overridePolicyDocuments, "overridePolicyDocuments").forEach((text, index) => merge(merged, decodedDocument(text, `override document ${index}`)));
    const json = goJson(documentJson(merged), 2);
    return { ...inputs, version, id: String(crc32(json)), json, minifiedJson: goJson(documentJson(merged)) };
}
