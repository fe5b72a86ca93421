/**
 * The analyzer SDK's decoding of requests and encoding of answers (@pulumi/pulumi's generated messages), wrapped once:
 * request bytes pass through the filters registered here, then have their resources' properties lifted
 * (liftedProperties.ts) before the rest is decoded, and the calls under way are counted. The pack's policies tell one AnalyzeStack call from the next by these counts (verdicts/callState.ts).
 *
 * What @pulumi/policy's server decodes and encodes per call (server.js):
 *   Remediate     AnalyzeRequest       → RemediateResponse
 *   Analyze       AnalyzeRequest       → AnalyzeResponse
 *   AnalyzeStack  AnalyzeStackRequest  → AnalyzeResponse
 * The engine sends Remediate then Analyze for each resource, one resource after the other, then one AnalyzeStack.
 */
import * as fs from "fs";
import { sdkModule } from "./sdkModule";
import { liftProperties } from "./sharedProperties";

type Message = {
    deserializeBinary?(bytes: Uint8Array): unknown;
    prototype?: { serializeBinary?(): Uint8Array };
};

type BytesFilter = (bytes: Uint8Array) => Uint8Array;

const filters: BytesFilter[] = [];
let wrapped = false;
let stackRequests = 0;
let requests = 0;
let answers = 0;

/** Wraps request decoding and answer encoding of the calls that run policies, once per process. */
export function wrapAnalyzerMessages(): void {
    if (wrapped) {
        return;
    }
    wrapped = true;
    // Undefined where @pulumi/pulumi cannot be found: nothing decodes requests there.
    const all = sdkModule<Record<string, Message | undefined>>("@pulumi/pulumi/proto/analyzer_pb");
    for (const name of ["AnalyzeRequest", "AnalyzeStackRequest"]) {
        const message = all?.[name];
        if (message?.deserializeBinary) {
            const decode = message.deserializeBinary.bind(message);
            const stack = name === "AnalyzeStackRequest";
            message.deserializeBinary = (bytes: Uint8Array) => {
                // Properties are lifted from the filtered bytes, decoded apart, and stood for once the rest is.
                const lifted = liftProperties(filters.reduce((b, filter) => filter(b), bytes), stack);
                const request = decode(lifted.bytes);
                lifted.apply(request);
                // Counted once decoded: a request that fails to decode is refused by gRPC, no handler ever runs.
                requests++;
                stackRequests += stack ? 1 : 0;
                return request;
            };
        }
    }
    // Remediate's answer closes its request as Analyze's does, or no call after the first Remediate is ever alone.
    for (const name of ["AnalyzeResponse", "RemediateResponse"]) {
        const response = all?.[name]?.prototype;
        if (response?.serializeBinary) {
            const encode = response.serializeBinary;
            response.serializeBinary = function (this: unknown) {
                answers++;
                return encode.call(this);
            };
        }
    }
}

/** Has every Analyze and AnalyzeStack request's bytes pass through `filter` before the SDK decodes them. */
export function filterRequestBytes(filter: BytesFilter): void {
    wrapAnalyzerMessages();
    if (!filters.includes(filter)) {
        filters.push(filter);
    }
}

/** How many AnalyzeStack requests this process has decoded (0 when no SDK server runs here): a new count is a new call. */
export function decodedStackRequests(): number {
    return stackRequests;
}

/**
 * Requests decoded and not yet answered: 1 while a single call is under way. Never too low, at worst too high: a call
 * that fails (the SDK answers with an error status, or never, as Remediate on a request without options), or that
 * the client cancels, encodes no answer and stays counted. That only turns the fast path of verdicts/callState.ts off for
 * the rest of the process, never makes it wrong; and under the CLI a failed call fails the operation, whose end stops
 * the pack.
 */
export function openRequests(): number {
    return requests - answers;
}

/**
 * FORCE_MFA_GUARD_CALL_LOG=<file>: one JSON line per stack policy run, saying how it found its call's state (the
 * tests read it from the pack process; unset, nothing is written).
 */
const CALL_LOG = process.env.FORCE_MFA_GUARD_CALL_LOG;

export interface CallLogEntry {
    readonly policy: string;
    /** decodedStackRequests() when the policy ran. */
    readonly request: number;
    readonly open: number;
    /** Which graph of this process the policy got (1, 2, …). */
    readonly graph: number;
    /** "built": a new graph; "request": reused, the call known by the counts; "compared": reused after comparing the stack. */
    readonly how: "built" | "request" | "compared";
}

export function logCall(entry: CallLogEntry): void {
    if (CALL_LOG) {
        fs.appendFileSync(CALL_LOG, `${JSON.stringify(entry)}\n`);
    }
}
