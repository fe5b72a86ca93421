/** Wording shared by the judgements: the pack's messages split into reason and fix, and the audit's own fixes. */
import { AllowedRequest, DocumentSource, evaluateConditions, MfaStatus, UnverifiableConditionError, usable, WITHOUT_MFA } from "../../policy-pack/evaluator";
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

/** The witness of an escape: the request the principal's own policies allow without MFA, and the statement that does. */
export function allowedWitness(request: AllowedRequest, principal: string, sources: readonly DocumentSource[], why: readonly string[]): Witness & { resource: string } {
    return {
        action: request.action,
        resource: request.resource,
        mfaContext: request.context.name,
        contextKeys: request.contextKeys,
        principal,
        allowedBy: request.allowedBy,
        allowElement: request.allowElement,
        ...(request.boundaryAllowedBy ? { boundaryAllowedBy: request.boundaryAllowedBy } : {}),
        path: sources.length > 0 ? sources.map((s) => s.label) : ["no policy reaches it"],
        why: [...why],
    };
}

/**
 * The pack judges a stack whose account it does not know and writes ARNs in a placeholder account; in an account
 * report they name the account itself.
 */
export function inAccount(text: string, arn: string | undefined): string {
    const account = arn && /^arn:[\w-]+:iam::(\d{12}):/.exec(arn)?.[1];
    return account ? text.replace(/(arn:[\w-]+:[\w-]+:[\w-]*:)123456789012:/g, `$1${account}:`) : text;
}

/** A pack message read in an account report: the account, not "this stack", is what was judged. */
export function forAccount(text: string): string {
    return text
        .replace(/ \(not declared in this stack[^)]*\)/g, "")
        .replace(/of this stack/g, "of the account")
        .replace(/this stack/g, "the account");
}
