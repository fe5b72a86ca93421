/** What every report of an offline preview agrees on: which resources are shown, where they were declared, the verdict. */
import * as path from "path";
import { CapturedResource } from "./capturedResource";
import { OfflinePreviewResult } from "./offlinePreview";

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

/** `--strict`: a remote component, whose children were never judged, blocks like a mandatory violation. */
export interface VerdictOptions {
    strict?: boolean;
}

export function blocked(result: OfflinePreviewResult, options: VerdictOptions): boolean {
    return result.mandatoryViolations > 0 || (Boolean(options.strict) && result.remoteComponents.length > 0);
}

/** 0: the stack passes; 1: it would be blocked. */
export function exitCodeOf(result: OfflinePreviewResult, options: VerdictOptions): number {
    return blocked(result, options) ? 1 : 0;
}
