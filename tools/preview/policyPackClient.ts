/**
 * Talks to a policy pack the way the Pulumi CLI does: starts it (packProcess), then calls the Analyzer gRPC service —
 * GetAnalyzerInfo, Configure with each policy's enforcement level and config-schema defaults, then an operation's
 * calls in the engine's sequence (`run`) — with resources marshalled as the engine marshals them for analyzers
 * (analyzerRequests).
 *
 * The engine's sequences (pulumi/pulumi pkg/resource/deploy):
 * - `preview`, `update` (step_generator.go): for each registered resource, one after the other (the deployment
 *   executor hands the step generator one registration at a time), Remediate with its inputs, then Analyze with
 *   its inputs as remediated; after every step, one AnalyzeStack with every resource's outputs, gathered from a
 *   concurrent map, so in no particular order (unorderedStack). An update stops at the first resource Analyze finds
 *   a mandatory violation on: nothing is sent after it, no AnalyzeStack.
 * - `policy analyze` (`pulumi policy analyze`, analyze_snapshot.go): for each resource of the state, Remediate
 *   (reported, never applied), then Analyze with its inputs; then AnalyzeStack with its outputs, in the state's
 *   order (stateOrder).
 */
import { CapturedResource } from "./capturedResource";
import { analyzeRequest, analyzeStackRequest, inputsOf, resourcesByUrn, StackResources } from "./analyzerRequests";
import { DEFAULT_ORDER_SEED, stateOrder, unorderedStack } from "./engineOrder";
import { Diagnostic, diagnosticsOf, Remediation, remediationDiagnostics, remediationsOf } from "./analyzerAnswers";
import { launchPack } from "./packProcess";
import { AnalyzerInfo, analyzerInfoOf, configureRequest, PolicyPackConfig } from "./policyConfig";
import { analyzerService, Empty, grpc } from "./pulumiProto";

export { DEFAULT_ORDER_SEED, inRegistrationOrder, stateOrder, unorderedStack } from "./engineOrder";
export { durationSeconds, inputsOf } from "./analyzerRequests";
export { reportedText } from "./analyzerAnswers";
export type { Diagnostic, EnforcementLevel, PolicySeverity, Remediation } from "./analyzerAnswers";
export type { AnalyzerInfo, PolicyInfo, PolicyPackConfig } from "./policyConfig";

export type EngineSequence = "preview" | "update" | "policy analyze";

/** How each sequence's calls go, in words (the benchmark prints it). */
export const SEQUENCE_CALLS: Record<EngineSequence, string> = {
    preview: "per resource, one after the other: Remediate, Analyze (inputs); then AnalyzeStack (outputs, unordered)",
    update: "per resource, one after the other: Remediate, Analyze (inputs), stopping at a mandatory violation; then AnalyzeStack (outputs, unordered)",
    "policy analyze": "per resource of the state: Remediate, Analyze (inputs); then AnalyzeStack (outputs, in the state's order)",
};

export interface RunOptions {
    /** The seed of AnalyzeStack's order (unorderedStack, stateOrder); "given": the resources in the order given. */
    readonly order?: number | "given";
    /** Told just before AnalyzeStack is sent, after every per-resource call (the benchmark reads the pack's CPU there). */
    readonly beforeStack?: () => void;
}

export interface EngineRun {
    readonly sequence: EngineSequence;
    /** Resource by resource, Remediate's then Analyze's; then AnalyzeStack's. */
    readonly diagnostics: Diagnostic[];
    /** AnalyzeStack's alone (the end of `diagnostics`), in the order the pack answered. */
    readonly stackDiagnostics: Diagnostic[];
    readonly remediations: Remediation[];
    /** An update's only: the resource whose Analyze found a mandatory violation, after which nothing was sent. */
    readonly stoppedAt?: string;
    /** The URNs in the order AnalyzeStack got them (none when it was not sent). */
    readonly stackOrder: string[];
}

