/**
 * Talks to a policy pack the way the Pulumi CLI does: starts it (packProcess), then calls the Analyzer gRPC service —
 * GetAnalyzerInfo, Configure with each policy's enforcement level and config-schema defaults, Analyze per resource,
 * AnalyzeStack once — with resources marshalled as the engine marshals them for analyzers (analyzerRequests).
 */
import { CapturedResource } from "./capturedResource";
import { analyzeRequest, analyzeStackRequest, Diagnostic, diagnosticsOf } from "./analyzerRequests";
import { launchPack } from "./packProcess";
import { AnalyzerInfo, analyzerInfoOf, configureRequest, PolicyPackConfig } from "./policyConfig";
import { analyzerService, Empty, grpc } from "./pulumiProto";

export { durationSeconds, inputsOf, reportedText } from "./analyzerRequests";
export type { Diagnostic, EnforcementLevel, PolicySeverity } from "./analyzerRequests";
export type { AnalyzerInfo, PolicyInfo, PolicyPackConfig } from "./policyConfig";

export interface PolicyPackSession {
    readonly info: AnalyzerInfo;
    /** The pack process itself (not its watchdog). */
    readonly pid: number;
    configure(config?: PolicyPackConfig): Promise<void>;
    analyze(resource: CapturedResource, all?: readonly CapturedResource[]): Promise<Diagnostic[]>;
    analyzeStack(resources: readonly CapturedResource[]): Promise<Diagnostic[]>;
    /** The AnalyzeStack request built now, sent when the returned function is called (the benchmark times only that). */
    prepareAnalyzeStack(resources: readonly CapturedResource[]): () => Promise<Diagnostic[]>;
    close(): Promise<void>;
}

const MAX_MESSAGE = 512 * 1024 * 1024;

function call<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
        client[method](request, { deadline: Date.now() + 600_000 }, (err: Error | null, response: T) => (err ? reject(err) : resolve(response)));
    });
}

export async function startPolicyPack(packDir: string, startTimeoutMs = 180_000): Promise<PolicyPackSession> {
    const pack = await launchPack(packDir, startTimeoutMs);
    try {
        const client = new analyzerService.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
            "grpc.max_send_message_length": MAX_MESSAGE,
            "grpc.max_receive_message_length": MAX_MESSAGE,
        });
        const info = analyzerInfoOf(await call(client, "getAnalyzerInfo", new Empty()));
        return {
            info,
            pid: pack.pid,
            async configure(config: PolicyPackConfig = {}) {
                await call(client, "configure", configureRequest(info, config));
            },
            async analyze(resource: CapturedResource, all: readonly CapturedResource[] = []) {
                // A resource policy reports without a URN: the engine knows which resource it asked about.
                const diagnostics = diagnosticsOf(await call(client, "analyze", analyzeRequest(resource, all)));
                return diagnostics.map((d) => ({ ...d, urn: d.urn || resource.urn }));
            },
            async analyzeStack(resources: readonly CapturedResource[]) {
                return diagnosticsOf(await call(client, "analyzeStack", analyzeStackRequest(resources)));
            },
            prepareAnalyzeStack(resources: readonly CapturedResource[]) {
                const request = analyzeStackRequest(resources);
                return async () => diagnosticsOf(await call(client, "analyzeStack", request));
            },
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
