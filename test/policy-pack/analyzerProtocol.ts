/**
 * Cases of a stack sent to force-mfa-guard over the analyzer protocol, the pack started as the Pulumi CLI starts it
 * (tools/preview's client): resources built here as the engine would hand them over, in the engine's sequence — per
 * resource, one after the other, Remediate then Analyze with its inputs; then AnalyzeStack with the outputs, in no
 * particular order (a preview, an update) or the state's (`pulumi policy analyze`).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CapturedResource } from "../../tools/preview/capturedResource";
import {
    Diagnostic,
    EngineRun,
    EngineSequence,
    inRegistrationOrder,
    PolicyPackConfig,
    PolicyPackSession,
    reportedText,
    RunOptions,
    startPolicyPack,
} from "../../tools/preview/policyPackClient";
import type { CallLogEntry } from "../../policy-pack/stack/analyzerMessages";

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

export function captured(r: Res): CapturedResource {
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

/** Where the pack writes how each stack policy found its call's state (FORCE_MFA_GUARD_CALL_LOG), and reading it. */
export class CallLog {
    readonly file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-calls-")), "calls.jsonl");

    entries(): CallLogEntry[] {
        const text = fs.existsSync(this.file) ? fs.readFileSync(this.file, "utf8") : "";
        return text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as CallLogEntry);
    }

    /** The entries of the AnalyzeStack call the pack decoded as its n-th (1, 2, …). */
    ofRequest(request: number): CallLogEntry[] {
        return this.entries().filter((e) => e.request === request);
    }

    remove(): void {
        fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
    }
}

export class PackUnderTest {
    private session?: PolicyPackSession;

    /** `callLog`: the pack writes there how each stack policy found its call's state. */
    async start(config: PolicyPackConfig = {}, callLog?: CallLog): Promise<void> {
        const saved = process.env.FORCE_MFA_GUARD_CALL_LOG;
        if (callLog) {
            process.env.FORCE_MFA_GUARD_CALL_LOG = callLog.file;
        }
        try {
            this.session = await startPolicyPack(path.join(ROOT, "policy-pack"));
        } finally {
            if (saved === undefined) {
                delete process.env.FORCE_MFA_GUARD_CALL_LOG;
            } else {
                process.env.FORCE_MFA_GUARD_CALL_LOG = saved;
            }
        }
        await this.session.configure(config);
    }

    get pack(): PolicyPackSession {
        return this.session!;
    }

    async configure(config: PolicyPackConfig): Promise<void> {
        await this.session!.configure(config);
    }

    get info() {
        return this.session!.info;
    }

    /** The engine's calls for `sequence` on this stack (AnalyzeStack's diagnostics in registration order). */
    async run(sequence: EngineSequence, resources: readonly Res[], options?: RunOptions): Promise<EngineRun> {
        const stack = resources.map(captured);
        const run = await this.session!.run(sequence, stack, options);
        const perResource = run.diagnostics.slice(0, run.diagnostics.length - run.stackDiagnostics.length);
        const stackDiagnostics = inRegistrationOrder(run.stackDiagnostics, stack);
        return { ...run, diagnostics: [...perResource, ...stackDiagnostics], stackDiagnostics };
    }

    /** As `pulumi preview`: Remediate and Analyze of each resource, then AnalyzeStack. */
    async preview(resources: readonly Res[], options?: RunOptions): Promise<Verdict[]> {
        return verdicts((await this.run("preview", resources, options)).diagnostics);
    }

    /** As `pulumi policy analyze` on the stack's state: Remediate and Analyze of each resource, then AnalyzeStack. */
    async analyzeState(resources: readonly Res[], options?: RunOptions): Promise<Verdict[]> {
        return verdicts((await this.run("policy analyze", resources, options)).diagnostics);
    }

    async close(): Promise<void> {
        await this.session?.close();
    }
}

export function verdicts(diagnostics: Diagnostic[]): Verdict[] {
    return diagnostics.map((d) => ({ policy: d.policyName, level: d.enforcementLevel, urn: d.urn, message: reportedText(d) }));
}

/** Verdicts other than the advisory notices. */
export function blocking(verdicts: readonly Verdict[]): Verdict[] {
    return verdicts.filter((v) => v.level === "mandatory");
}

/** The one verdict of a policy: the test fails, listing every verdict, if it has none or several. */
export function only(verdicts: readonly Verdict[], policyName: string): Verdict {
    const found = verdicts.filter((v) => v.policy === policyName);
    expect(found, JSON.stringify(verdicts)).to.have.length(1);
    return found[0];
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