export interface ResourceAnalysis {
    /** Remediate's, then Analyze's. */
    readonly diagnostics: Diagnostic[];
    /** Analyze's alone: what an update stops on. */
    readonly analyzed: Diagnostic[];
    readonly remediations: Remediation[];
    /** The inputs Analyze was sent: as a remediation rewrote them, where one was applied. */
    readonly inputs: Record<string, unknown>;
}

export interface PolicyPackSession {
    readonly info: AnalyzerInfo;
    /** The pack process itself (not its watchdog). */
    readonly pid: number;
    /** The port the pack serves on (127.0.0.1). */
    readonly port: number;
    configure(config?: PolicyPackConfig): Promise<void>;
    /** One Remediate call with the resource's inputs. */
    remediate(resource: CapturedResource, all?: readonly CapturedResource[]): Promise<Remediation[]>;
    /** One Analyze call with the resource's inputs. */
    analyze(resource: CapturedResource, all?: readonly CapturedResource[]): Promise<Diagnostic[]>;
    /** What the engine sends for one resource: Remediate, then Analyze (on the remediated inputs, if `apply`). */
    analyzeResource(resource: CapturedResource, all?: readonly CapturedResource[], apply?: boolean): Promise<ResourceAnalysis>;
    /** One AnalyzeStack call, the resources in the order given (`run` sends them in the engine's). */
    analyzeStack(resources: readonly CapturedResource[]): Promise<Diagnostic[]>;
    /** The AnalyzeStack request built now, sent when the returned function is called (the benchmark times only that). */
    prepareAnalyzeStack(resources: readonly CapturedResource[]): () => Promise<Diagnostic[]>;
    /** Every call the engine sends this pack for `sequence` on this stack, in the engine's order. */
    run(sequence: EngineSequence, resources: readonly CapturedResource[], options?: RunOptions): Promise<EngineRun>;
    /** run's requests built now, sent when the returned function is called (the benchmark times only that). */
    prepareRun(sequence: EngineSequence, resources: readonly CapturedResource[], options?: RunOptions): () => Promise<EngineRun>;
    close(): Promise<void>;
}

const MAX_MESSAGE = 512 * 1024 * 1024;

function call<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
        client[method](request, { deadline: Date.now() + 600_000 }, (err: Error | null, response: T) => (err ? reject(err) : resolve(response)));
    });
}

/** The order AnalyzeStack gets the resources in, for this sequence. */
function stackOrder(sequence: EngineSequence, resources: readonly CapturedResource[], options: RunOptions): CapturedResource[] {
    const order = options.order ?? DEFAULT_ORDER_SEED;
    if (order === "given") {
        return [...resources];
    }
    return sequence === "policy analyze" ? stateOrder(resources, order) : unorderedStack(resources, order);
}

/** The resource as AnalyzeStack sees it once a remediation rewrote its inputs: those, with its output-only values. */
function remediated(resource: CapturedResource, inputs: Record<string, unknown>): CapturedResource {
    const outputOnly = Object.fromEntries((resource.outputOnlyKeys ?? []).filter((k) => k in resource.properties).map((k) => [k, resource.properties[k]]));
    return { ...resource, properties: { ...outputOnly, ...inputs } };
}

/** What makes an update fail a resource: a mandatory violation from Analyze (the engine reads remediate as mandatory). */
const blocks = (d: Diagnostic) => d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate";

