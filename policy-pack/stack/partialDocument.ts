/**
 * A document with values unknown during preview, judged on what is known. Every verdict the pack gives on a document
 * is monotone: an Allow that grants more, or a Deny that denies less, can only let more through. So two readings bound
 * every value the unknowns can take, position by position:
 *
 * - the most permissive: each Allow holding an unknown at its widest, each Deny holding one at its narrowest;
 * - the most restrictive: each Allow holding an unknown at its narrowest, each Deny at its widest.
 *
 * At its widest, an unknown Action, Resource or AWS principal is `*` (or, in a stack, the roles it was computed from),
 * an unknown element of NotAction / NotResource / NotPrincipal exempts nothing, and a condition entry with an unknown
 * value holds. At its narrowest, an unknown element of a list is left out, and a statement whose NotAction,
 * NotResource, NotPrincipal or Condition holds an unknown (or whose list is left empty) applies to nothing. An unknown
 * Effect is an Allow in the permissive reading and a Deny in the restrictive one; an unknown statement is an Allow or
 * a Deny of everything. A Federated or Service principal stays what it is whatever its value: it never names an AWS
 * principal. An unknown Version, Statement list or anything the reading cannot place leaves the document unknown, as a
 * whole. An unknown is taken to be a value AWS accepts where it stands: one it refuses fails `pulumi up` on that
 * document, and the update's own checks judge the value once known.
 *
 * A verdict that is the same in both readings is the verdict for every value; one that differs is left to the update.
 */
import { parsePolicyDocument, PolicyDocument, Statement } from "../iam/policyDocument";
import { DocumentKind } from "../iam/documentGrammar";
import { asciiLowerCase } from "../iam/wildcard";
import { containsUnknown, isUnknown, PartialDocument } from "./knownValues";

type Reading = "permissive" | "restrictive";

export interface PartialReadings {
    readonly permissive: PolicyDocument;
    readonly restrictive: PolicyDocument;
    /** Where the unknowns are, for messages: e.g. `the Principal of statement 2`. */
    readonly unknownAt: readonly string[];
}

/** What a non-AWS principal's unknown value stands for: its type is known, and no value of it names an AWS principal. */
const OTHER_PRINCIPAL = "(unknown until the update)";

/** The document cannot be read in parts: the unknown decides it whole. */
class WholeUnknown extends Error {}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy that keeps every own key, `__proto__` included (the grammar must still see and refuse it). */
function copyOf(object: Raw): Raw {
    const copy: Raw = Object.create(null);
    for (const key of Object.keys(object)) {
        Object.defineProperty(copy, key, { value: object[key], enumerable: true, writable: true, configurable: true });
    }
    return copy;
}

function listOf(value: unknown): unknown[] {
    return isUnknown(value) ? [value] : Array.isArray(value) ? value : [value];
}

interface StatementReading {
    /** undefined: the statement applies to nothing in this reading. */
    readonly statement?: Raw;
    readonly unknownAt: string[];
}

/**
 * What an unknown AWS principal stands for: at its widest, anyone (`*`) unless the caller traced it to the roles of
 * the stack it was computed from; at its narrowest, no one, or the one of those roles it surely is.
 */
export interface AwsStandIns {
    readonly widest: readonly string[];
    readonly narrowest: readonly string[];
}

const ANYONE: AwsStandIns = { widest: ["*"], narrowest: [] };

/** One statement holding unknowns, at its widest or narrowest. */
function readStatement(raw: Raw, where: string, widest: boolean, effect: "Allow" | "Deny", awsStandIns: AwsStandIns): StatementReading {
    const statement = copyOf(raw);
    const unknownAt: string[] = [];
    const note = (element: string) => unknownAt.push(`the ${element} of ${where}`);
    if (isUnknown(raw.Effect)) {
        note("Effect");
        statement.Effect = effect;
    }
    if (containsUnknown(raw.Sid)) {
        note("Sid");
        delete statement.Sid;
    }
    // Action, Resource: `*` at their widest, the known elements at their narrowest.
    for (const element of ["Action", "Resource"]) {
        if (!containsUnknown(raw[element])) {
            continue;
        }
        note(element);
        const known = listOf(raw[element]).filter((v) => !isUnknown(v));
        if (widest) {
            statement[element] = "*";
        } else if (known.length === 0) {
            return { unknownAt };
        } else {
            statement[element] = known;
        }
    }
    // NotAction, NotResource: exempting only the known elements at their widest; applying to nothing at their narrowest.
    for (const [element, positive] of [
        ["NotAction", "Action"],
        ["NotResource", "Resource"],
    ]) {
        if (!containsUnknown(raw[element])) {
            continue;
        }
        note(element);
        if (!widest) {
            return { unknownAt };
        }
        const known = listOf(raw[element]).filter((v) => !isUnknown(v));
        delete statement[element];
        statement[known.length > 0 ? element : positive] = known.length > 0 ? known : "*";
    }
    for (const element of ["Principal", "NotPrincipal"]) {
        const value = raw[element];
        if (!containsUnknown(value)) {
            continue;
        }
        note(element);
        if (element === "NotPrincipal" && !widest) {
            return { unknownAt };
        }
        if (!isObject(value)) {
            // The whole principal is unknown: anyone at its widest.
            if (!widest) {
                return { unknownAt };
            }
            delete statement[element];
            statement.Principal = "*";
            continue;
        }
        const principal: Raw = Object.create(null);
        for (const type of Object.keys(value)) {
            const ids = listOf(value[type]);
            const known = ids.filter((v) => !isUnknown(v));
            if (known.length === ids.length) {
                principal[type] = value[type];
            } else if (asciiLowerCase(type) !== "aws") {
                principal[type] = [...known, OTHER_PRINCIPAL];
            } else if (element === "NotPrincipal") {
                // At its widest, a NotPrincipal exempts only the principals it names for sure.
                if (known.length > 0) {
                    principal[type] = known;
                }
            } else if ([...known, ...(widest ? awsStandIns.widest : awsStandIns.narrowest)].length > 0) {
                principal[type] = [...known, ...(widest ? awsStandIns.widest : awsStandIns.narrowest)];
            }
        }
        if (Object.keys(principal).length > 0) {
            statement[element] = principal;
        } else if (element === "NotPrincipal") {
            delete statement.NotPrincipal;
            statement.Principal = "*";
        } else {
            return { unknownAt };
        }
    }
    if (containsUnknown(raw.Condition)) {
        note("Condition");
        if (!widest) {
            return { unknownAt };
        }
        // At its widest, an entry with an unknown value holds for every request.
        const condition: Raw = Object.create(null);
        if (isObject(raw.Condition)) {
            for (const operator of Object.keys(raw.Condition)) {
                const block = raw.Condition[operator];
                if (!isObject(block)) {
                    if (!isUnknown(block)) {
                        condition[operator] = block;
                    }
                    continue;
                }
                const entries: Raw = Object.create(null);
                for (const key of Object.keys(block)) {
                    if (!containsUnknown(block[key])) {
                        entries[key] = block[key];
                    }
                }
                if (Object.keys(entries).length > 0) {
                    condition[operator] = entries;
                }
            }
        }
        if (Object.keys(condition).length > 0) {
            statement.Condition = condition;
        } else {
            delete statement.Condition;
        }
    }
    if (containsUnknown(statement)) {
        // An unknown somewhere the reading does not place (an element IAM does not have): the document is refused
        // whatever it holds, or unknown; either way nothing is read in parts.
        throw new WholeUnknown();
    }
    return { statement, unknownAt };
}

