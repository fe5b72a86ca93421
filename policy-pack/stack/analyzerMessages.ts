/**
 * The analyzer SDK's decoding of requests and encoding of answers (@pulumi/pulumi's generated messages), wrapped once:
 * request bytes pass through the filters registered here before they are decoded, and the calls under way are
 * counted — AnalyzeStack requests decoded, requests not yet answered. The pack's policies tell one AnalyzeStack call
 * from the next by these counts (guardRuntime.ts).
 */
import { sdkModule } from "./sdkModule";

type Message = {
    deserializeBinary?(bytes: Uint8Array): unknown;
    prototype?: { serializeBinary?(): Uint8Array };
};

type BytesFilter = (bytes: Uint8Array) => Uint8Array;

const filters: BytesFilter[] = [];
let wrapped = false;
let stackRequests = 0;
let requests = 0;
let responses = 0;


/** Wraps Analyze and AnalyzeStack request decoding and AnalyzeResponse encoding, once per process. */
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
                requests++;
                stackRequests += stack ? 1 : 0;
                return decode(filters.reduce((b, filter) => filter(b), bytes));
            };
        }
    }
    const response = all?.AnalyzeResponse?.prototype;
    if (response?.serializeBinary) {
        const encode = response.serializeBinary;
        response.serializeBinary = function (this: unknown) {
            responses++;
            return encode.call(this);
        };
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

/** Requests decoded and not yet answered: 1 while a single call is under way (a failed call stays counted). */
export function openRequests(): number {
    return requests - responses;
}
