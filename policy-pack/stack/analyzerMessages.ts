/**
 * The analyzer protocol's messages as the analyzer SDK (de)serializes them (@pulumi/pulumi's generated code), and a
 * count of the calls under way: AnalyzeStack requests decoded, and requests not yet answered. The pack's policies
 * tell one AnalyzeStack call from the next by these counts (guardRuntime.ts).
 */

type Message = {
    deserializeBinary?(bytes: Uint8Array): unknown;
    prototype?: { serializeBinary?(): Uint8Array };
};

let messages: Record<string, Message | undefined> | undefined | null = null;

/** The generated messages, or undefined where @pulumi/pulumi cannot be found (nothing decodes requests there). */
export function analyzerMessages(): Record<string, Message | undefined> | undefined {
    if (messages === null) {
        try {
            messages = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [__dirname] })) as Record<string, Message | undefined>;
        } catch {
            messages = undefined;
        }
    }
    return messages;
}

let counting = false;
let stackRequests = 0;
let requests = 0;
let responses = 0;

/** Starts counting (once): requests as the SDK decodes them, answers as it encodes them. */
export function countAnalyzerCalls(): void {
    if (counting) {
        return;
    }
    counting = true;
    const all = analyzerMessages();
    for (const name of ["AnalyzeRequest", "AnalyzeStackRequest"]) {
        const message = all?.[name];
        if (message?.deserializeBinary) {
            const decode = message.deserializeBinary.bind(message);
            const stack = name === "AnalyzeStackRequest";
            message.deserializeBinary = (bytes: Uint8Array) => {
                requests++;
                stackRequests += stack ? 1 : 0;
                return decode(bytes);
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

/** How many AnalyzeStack requests this process has decoded (0 when no SDK server runs here): a new count is a new call. */
export function decodedStackRequests(): number {
    return stackRequests;
}

/** Requests decoded and not yet answered: 1 while a single call is under way (a failed call stays counted). */
export function openRequests(): number {
    return requests - responses;
}
