/**
 * The wrappers every policy's validation goes through: config read with defaults, the call's shared state, and any
 * failure turned into a violation. A pack enforced org-wide must never crash a preview, and must never let something
 * pass because it could not be checked.
 */
import { ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { GuardConfig, readGuardConfig } from "../guardConfig";
import { DenyQuestion, MfaDenyAnalyzer } from "../iam/mfaDenyAnalysis";
import { IamGraph, StackResource } from "../stack/iamGraph";
import { UNKNOWN_STRING } from "../stack/knownValues";
import { readPropertiesOf } from "../stack/sharedProperties";
import { sdkModule } from "../stack/sdkModule";
import { callAnalyzer, callState, scheduleEndOfCall } from "./callState";

export interface Violation {
    readonly message: string;
    readonly urn?: string;
}

export interface StackCheckInput {
    readonly graph: IamGraph;
    readonly config: GuardConfig;
    readonly analyzer: MfaDenyAnalyzer;
    /** The call's analyzer for a narrower question than the MFA deny's (built once per call and question). */
    readonly analyzerFor: (question: DenyQuestion) => MfaDenyAnalyzer;
}

/**
 * The input of a stack check outside the analyzer (the account audit): the narrower questions' analyzers are built
 * on the given one's catalog, once each.
 */
export function stackCheckInput(graph: IamGraph, config: GuardConfig, analyzer: MfaDenyAnalyzer): StackCheckInput {
    const asked = new Map<string, MfaDenyAnalyzer>();
    const analyzerFor = (question: DenyQuestion) => {
        const key = `${question.mustDeny.join(",")}|${question.contexts.map((c) => c.name).join(",")}`;
        let built = asked.get(key);
        if (!built) {
            built = new MfaDenyAnalyzer(analyzer.catalog, config.enrollmentAllowList, question);
            asked.set(key, built);
        }
        return built;
    };
    return { graph, config, analyzer, analyzerFor };
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
            violations = check({
                graph: state.graph,
                config,
                analyzer: callAnalyzer(state, config.enrollmentAllowList),
                analyzerFor: (question) => callAnalyzer(state, config.enrollmentAllowList, question),
            });
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
    readPropertiesOf(types);
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
