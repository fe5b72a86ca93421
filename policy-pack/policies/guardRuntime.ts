/**
 * What every force-mfa-guard policy shares: config read with defaults, the action catalog loaded once per process,
 * the IAM graph and the analyses of one AnalyzeStack call, and a wrapper that turns any failure into a violation. A
 * pack enforced org-wide must never crash a preview, and must never let something pass because it could not be
 * checked.
 */
import { ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { actionCatalog } from "../iam/actionCatalog";
import { clearEnrollmentCache } from "../iam/enrollmentCache";
import { MfaDenyAnalyzer } from "../iam/mfaDenyAnalysis";
import { clearPatternCache } from "../iam/wildcard";
import { GuardConfig, readGuardConfig } from "../guardConfig";
import { asciiLowerCase } from "../iam/wildcard";
import { buildIamGraph, IamGraph, StackResource } from "../stack/iamGraph";
import { clearParsedDocuments } from "../stack/documentSource";
import { CallLogEntry, decodedStackRequests, logCall, openRequests, wrapAnalyzerMessages } from "../stack/analyzerMessages";
import { rawProps, UNKNOWN_STRING } from "../stack/knownValues";
import { shareDeserializedProperties } from "../stack/sharedProperties";
import { sdkModule } from "../stack/sdkModule";

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
interface CallState {
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

function scheduleEndOfCall(): void {
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

function callState(policyName: string, resources: readonly StackResource[]): CallState {
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

function callAnalyzer(state: CallState, enrollmentAllowList: readonly string[]): MfaDenyAnalyzer {
    const key = [...enrollmentAllowList].sort().join(",");
    let analyzer = state.analyzers.get(key);
    if (!analyzer) {
        analyzer = new MfaDenyAnalyzer(actionCatalog(), enrollmentAllowList);
        state.analyzers.set(key, analyzer);
    }
    return analyzer;
}

export interface Violation {
    readonly message: string;
    readonly urn?: string;
}

export interface StackCheckInput {
    readonly graph: IamGraph;
    readonly config: GuardConfig;
    readonly analyzer: MfaDenyAnalyzer;
}

function failure(policyName: string, err: unknown): string {
    const reason = err instanceof Error ? err.message : String(err);
    return `${policyName} could not verify this stack, so it is not passed: ${reason}`;
}

/** Builds a validateStack that evaluates the stack and reports each violation; failures become violations. */
export function guardedStackValidation(policyName: string, check: (input: StackCheckInput) => Violation[]) {
    return async (args: StackValidationArgs, reportViolation: ReportViolation): Promise<void> => {
        let violations: Violation[];
        try {
            const config = readGuardConfig(args.getConfig<Record<string, unknown>>());
            const state = callState(policyName, args.resources as unknown as readonly StackResource[]);
            violations = check({ graph: state.graph, config, analyzer: callAnalyzer(state, config.enrollmentAllowList) });
        } catch (err) {
            violations = [{ message: failure(policyName, err) }];
        }
        for (const v of violations) {
            reportViolation(v.message, v.urn);
        }
    };
}

/**
 * What only the update can know: thrown by a per-resource check whose resource holds a value unknown during preview.
 * The analyzer SDK reports it as an advisory "can't run … during preview" with this message, and the update's own
 * Analyze call (inputs resolved, before the resource is created) judges the resource for real.
 */
export function knownOnlyAtUpdate(message: string): Error {
    type Proxy = { UnknownValueError?: new (sentinel: string, path: string[]) => Error };
    const UnknownValueError = sdkModule<Proxy>("@pulumi/policy/proxy")?.UnknownValueError;
    // Outside the analyzer SDK (a bundle of the evaluator) nothing reads the advisory kind: a plain error.
    const err = UnknownValueError ? new UnknownValueError(UNKNOWN_STRING, []) : new Error(message);
    err.message = message;
    (err as { [KNOWN_AT_UPDATE]?: true })[KNOWN_AT_UPDATE] = true;
    return err;
}

const KNOWN_AT_UPDATE = Symbol("force-mfa-guard: known only at update");

/**
 * The per-resource counterpart of guardedStackValidation: the engine sends Analyze with a resource's inputs before
 * its step runs (in `pulumi up` too), so what a resource decides on its own is refused before it exists. Failures
 * become violations; only knownOnlyAtUpdate's advisory reaches the SDK.
 */
export function guardedResourceValidation(
    policyName: string,
    types: readonly string[],
    check: (resource: StackResource, config: GuardConfig) => string[],
) {
    return (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!types.includes(args.type)) {
            return;
        }
        scheduleEndOfCall();
        let messages: string[];
        try {
            const config = readGuardConfig(args.getConfig<Record<string, unknown>>());
            messages = check({ type: args.type, urn: args.urn, name: args.name, props: args.props }, config);
        } catch (err) {
            if (err instanceof Error && (err as { [KNOWN_AT_UPDATE]?: true })[KNOWN_AT_UPDATE]) {
                throw err;
            }
            messages = [failure(policyName, err)];
        }
        for (const message of messages) {
            reportViolation(message);
        }
    };
}

/** An exemption needs the principal's real IAM name: an unknown one (undefined here) is never exempt. */
export function isExempt(exemptions: readonly { name: string }[], name: string | undefined): boolean {
    if (name === undefined || exemptions.length === 0) {
        return false;
    }
    // IAM user and role names are unique regardless of case.
    const lower = asciiLowerCase(name);
    for (const exemption of exemptions) {
        if (asciiLowerCase(exemption.name) === lower) {
            return true;
        }
    }
    return false;
}

/** The name an exemption of this user must match: its IAM name, if known. */
export function exemptionName(user: { name: string | undefined; nameKnown?: boolean }): string | undefined {
    return user.nameKnown === false ? undefined : user.name;
}
