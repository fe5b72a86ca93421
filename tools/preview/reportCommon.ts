/** What every report of an offline preview agrees on: which resources are shown, where they were declared, the verdict. */
import * as path from "path";
import { CapturedResource } from "./capturedResource";
import { inputsOf } from "./analyzerRequests";
import { OfflinePreviewResult } from "./offlinePreview";
import { remoteComponentPrincipals } from "./remoteComponentPrincipals";

/** Default providers: the engine registers them and the pack sees them, but `pulumi preview` does not list them. */
export function isDefaultProvider(r: CapturedResource): boolean {
    return r.type.startsWith("pulumi:providers:") && /^default(_|$)/.test(r.name);
}

/** Where a resource was declared, relative to `base` (the directory the tool was run from) when inside it. */
export function declaredAt(r: CapturedResource, base: string): { file: string; line: number; column: number } | undefined {
    const at = r.sourcePosition;
    if (!at) {
        return undefined;
    }
    const relative = path.relative(base, at.file);
    const file = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative.split(path.sep).join("/") : at.file;
    return { file, line: at.line, column: at.column };
}

/**
 * `--strict`: a remote component whose children were never judged blocks like a mandatory violation — unless its type
 * is known to create no IAM principal with the inputs it was given (a VPC), which has nothing for the pack to judge.
 */
export interface VerdictOptions {
    strict?: boolean;
}

export function blocked(result: OfflinePreviewResult, options: VerdictOptions): boolean {
    return result.mandatoryViolations > 0 || (Boolean(options.strict) && unjudgedPrincipals(result).length > 0);
}

/** The remote components that create IAM principals, or may (their type is not known here). */
export function unjudgedPrincipals(result: OfflinePreviewResult): CapturedResource[] {
    return result.remoteComponents.filter((r) => remoteComponentPrincipals(r.type, inputsOf(r))?.length !== 0);
}

/** 0: the stack passes; 1: it would be blocked. */
export function exitCodeOf(result: OfflinePreviewResult, options: VerdictOptions): number {
    return blocked(result, options) ? 1 : 0;
}
