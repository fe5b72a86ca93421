/**
 * What the MFA deny analysis takes and answers: the documents reaching a principal, and whether they make up an
 * MFA deny (or the action that escapes it, and why).
 */
import { PolicyDocument } from "./policyDocument";
import { NamedContext } from "./requestContexts";

export interface NamedDocument {
    /** How the document reaches the principal, for messages: e.g. `policy "ForceMFA" via group "mfa-enforced"`. */
    readonly label: string;
    readonly document: PolicyDocument;
    /**
     * A document with values unknown during preview: `document` is its most permissive reading, this its most
     * restrictive (stack/partialDocument.ts). The MFA deny analysis reads `document` only: denies only accumulate, so
     * a deny proven there holds for every value.
     */
    readonly restrictive?: PolicyDocument;
}

export interface MfaEscape {
    /** A catalog action that is not denied. */
    readonly action: string;
    readonly context: NamedContext;
    /** The action is denied on some resources but not all (a deny limited by Resource / NotResource). */
    readonly onSomeResources?: boolean;
    /** Why the deny statements present do not stop it, if any come close. */
    readonly why: readonly string[];
}

export interface MfaDenyResult {
    readonly enforced: boolean;
    readonly escape?: MfaEscape;
    /** Labels of the documents whose deny statements make up the enforcement (the evidence). */
    readonly evidence: readonly string[];
}
