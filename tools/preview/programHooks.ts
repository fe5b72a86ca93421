/**
 * Hooks into the @pulumi/pulumi the program loads: its log messages are recorded with their resource (under mocks
 * there is no engine to send them to, and the SDK would print them without it), and each invoke notes where in the
 * program it was called, so an invoke nothing answers can be named with its call site.
 */
import * as path from "path";
import { ProgramLog } from "./capturedResource";
import { InvokeAnswers } from "./invokeAnswers";
import { programLocation } from "./programLocation";

const SEVERITIES = { debug: "debug", info: "info", warn: "warning", error: "error" } as const;

/** Records the program's `pulumi.log.*` messages; returns them once every URN they name has resolved. */
export function recordLogs(sdkDir: string): () => Promise<ProgramLog[]> {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const log = require(path.join(sdkDir, "log"));
    const pending: Promise<ProgramLog>[] = [];
    for (const [fn, severity] of Object.entries(SEVERITIES)) {
        if (severity === "debug") {
            // As pulumi preview without -v: the SDK's own debug chatter ("Registering resource ...") is not shown.
            log[fn] = () => Promise.resolve();
            continue;
        }
        log[fn] = (message: string, resource?: { urn?: { promise?: () => Promise<string> } }) => {
            const urn = resource?.urn?.promise?.().catch(() => undefined) ?? Promise.resolve(undefined);
            const entry = urn.then((u) => ({ severity, message: String(message), ...(u ? { urn: u } : {}) }));
            pending.push(entry);
            return entry.then(() => undefined);
        };
    }
    return () => Promise.all(pending);
}

/** The SDK's generated function for a token (`aws:ec2/getSubnets:getSubnets` → getSubnets.ts): not the caller. */
function relaysOf(token: string): (file: string) => boolean {
    const fn = token.split(":").pop() ?? "";
    const own = new RegExp(`[\\\\/]${fn.replace(/[^\w$]/g, "")}(Output)?\\.(ts|js)$`);
    return (file) => own.test(file);
}

const INVOKE_FUNCTIONS = ["invoke", "invokeSingle", "invokeOutput", "invokeSingleOutput", "call", "callSingle"];

/** Notes each invoke's (and resource method call's) call site in the program. */
export function noteInvokeCallSites(sdkDir: string, answers: InvokeAnswers, programDirs: string[]): void {
    // `pulumi.runtime` holds copies of the invoke module's functions, taken when it loaded: wrap both.
    for (const module of [path.join(sdkDir, "runtime", "invoke"), path.join(sdkDir, "runtime")]) {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const exported = require(module);
        for (const name of INVOKE_FUNCTIONS) {
            const original = exported[name];
            if (typeof original !== "function") {
                continue;
            }
            exported[name] = function (this: unknown, token: string, ...rest: unknown[]) {
                answers.noteCallSite(token, programLocation(new Error().stack, programDirs, relaysOf(token)));
                return original.call(this, token, ...rest);
            };
        }
    }
}

/** Records each config key the program reads that the stack does not set (`proj:key`), in the order first read. */
export function recordConfigMisses(sdkDir: string): () => string[] {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const config = require(path.join(sdkDir, "runtime", "config"));
    const misses: string[] = [];
    const getConfig = config.getConfig;
    config.getConfig = (key: string) => {
        const value = getConfig(key);
        if (value === undefined && !misses.includes(key)) {
            misses.push(key);
        }
        return value;
    };
    return () => [...misses];
}
