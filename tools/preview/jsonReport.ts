/**
 * The offline preview for machines (`--json`): every resource with its inputs (secrets masked), the stack outputs,
 * the program's messages, the remote components not expanded, the account facts assumed, every diagnostic with its
 * policy, level, severity and message, and the verdict. Errors have a JSON shape of their own.
 */
import { maskSecrets } from "./analyzerProperties";
import { inputsOf } from "./analyzerRequests";
import { remoteComponentPrincipals } from "./remoteComponentPrincipals";
import { OfflinePreviewResult } from "./offlinePreview";
import { reportedText } from "./policyPackClient";
import { blocked, declaredAt, exitCodeOf, isDefaultProvider, VerdictOptions } from "./reportCommon";

export function jsonReport(result: OfflinePreviewResult, options: VerdictOptions & { base: string }): Record<string, unknown> {
    return {
        project: result.project,
        stack: result.stack,
        mode: result.mode,
        policyPack: { name: result.policyPack.name, version: result.policyPack.version },
        passes: !blocked(result, options),
        exitCode: exitCodeOf(result, options),
        strict: Boolean(options.strict),
        assumptions: result.assumptions,
        // Every resource the pack saw, default providers included (the text plan hides those).
        resources: result.resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            ...(r.parent ? { parent: r.parent } : {}),
            custom: r.custom,
            ...(isDefaultProvider(r) ? { defaultProvider: true } : {}),
            ...(r.remote ? { remote: true } : {}),
            ...(r.options.protect ? { protect: true } : {}),
            ...(r.sourcePosition ? { declaredAt: declaredAt(r, options.base) } : {}),
            inputs: maskSecrets(inputsOf(r)),
        })),
        outputs: maskSecrets(result.outputs),
        // `creates`: the IAM principals its type is known to create with these inputs; null when not known.
        remoteComponents: result.remoteComponents.map((r) => ({ type: r.type, name: r.name, urn: r.urn, creates: remoteComponentPrincipals(r.type, inputsOf(r)) ?? null })),
        stackConfig: result.stackConfig,
        logs: result.logs,
        diagnostics: result.diagnostics.map((d) => ({
            policyName: d.policyName,
            policyPackName: d.policyPackName,
            enforcementLevel: d.enforcementLevel,
            severity: d.severity,
            urn: d.urn,
            description: d.description,
            message: reportedText(d),
        })),
        mandatoryViolations: result.mandatoryViolations,
        advisoryViolations: result.advisoryViolations,
    };
}

/** An error under `--json`: what went wrong, and whatever structured detail the failure carries. */
export function jsonError(message: string, details: Record<string, unknown> = {}, exitCode = 2): Record<string, unknown> {
    return { error: { message, ...details }, exitCode };
}
