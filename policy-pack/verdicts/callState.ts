/**
 * The state of the AnalyzeStack call under way, shared by the pack's policies: the IAM graph and the analyses built for
 * it, dropped when the call ends, with the caches registered to empty then (onCallEnd).
 */
import { actionCatalog } from "../iam/actionCatalog";
import { clearEnrollmentCache } from "../iam/enrollmentCache";
import { DenyQuestion, MfaDenyAnalyzer } from "../iam/mfaDenyAnalysis";
import { clearPatternCache } from "../iam/wildcard";
import { buildIamGraph, IamGraph, StackResource } from "../stack/iamGraph";
import { clearParsedDocuments } from "../stack/documentSource";
import { CallLogEntry, decodedStackRequests, logCall, openRequests, wrapAnalyzerMessages } from "../stack/analyzerMessages";
import { rawProps } from "../stack/knownValues";
import { shareDeserializedProperties } from "../stack/sharedProperties";

/** A fresh analyzer: its verdict caches live as long as the caller keeps it (the pack: one AnalyzeStack call). */
export async function mfaDenyAnalyzer(enrollmentAllowList: readonly string[]): Promise<MfaDenyAnalyzer> {
    return new MfaDenyAnalyzer(actionCatalog(), enrollmentAllowList);
}

/**
 * The state of the AnalyzeStack call under way. The SDK runs the stack policies of one call one after the other,
 * each with its own list of the same resources (their properties decoded once: sharedProperties.ts), within one
 * turn of the event loop (nothing here waits on I/O once the catalog is read, which is synchronous): the first
 * policy builds the IAM graph, the others reuse it, and the state is dropped when the turn ends, so nothing
 * outlives the call. A policy that comes again, or resources that differ in anything the graph reads, start a new
 * call: no call ever sees another's graph.
 */
export interface CallState {
    readonly resources: readonly StackResource[];
    /** The AnalyzeStack request it was built for (decodedStackRequests), 0 outside the analyzer SDK. */
    readonly request: number;
    /** Built while its AnalyzeStack call was the only request open (sameCall). */
    readonly alone: boolean;
    /** The policies that have read this state: each runs once per call. */
    readonly readers: Set<string>;
    readonly graph: IamGraph;
    /** Which graph of this process it is (the call log's). */
    readonly serial: number;
    readonly analyzers: Map<string, MfaDenyAnalyzer>;
}

let current: CallState | undefined;
let graphsBuilt = 0;
wrapAnalyzerMessages();
shareDeserializedProperties();
const endOfCallHooks: (() => void)[] = [clearPatternCache, clearEnrollmentCache, clearParsedDocuments];

/** Registers a cache to empty when a call ends. */
export function onCallEnd(hook: () => void): void {
    endOfCallHooks.push(hook);
}

let endScheduled = false;

export function scheduleEndOfCall(): void {
    if (endScheduled) {
        return;
    }
    endScheduled = true;
    setImmediate(() => {
        endScheduled = false;
        current = undefined;
        endOfCallHooks.forEach((hook) => hook());
    });
}

/** Structural equality of decoded property values (strings shared between copies compare in constant time). */
function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) {
        return true;
    }
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
        return false;
    }
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    let keys = 0;
    for (const k in x) {
        if (!Object.prototype.hasOwnProperty.call(y, k) || !sameValue(x[k], y[k])) {
            return false;
        }
        keys++;
    }
    for (const k in y) {
        keys -= Object.prototype.hasOwnProperty.call(y, k) ? 1 : 0;
    }
    return keys === 0;
}

/**
 * Whether two lists of resources name the same URNs and types in the same order (compared in place, nothing built):
 * a resource's links, or once the request is known to be one, the whole stack.
 */
function sameLinks(a: readonly StackResource[] | undefined, b: readonly StackResource[] | undefined): boolean {
    const x = a ?? [];
    const y = b ?? [];
    if (x.length !== y.length) {
        return false;
    }
    for (let i = 0; i < x.length; i++) {
        if (x[i].urn !== y[i].urn || x[i].type !== y[i].type) {
            return false;
        }
    }
    return true;
}

/**
 * Whether two policies see the same stack: each resource's type and URN, and the properties and links of the IAM
 * ones, which are all the graph reads. A call on anything else, however alike its URNs, is not the same.
 */
function sameStack(a: readonly StackResource[], b: readonly StackResource[]): boolean {
    if (a.length !== b.length) {
        return false;
    }
    for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const y = b[i];
        if (x.type !== y.type || x.urn !== y.urn) {
            return false;
        }
        if (x !== y && x.type.includes(":iam")) {
            const px = x.propertyDependencies ?? {};
            const py = y.propertyDependencies ?? {};
            if (
                !sameValue(rawProps(x.props), rawProps(y.props)) ||
                !sameLinks(x.dependencies, y.dependencies) ||
                Object.keys(px).length !== Object.keys(py).length ||
                Object.keys(px).some((k) => !sameLinks(px[k], py[k]))
            ) {
                return false;
            }
        }
    }
    return true;
}

/**
 * How `state` is the call under way, or undefined if it is not. Under the analyzer SDK a stack policy runs inside its
 * own AnalyzeStack call, open until answered (analyzerMessages.ts counts requests and answers). A state built while
 * its call was the only request open, asked for while the asking call is the only one open and no AnalyzeStack was
 * decoded in between, is that same call's: only URNs are compared, as a cheap guard. The CLI sends one request at a
 * time, so under it that is every call. Otherwise (requests overlapping, or in-process callers such as tests and the
 * account audit, where nothing is decoded) everything the graph reads is compared.
 */
function sameCall(state: CallState, request: number, alone: boolean, resources: readonly StackResource[]): CallLogEntry["how"] | undefined {
    if (request > 0 && state.request !== request) {
        return undefined;
    }
    if (alone && state.alone) {
        return sameLinks(state.resources, resources) ? "request" : undefined;
    }
    return sameStack(state.resources, resources) ? "compared" : undefined;
}

export function callState(policyName: string, resources: readonly StackResource[]): CallState {
    scheduleEndOfCall();
    const request = decodedStackRequests();
    const open = openRequests();
    const alone = request > 0 && open === 1;
    let how = current && !current.readers.has(policyName) ? sameCall(current, request, alone, resources) : undefined;
    if (!current || !how) {
        how = "built";
        current = { resources, request, alone, readers: new Set(), graph: buildIamGraph(resources), serial: ++graphsBuilt, analyzers: new Map() };
    }
    current.readers.add(policyName);
    logCall({ policy: policyName, request, open, graph: current.serial, how });
    return current;
}

/** The call's analyzer for an allow-list and, given, a narrower question (sensitive actions and their MFA age). */
export function callAnalyzer(state: CallState, enrollmentAllowList: readonly string[], question?: DenyQuestion): MfaDenyAnalyzer {
    let key = [...enrollmentAllowList].sort().join(",");
    if (question) {
        key += `|${question.mustDeny.join(",")}|${question.contexts.map((c) => c.name).join(",")}`;
    }
    let analyzer = state.analyzers.get(key);
    if (!analyzer) {
        analyzer = new MfaDenyAnalyzer(actionCatalog(), enrollmentAllowList, question);
        state.analyzers.set(key, analyzer);
    }
    return analyzer;
}
