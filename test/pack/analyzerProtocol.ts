/**
 * Cases of a stack sent to force-mfa-guard over the analyzer protocol, the pack started as the Pulumi CLI starts it
 * (tools/preview's client): resources built here as the engine would hand them over, `Analyze` per resource with
 * its inputs and `AnalyzeStack` with its outputs — or, as `pulumi policy analyze` does, `AnalyzeStack` alone.
 */
import * as path from "path";
import { CapturedResource } from "../../tools/preview/capturedResource";
import { Diagnostic, PolicyPackConfig, PolicyPackSession, reportedText, startPolicyPack } from "../../tools/preview/policyPackClient";

export { UNKNOWN } from "../../tools/preview/capturedResource";

const ROOT = path.resolve(__dirname, "../..");

/** A resource as the stack fixtures build it (stackFixtures.ts). */
export interface Res {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: Record<string, unknown>;
    /** Property → the resources its value came from (the engine's propertyDependencies). */
    readonly propertyDependencies: Record<string, readonly Res[]>;
}

function captured(r: Res): CapturedResource {
    const propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.urn)]));
    return {
        type: r.type,
        urn: r.urn,
        name: r.name,
        custom: true,
        properties: r.props,
        dependencies: [...new Set(Object.values(propertyDependencies).flat())],
        propertyDependencies,
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
    };
}

export interface Verdict {
    readonly policy: string;
    readonly level: string;
    readonly urn: string;
    readonly message: string;
}

export class PackUnderTest {
    private session?: PolicyPackSession;

    async start(config: PolicyPackConfig = {}): Promise<void> {
        this.session = await startPolicyPack(path.join(ROOT, "policy-pack"));
        await this.session.configure(config);
    }

    async configure(config: PolicyPackConfig): Promise<void> {
        await this.session!.configure(config);
    }

    get info() {
        return this.session!.info;
    }

    /** As `pulumi preview`/`up`: Analyze of each resource, then AnalyzeStack. */
    async preview(resources: readonly Res[]): Promise<Verdict[]> {
        const stack = resources.map(captured);
        const diagnostics = [...(await Promise.all(stack.map((r) => this.session!.analyze(r, stack)))).flat(), ...(await this.session!.analyzeStack(stack))];
        return verdicts(diagnostics);
    }

    /** As `pulumi policy analyze`: the stack's state, AnalyzeStack only. */
    async analyzeState(resources: readonly Res[]): Promise<Verdict[]> {
        return verdicts(await this.session!.analyzeStack(resources.map(captured)));
    }

    async close(): Promise<void> {
        await this.session?.close();
    }
}

function verdicts(diagnostics: Diagnostic[]): Verdict[] {
    return diagnostics.map((d) => ({ policy: d.policyName, level: d.enforcementLevel, urn: d.urn, message: reportedText(d) }));
}

/** Verdicts other than the advisory notices. */
export function blocking(verdicts: readonly Verdict[]): Verdict[] {
    return verdicts.filter((v) => v.level === "mandatory");
}

/**
 * The test's stand-in for a `__proto__` key: google-protobuf's JavaScript maps cannot hold that key, so a document
 * carries STAND_IN_PROTO_KEY (same length) and the request bytes are rewritten, as the Go engine would send them.
 */
export const STAND_IN_PROTO_KEY = "__PROTO__";

let rewriting = false;

export function sendStandInAsProtoKey(): void {
    if (rewriting) {
        return;
    }
    rewriting = true;
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const messages = require(path.join(pulumiDir, "proto/analyzer_pb"));
    const from = Buffer.from([0x0a, 0x09, ...Buffer.from(STAND_IN_PROTO_KEY)]);
    const to = Buffer.from([0x0a, 0x09, ...Buffer.from("__proto__")]);
    for (const name of ["AnalyzeRequest", "AnalyzeStackRequest"]) {
        const prototype = messages[name].prototype;
        const serialize = prototype.serializeBinary;
        prototype.serializeBinary = function (this: unknown) {
            const bytes = Buffer.from(serialize.call(this));
            for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + from.length)) {
                to.copy(bytes, at);
            }
            return new Uint8Array(bytes);
        };
    }
}
