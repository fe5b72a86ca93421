/**
 * What the user is told when the program fails: its reason whole (no stack trace), and the line of the program it
 * comes from — for a compile error the line the compiler names, for an invoke's error the line that called the invoke
 * (the SDK raises it far from there), else the first frame of the program's own source, source-mapped.
 */
import { programLocation } from "./programLocation";

/** `index.ts(3,5): error TS1005: ...` as ts-node reports a file the compiler rejects. */
const COMPILE_DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error TS\d+/m;
/** The engine's wording for an invoke or call its provider refused (see mockMonitorCalls). */
const INVOKE_FAILURE = /invocation of (\S+) returned an error/;

/** The message without stack frames; a first line that only announces the reason ("...:") is kept with it. */
export function reasonOf(message: string): string {
    return message
        .split("\n")
        .filter((line) => !/^\s*at\s/.test(line))
        .map((line) => line.trim())
        .filter(Boolean)
        .join("\n");
}

export function programFailure(
    err: unknown,
    programDirs: string[],
    invokeSite: (token: string) => string | undefined,
): { error: string; location?: string } {
    if (!(err instanceof Error)) {
        return { error: String(err) };
    }
    if ((err as { code?: unknown }).code === "MODULE_NOT_FOUND" || (err as { code?: unknown }).code === "ERR_MODULE_NOT_FOUND") {
        // Node's require stack names this tool's files, not the program's: the first line, and what to do.
        const location = programLocation(err.stack, programDirs);
        return { error: `${err.message.split("\n")[0]}: install the program's dependencies (npm ci in its directory)`, ...(location ? { location } : {}) };
    }
    const error = reasonOf(err.message) || err.name;
    const compile = err.name === "TSError" ? COMPILE_DIAGNOSTIC.exec(err.message) : null;
    if (compile) {
        return { error, location: `${compile[1]}:${compile[2]}:${compile[3]}` };
    }
    const invoke = INVOKE_FAILURE.exec(err.message);
    const location = (invoke && invokeSite(invoke[1])) || programLocation(err.stack, programDirs);
    return { error, ...(location ? { location } : {}) };
}

/** The line of a crashed process's output that says what went wrong, with what it announces, not its stack trace. */
export function crashReason(output: string): string {
    const lines = output.split("\n").map((l) => l.trim()).filter(Boolean);
    const at = lines.findIndex((l) => /^(\w*Error\b|error TS\d+|TSError)/.test(l));
    if (at < 0) {
        return lines[lines.length - 1] ?? "no output";
    }
    const reason = [lines[at]];
    for (let i = at + 1; i < lines.length && reason[reason.length - 1].endsWith(":") && !/^at\s/.test(lines[i]); i++) {
        reason.push(lines[i]);
    }
    return reason.join(" ");
}
