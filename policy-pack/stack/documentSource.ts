/** A policy document as it reaches a principal: parsed once per distinct text, or the reason it could not be. */
import { DocumentKind, parsePolicyDocument, PolicyDocument, PolicyDocumentError } from "../iam/policyDocument";
import { PartialDocument, UNKNOWN } from "./knownValues";
import { partialReadings } from "./partialDocument";

/** A document as it reaches a principal: parsed, or the reason it could not be. */
export interface DocumentSource {
    readonly label: string;
    /** For a document with values unknown during preview: its most permissive reading (see partialDocument.ts). */
    readonly document?: PolicyDocument;
    /** For a document with values unknown during preview only: its most restrictive reading. */
    readonly restrictive?: PolicyDocument;
    /** Why it could not be read; for a document read in part, which of its values are unknown. */
    readonly problem?: string;
    /**
     * A link unknown during preview that leads to several of the stack's policies: the sets of them AWS may end up
     * attaching. A verdict that needs the link holds only if it holds for every one of them.
     */
    readonly choices?: readonly (readonly DocumentSource[])[];
}

/** Parsed documents of the call under way: emptied when it ends (clearParsedDocuments), and never more than this. */
const MAX_PARSED = 10_000;
const parsed = new Map<string, Omit<DocumentSource, "label">>();

export function clearParsedDocuments(): void {
    parsed.clear();
}

/** What a document AWS refuses means at `pulumi up`: it is never created, so it denies nothing. */
export function refusal(reason: string): string {
    return `AWS refuses its document (MalformedPolicyDocument: ${reason}), so \`pulumi up\` fails to create it and it denies nothing, while the resources that do not depend on it are created`;
}

/** Why a document could not be read: a value unknown during preview, or none at all. */
export const UNKNOWN_DOCUMENT = "its document is unknown until the update runs";
export const NO_DOCUMENT = "it has no document";

/** Parses once per distinct text: thousands of principals usually share a handful of documents. */
export function documentSource(label: string, value: unknown, kind: DocumentKind = "identity"): DocumentSource {
    if (value === UNKNOWN) {
        return { label, problem: UNKNOWN_DOCUMENT };
    }
    if (value === undefined || value === null) {
        return { label, problem: NO_DOCUMENT };
    }
    const partial = value instanceof PartialDocument;
    const text = `${kind}:${partial ? "partial:" : ""}${typeof value === "string" ? value : JSON.stringify(partial ? value.value : value)}`;
    let entry = parsed.get(text);
    if (!entry) {
        try {
            entry = partial ? readInPart(value, kind) : { document: parsePolicyDocument(value, kind) };
        } catch (err) {
            if (!(err instanceof PolicyDocumentError)) {
                throw err;
            }
            entry = { problem: refusal(err.message) };
        }
        if (parsed.size >= MAX_PARSED) {
            parsed.clear();
        }
        parsed.set(text, entry);
    }
    return { label, ...entry };
}

/** What is known of a document with unknown values: both readings, and where the unknowns are. */
function readInPart(value: PartialDocument, kind: DocumentKind): Omit<DocumentSource, "label"> {
    const readings = partialReadings(value, kind);
    if (!readings) {
        return { problem: UNKNOWN_DOCUMENT };
    }
    return { document: readings.permissive, restrictive: readings.restrictive, problem: partlyUnknown(readings.unknownAt) };
}

/** The problem named for a document read in part. */
export function partlyUnknown(unknownAt: readonly string[]): string {
    return `${unknownAt.join(", ")} ${unknownAt.length === 1 ? "is" : "are"} unknown until the update runs`;
}

/**
 * A document longer than its IAM size quota (`length`, whitespace not counted) is refused by AWS whatever it says, so
 * it is not parsed: a huge one would only cost the preview time. The caller puts the quota's own message in place of
 * the placeholder problem (overQuota, refuseOverAggregateQuota).
 */
export function documentSourceWithin(label: string, value: unknown, length: number | undefined, quota: number): DocumentSource {
    return length !== undefined && length > quota ? { label, problem: "it is over its IAM size quota" } : documentSource(label, value);
}