export async function startPolicyPack(packDir: string, startTimeoutMs = 180_000): Promise<PolicyPackSession> {
    const pack = await launchPack(packDir, startTimeoutMs);
    try {
        const client = new analyzerService.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
            "grpc.max_send_message_length": MAX_MESSAGE,
            "grpc.max_receive_message_length": MAX_MESSAGE,
        });
        const info = analyzerInfoOf(await call(client, "getAnalyzerInfo", new Empty()));

        // A resource policy reports without a URN: the engine knows which resource it asked about.
        const analyzeWith = async (resource: CapturedResource, request: unknown) =>
            diagnosticsOf(await call(client, "analyze", request)).map((d) => ({ ...d, urn: d.urn || resource.urn }));

        /** Remediate, then Analyze: on the inputs as remediated when `apply` (a preview, an update), else as they were. */
        async function resourceCalls(resource: CapturedResource, all: StackResources, request: unknown, apply: boolean): Promise<ResourceAnalysis> {
            const remediations = remediationsOf(await call(client, "remediate", request), resource.urn);
            const diagnostics: Diagnostic[] = [];
            const original = inputsOf(resource);
            let remediated = original;
            // The SDK runs a pack's remediations in turn, each on what the previous one left; the engine applies
            // those without a diagnostic.
            for (const r of remediations) {
                diagnostics.push(...remediationDiagnostics([r], remediated));
                if (r.properties && r.diagnostic === undefined) {
                    remediated = r.properties;
                }
            }
            const sent = apply ? remediated : original;
            if (sent !== original) {
                request = analyzeRequest(resource, all, sent);
            }
            const analyzed = await analyzeWith(resource, request);
            diagnostics.push(...analyzed);
            return { diagnostics, analyzed, remediations, inputs: sent };
        }

        function prepareRun(sequence: EngineSequence, resources: readonly CapturedResource[], options: RunOptions = {}): () => Promise<EngineRun> {
            const all = resourcesByUrn(resources);
            // One request per resource serves its Remediate and its Analyze, as the engine sends them the same inputs.
            const requests = resources.map((r) => analyzeRequest(r, all));
            const order = stackOrder(sequence, resources, options);
            const stackRequest = analyzeStackRequest(order);
            const apply = sequence !== "policy analyze";
            return async () => {
                const diagnostics: Diagnostic[] = [];
                const remediations: Remediation[] = [];
                const rewritten = new Map<string, Record<string, unknown>>();
                for (let i = 0; i < resources.length; i++) {
                    const r = resources[i];
                    const result = await resourceCalls(r, all, requests[i], apply);
                    diagnostics.push(...result.diagnostics);
                    remediations.push(...result.remediations);
                    if (apply && result.remediations.some((m) => m.properties && m.diagnostic === undefined)) {
                        rewritten.set(r.urn, result.inputs);
                    }
                    if (sequence === "update" && result.analyzed.some(blocks)) {
                        return { sequence, diagnostics, stackDiagnostics: [], remediations, stoppedAt: r.urn, stackOrder: [] };
                    }
                }
                options.beforeStack?.();
                const stack = rewritten.size === 0 ? stackRequest : analyzeStackRequest(order.map((r) => (rewritten.has(r.urn) ? remediated(r, rewritten.get(r.urn)!) : r)));
                const stackDiagnostics = diagnosticsOf(await call(client, "analyzeStack", stack));
                diagnostics.push(...stackDiagnostics);
                return { sequence, diagnostics, stackDiagnostics, remediations, stackOrder: order.map((r) => r.urn) };
            };
        }

        return {
            info,
            pid: pack.pid,
            port: pack.port,
            async configure(config: PolicyPackConfig = {}) {
                await call(client, "configure", configureRequest(info, config));
            },
            async remediate(resource: CapturedResource, all: readonly CapturedResource[] = []) {
                return remediationsOf(await call(client, "remediate", analyzeRequest(resource, all)), resource.urn);
            },
            async analyze(resource: CapturedResource, all: readonly CapturedResource[] = []) {
                return analyzeWith(resource, analyzeRequest(resource, all));
            },
            async analyzeResource(resource: CapturedResource, all: readonly CapturedResource[] = [], apply = true) {
                return resourceCalls(resource, all, analyzeRequest(resource, all), apply);
            },
            async analyzeStack(resources: readonly CapturedResource[]) {
                return diagnosticsOf(await call(client, "analyzeStack", analyzeStackRequest(resources)));
            },
            prepareAnalyzeStack(resources: readonly CapturedResource[]) {
                const request = analyzeStackRequest(resources);
                return async () => diagnosticsOf(await call(client, "analyzeStack", request));
            },
            async run(sequence: EngineSequence, resources: readonly CapturedResource[], options?: RunOptions) {
                return prepareRun(sequence, resources, options)();
            },
            prepareRun,
            async close() {
                client.close();
                await pack.close();
            },
        };
    } catch (err) {
        await pack.close();
        throw err;
    }
}