/** A statement that is wholly unknown: an Allow or a Deny of everything. */
function everything(effect: "Allow" | "Deny", kind: DocumentKind): Raw {
    return kind === "trust" ? { Effect: effect, Principal: "*", Action: "*" } : { Effect: effect, Action: "*", Resource: "*" };
}

function reading(document: Raw, which: Reading, kind: DocumentKind, awsStandIns: AwsStandIns): { raw: Raw; positions: number[]; unknownAt: string[] } {
    for (const key of Object.keys(document)) {
        if (key !== "Statement" && key !== "Id" && containsUnknown(document[key])) {
            throw new WholeUnknown();
        }
    }
    if (isUnknown(document.Statement)) {
        throw new WholeUnknown();
    }
    const raw = copyOf(document);
    if (containsUnknown(document.Id)) {
        delete raw.Id;
    }
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const kept: unknown[] = [];
    const positions: number[] = [];
    const unknownAt: string[] = [];
    statements.forEach((statement, i) => {
        const where = `statement ${i + 1}`;
        if (!containsUnknown(statement)) {
            kept.push(statement);
            positions.push(i + 1);
            return;
        }
        if (isUnknown(statement) || !isObject(statement)) {
            unknownAt.push(where);
            kept.push(everything(which === "permissive" ? "Allow" : "Deny", kind));
            positions.push(i + 1);
            return;
        }
        const effect = isUnknown(statement.Effect) ? (which === "permissive" ? "Allow" : "Deny") : statement.Effect === "Deny" ? "Deny" : "Allow";
        const widest = (effect === "Allow") === (which === "permissive");
        const read = readStatement(statement, where, widest, effect, awsStandIns);
        unknownAt.push(...read.unknownAt);
        if (read.statement) {
            kept.push(read.statement);
            positions.push(i + 1);
        }
    });
    raw.Statement = kept;
    return { raw, positions, unknownAt };
}

function parsed(document: Raw, positions: readonly number[], kind: DocumentKind): PolicyDocument {
    const statements = document.Statement as unknown[];
    if (statements.length === 0) {
        // Nothing applies in this reading; the Version still decides how the other reading's variables read.
        const version = typeof document.Version === "string" ? document.Version : undefined;
        return { statements: [], version, variablesLiteral: version !== "2012-10-17" };
    }
    const document_ = parsePolicyDocument(document, kind);
    // Statements keep the positions they have in the document as written, so messages name them as the team wrote them.
    const renumbered: Statement[] = document_.statements.map((s, i) => ({ ...s, index: positions[i] }));
    return { ...document_, statements: renumbered };
}

/**
 * Both readings of a document with unknown values, or undefined when an unknown decides the document whole. Throws
 * PolicyDocumentError when AWS refuses the document whatever the unknowns are.
 */
export function partialReadings(partial: PartialDocument, kind: DocumentKind, awsStandIns: AwsStandIns = ANYONE): PartialReadings | undefined {
    try {
        const permissive = reading(partial.value, "permissive", kind, awsStandIns);
        const restrictive = reading(partial.value, "restrictive", kind, awsStandIns);
        return {
            permissive: parsed(permissive.raw, permissive.positions, kind),
            restrictive: parsed(restrictive.raw, restrictive.positions, kind),
            unknownAt: [...new Set([...permissive.unknownAt, ...restrictive.unknownAt])],
        };
    } catch (err) {
        if (err instanceof WholeUnknown) {
            return undefined;
        }
        throw err;
    }
}
