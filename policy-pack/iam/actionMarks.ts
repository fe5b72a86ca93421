/**
 * Which catalog actions statements select, computed once per statement (and per set of documents for what they allow
 * somewhere): documents are shared by every principal they reach. Marks returned here are shared: never write into them.
 */
import { ActionCatalog } from "./actionCatalog";
import { NamedDocument } from "./mfaDenyResult";
import { documentId, Statement } from "./policyDocument";

/** Statements are shared by every principal their document reaches: their marks are computed once (per catalog). */
const marksOf = new WeakMap<Statement, { readonly catalog: ActionCatalog; readonly marks: Uint8Array }>();

/** 1 for each catalog action the statement's Action / NotAction selects (shared: never write into it). */
export function actionMarks(catalog: ActionCatalog, statement: Statement): Uint8Array {
    const known = marksOf.get(statement);
    if (known?.catalog === catalog) {
        return known.marks;
    }
    const marks = computeActionMarks(catalog, statement);
    marksOf.set(statement, { catalog, marks });
    return marks;
}

function computeActionMarks(catalog: ActionCatalog, statement: Statement): Uint8Array {
    const marks = new Uint8Array(catalog.size);
    if (statement.actions) {
        statement.actions.forEach((p) => catalog.markMatches(p, marks));
    } else {
        marks.fill(1);
        const exempt = new Uint8Array(catalog.size);
        (statement.notActions ?? []).forEach((p) => catalog.markMatches(p, exempt));
        for (let i = 0; i < marks.length; i++) {
            marks[i] &= exempt[i] ^ 1;
        }
    }
    return marks;
}

/** allowedSomewhere by the set of documents (principals share sets: their groups'), a few hundred at most. */
const allowedBySet = new Map<string, { readonly catalog: ActionCatalog; readonly marks: Uint8Array }>();
const MAX_SETS = 512;

/** 1 for each catalog action some Allow statement of the documents selects: what a witness's action must be among (shared: never write into it). */
export function allowedSomewhere(catalog: ActionCatalog, documents: readonly NamedDocument[]): Uint8Array {
    const key = documents.map(({ document }) => documentId(document)).join(",");
    const known = allowedBySet.get(key);
    if (known?.catalog === catalog) {
        return known.marks;
    }
    const marks = computeAllowedSomewhere(catalog, documents);
    if (allowedBySet.size >= MAX_SETS) {
        allowedBySet.clear();
    }
    allowedBySet.set(key, { catalog, marks });
    return marks;
}

function computeAllowedSomewhere(catalog: ActionCatalog, documents: readonly NamedDocument[]): Uint8Array {
    const marks = new Uint8Array(catalog.size);
    for (const { document } of documents) {
        for (const statement of document.statements) {
            if (statement.effect === "Allow") {
                const own = actionMarks(catalog, statement);
                for (let i = 0; i < marks.length; i++) {
                    marks[i] |= own[i];
                }
            }
        }
    }
    return marks;
}
