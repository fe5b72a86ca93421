/**
 * The rules by which IAM refuses a policy document (`MalformedPolicyDocument` at `pulumi up`), checked on the decoded
 * JSON before it is read: the elements of the grammar and nothing else, a Version IAM knows, statement ids of letters
 * and digits that are unique, actions and condition keys with a service prefix, the characters the IAM API accepts,
 * and where a principal is required or forbidden. A document that breaks one of them is never created, so it
 * denies nothing, whatever it says.
 */

/** Identity policies (managed, inline, permissions boundaries) name no principal; trust policies name no resource. */
export type DocumentKind = "identity" | "trust";

export const POLICY_VERSIONS: readonly string[] = ["2012-10-17", "2008-10-17"];

const DOCUMENT_ELEMENTS = ["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

/** The characters the IAM API accepts in a policy document: tab, line feed, carriage return, U+0020–U+00FF. */
const OUTSIDE_ACCEPTED_CHARACTERS = /[^\t\n\r\u0020-\u00ff]/;

export class GrammarViolation extends Error {
    constructor(reason: string) {
        super(reason);
        this.name = "GrammarViolation";
    }
}

function quoteList(names: readonly string[]): string {
    return names.join(", ");
}

/** An element that is not part of the grammar (element names are case-sensitive: `statement` is not `Statement`). */
function unknownElement(object: Record<string, unknown>, allowed: readonly string[], where: string): void {
    for (const key of Object.keys(object)) {
        if (allowed.includes(key)) {
            continue;
        }
        const nearMiss = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
        if (nearMiss !== undefined) {
            throw new GrammarViolation(`${where} has "${key}" where IAM requires "${nearMiss}"`);
        }
        throw new GrammarViolation(`${where} has the element ${JSON.stringify(key)}, which IAM's policy grammar does not have (it has ${quoteList(allowed)})`);
    }
}

export function checkCharacters(text: string): void {
    const found = OUTSIDE_ACCEPTED_CHARACTERS.exec(text);
    if (found) {
        const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
        throw new GrammarViolation(
            `it holds the character U+${code} (${JSON.stringify(found[0])}), but the IAM API accepts only tab, line feed, carriage return and U+0020–U+00FF in a policy document`,
        );
    }
}

export function checkDocumentElements(document: Record<string, unknown>): void {
    unknownElement(document, DOCUMENT_ELEMENTS, "the document");
    if ("Version" in document) {
        const version = document.Version;
        if (typeof version !== "string" || !POLICY_VERSIONS.includes(version)) {
            throw new GrammarViolation(`it has Version ${JSON.stringify(version)}; IAM accepts only "2012-10-17" or "2008-10-17"`);
        }
    }
    if ("Id" in document && typeof document.Id !== "string") {
        throw new GrammarViolation(`its Id must be a string, found ${JSON.stringify(document.Id)}`);
    }
}

export function checkStatementElements(statement: Record<string, unknown>, where: string, kind: DocumentKind, sids: Set<string>): void {
    unknownElement(statement, STATEMENT_ELEMENTS, where);
    if ("Sid" in statement) {
        const sid = statement.Sid;
        if (typeof sid !== "string" || !/^[0-9A-Za-z]*$/.test(sid)) {
            throw new GrammarViolation(`${where} has Sid ${JSON.stringify(sid)}; IAM requires a statement id of letters and digits ([0-9A-Za-z]*)`);
        }
        if (sid !== "" && sids.has(sid)) {
            throw new GrammarViolation(`${where} repeats Sid "${sid}"; IAM requires the statement ids of a policy to be unique`);
        }
        sids.add(sid);
    }
    const has = (name: string) => name in statement;
    if (kind === "identity" && (has("Principal") || has("NotPrincipal"))) {
        throw new GrammarViolation(`${where} has ${has("Principal") ? "Principal" : "NotPrincipal"}; IAM refuses an identity policy that specifies a principal`);
    }
    if (kind === "identity" && !has("Resource") && !has("NotResource")) {
        throw new GrammarViolation(`${where} has neither Resource nor NotResource; IAM requires every statement of an identity policy to name its resources`);
    }
    if (kind === "trust" && !has("Principal") && !has("NotPrincipal")) {
        throw new GrammarViolation(`${where} has no Principal; IAM requires every statement of a trust policy to name one`);
    }
    if (kind === "trust" && (has("Resource") || has("NotResource"))) {
        throw new GrammarViolation(`${where} has ${has("Resource") ? "Resource" : "NotResource"}; IAM refuses it in a trust policy`);
    }
}

/** `service:Action` with one colon, or `*`: IAM requires the service prefix ("Actions must be prefaced by a vendor"). */
export function checkActionName(action: string, where: string): void {
    if (action === "*") {
        return;
    }
    const colons = action.split(":").length - 1;
    if (colons === 0 || action.startsWith(":")) {
        throw new GrammarViolation(`${where} has ${JSON.stringify(action)} without a service prefix; IAM requires actions to be prefaced by a service, e.g. "iam:${action.replace(/^:/, "")}"`);
    }
    if (colons > 1) {
        throw new GrammarViolation(`${where} has ${JSON.stringify(action)}; IAM allows only one colon in an action`);
    }
}

/** Condition keys carry a service prefix too (`aws:MultiFactorAuthPresent`, not `MultiFactorAuthPresent`). */
export function checkConditionKey(key: string, where: string): void {
    if (!/^[^:]+:./.test(key)) {
        throw new GrammarViolation(`${where} has the condition key ${JSON.stringify(key)} without a service prefix; IAM requires one, e.g. "aws:${key}"`);
    }
}
