/** Wording shared by the judgements: the pack's messages split into reason and fix, and the audit's own fixes. */
import { DocumentSource, evaluateConditions, MfaStatus, UnverifiableConditionError, usable, WITHOUT_MFA } from "../../policy-pack/evaluator";
import { Witness } from "../report/reportModel";

/** A pack message is "<what>. Fix: <how>": the two halves. */
export function splitFix(message: string): { reason: string; fix?: string } {
    const at = message.indexOf(" Fix: ");
    return at < 0 ? { reason: message } : { reason: message.slice(0, at).replace(/\.$/, ""), fix: message.slice(at + " Fix: ".length) };
}

/** Deny statements whose conditions the evaluator cannot decide (an unknown operator, an IPv6 range): a gap, not an escape. */
export function undecidableDenies(sources: readonly DocumentSource[]): string[] {
    const found: string[] = [];
    for (const { label, document } of usable(sources)) {
        for (const statement of document.statements) {
            if (statement.effect !== "Deny") {
                continue;
            }
            for (const context of WITHOUT_MFA) {
                try {
                    evaluateConditions(statement.conditions, context);
                } catch (err) {
                    if (!(err instanceof UnverifiableConditionError)) {
                        throw err;
                    }
                    found.push(`${label}: statement ${statement.sid ?? `#${statement.index}`} could not be evaluated (${err.message})`);
                    break;
                }
            }
        }
    }
    return found;
}

/** The witness of an MFA status that is not enforced: the escaping action, its context, the documents, the why. */
export function escapeWitness(status: MfaStatus, sources: readonly DocumentSource[]): Witness | undefined {
    const escape = status.result.escape;
    if (!escape) {
        return undefined;
    }
    return {
        action: escape.action,
        mfaContext: escape.context.name,
        ...(escape.onSomeResources ? { onSomeResources: true } : {}),
        path: sources.length > 0 ? sources.map((s) => s.label) : ["no policy reaches it"],
        why: [...escape.why, ...status.revoked],
    };
}
