/**
 * Talks to a policy pack the way the Pulumi CLI does: starts it with @pulumi/pulumi's run-policy-pack (ts-node for a
 * TypeScript pack), reads the port it prints, and calls the Analyzer gRPC service — GetAnalyzerInfo, Configure with
 * each policy's enforcement level and config-schema defaults, Analyze per resource, AnalyzeStack once.
 */
import Ajv from "ajv";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { CapturedResource } from "./capturedResource";

// The stubs, messages and gRPC runtime must be the very modules @pulumi/pulumi resolves, or instanceof checks fail.
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));
const grpc = fromPulumi("@grpc/grpc-js");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb");
const analyzerService = require(path.join(pulumiDir, "proto/analyzer_grpc_pb"));
const analyzerMessages = require(path.join(pulumiDir, "proto/analyzer_pb"));

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";

const LEVEL_NAMES: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const LEVEL_NUMBERS: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configDefaults: Record<string, unknown>;
    /** The policy's config as a JSON schema (its declared properties and required keys). */
    configSchema: Record<string, unknown>;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    /** As @pulumi/policy sends it: the policy's description, a newline, then what the policy reported. */
    message: string;
    urn: string;
    enforcementLevel: EnforcementLevel;
    description: string;
}

/** The CLI's `--policy-pack-config` format: policy name → an enforcement level, or an object of config values. */
export type PolicyPackConfig = Record<string, EnforcementLevel | Record<string, unknown>>;

export interface PolicyPackSession {
    readonly info: AnalyzerInfo;
    /** The pack process itself (not its watchdog). */
    readonly pid: number;
    configure(config?: PolicyPackConfig): Promise<void>;
    analyze(resource: CapturedResource, all?: readonly CapturedResource[]): Promise<Diagnostic[]>;
    analyzeStack(resources: readonly CapturedResource[]): Promise<Diagnostic[]>;
    close(): Promise<void>;
}

const MAX_MESSAGE = 512 * 1024 * 1024;

function call<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
        client[method](request, { deadline: Date.now() + 600_000 }, (err: Error | null, response: T) => (err ? reject(err) : resolve(response)));
    });
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A Go duration as Pulumi takes custom timeouts ("1h30m", "90s") in seconds, as the engine sends them; 0 if unset. */
export function durationSeconds(text: string | undefined): number {
    if (!text) {
        return 0;
    }
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) {
        throw new Error(`"${text}" is not a duration such as "30s", "5m" or "1h30m"`);
    }
    return parts.reduce((sum, [, value, unit]) => sum + Number(value) * DURATION_UNITS[unit], 0);
}

function options(resource: CapturedResource) {
    const o = new analyzerMessages.AnalyzerResourceOptions();
    o.setProtect(resource.options.protect);
    o.setIgnorechangesList(resource.options.ignoreChanges);
    o.setDeletebeforereplace(resource.options.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(resource.options.deleteBeforeReplace);
    o.setAdditionalsecretoutputsList(resource.options.additionalSecretOutputs);
    o.setAliasesList(resource.options.aliases);
    const timeouts = resource.options.customTimeouts;
    if (timeouts && (timeouts.create || timeouts.update || timeouts.delete)) {
        const t = new analyzerMessages.AnalyzerResourceOptions.CustomTimeouts();
        t.setCreate(durationSeconds(timeouts.create));
        t.setUpdate(durationSeconds(timeouts.update));
        t.setDelete(durationSeconds(timeouts.delete));
        o.setCustomtimeouts(t);
    }
    if (resource.parent) {
        o.setParent(resource.parent);
    }
    return o;
}

function providerOf(resource: CapturedResource, all: readonly CapturedResource[]) {
    if (!resource.provider) {
        return undefined;
    }
    const urn = resource.provider.split("::").slice(0, -1).join("::");
    const provider = all.find((r) => r.urn === urn);
    if (!provider) {
        return undefined;
    }
    const p = new analyzerMessages.AnalyzerProviderResource();
    p.setType(provider.type);
    p.setName(provider.name);
    p.setUrn(provider.urn);
    p.setProperties(Struct.fromJavaScript(provider.properties));
    return p;
}

function analyzerResource(resource: CapturedResource, all: readonly CapturedResource[]) {
    const r = new analyzerMessages.AnalyzerResource();
    r.setType(resource.type);
    r.setUrn(resource.urn);
    r.setName(resource.name);
    r.setProperties(Struct.fromJavaScript(resource.properties));
    r.setOptions(options(resource));
    const provider = providerOf(resource, all);
    if (provider) {
        r.setProvider(provider);
    }
    if (resource.parent) {
        r.setParent(resource.parent);
    }
    r.setDependenciesList(resource.dependencies);
    const map = r.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
        const deps = new analyzerMessages.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        map.set(key, deps);
    }
    return r;
}

/** A resource's inputs: its properties without the outputs-only keys. */
export function inputsOf(resource: CapturedResource): Record<string, unknown> {
    const outputOnly = new Set(resource.outputOnlyKeys ?? []);
    return Object.fromEntries(Object.entries(resource.properties).filter(([key]) => !outputOnly.has(key)));
}

/** What the policy itself reported, without the description @pulumi/policy puts first. */
export function reportedText(diagnostic: Diagnostic): string {
    const prefix = `${diagnostic.description}\n`;
    return diagnostic.description && diagnostic.message.startsWith(prefix) ? diagnostic.message.slice(prefix.length) : diagnostic.message;
}

function diagnostics(response: any): Diagnostic[] {
    return response.getDiagnosticsList().map((d: any) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        message: d.getMessage(),
        urn: d.getUrn(),
        enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()] ?? "advisory",
        description: d.getDescription(),
    }));
}

/**
 * The JSON schema a policy's config is checked against before Configure, as the CLI does. Keys the policy does not
 * declare are refused too: a misspelt "exemptUser" would otherwise exempt nobody, silently.
 */
function configSchemaOf(schema: any): Record<string, unknown> {
    return {
        type: "object",
        properties: schema?.getProperties()?.toJavaScript() ?? {},
        required: schema?.getRequiredList?.() ?? [],
        additionalProperties: false,
    };
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** "exemptUsers/0: must have required property 'reason'; …" — every problem of one policy's config. */
function configProblems(schema: Record<string, unknown>, values: Record<string, unknown>): string | undefined {
    const validate = ajv.compile(schema);
    if (validate(values)) {
        return undefined;
    }
    return (validate.errors ?? [])
        .map((e) => {
            const at = e.instancePath.replace(/^\//, "") || "config";
            const extra = e.keyword === "additionalProperties" ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : "";
            return `${at}: ${e.message}${extra}`;
        })
        .join("; ");
}

function defaultsOf(schema: any): Record<string, unknown> {
    const properties = schema?.getProperties()?.toJavaScript() ?? {};
    const defaults: Record<string, unknown> = {};
    for (const [key, definition] of Object.entries(properties as Record<string, { default?: unknown }>)) {
        if (definition && "default" in definition) {
            defaults[key] = definition.default;
        }
    }
    return defaults;
}

async function waitForPort(child: ChildProcess, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => reject(new Error(`the policy pack did not start within ${timeoutMs / 1000} s: ${stderr.trim().slice(-500)}`)), timeoutMs);
        child.stdout!.on("data", (chunk) => {
            stdout += chunk;
            const match = /^(\d+)\s*$/m.exec(stdout);
            if (match) {
                clearTimeout(timer);
                resolve(Number(match[1]));
            }
        });
        child.stderr!.on("data", (chunk) => (stderr += chunk));
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`the policy pack exited (code ${code}) before serving: ${stderr.trim().split("\n").slice(-8).join("\n")}`));
        });
    });
}

const running = new Set<ChildProcess>();
let exitHooksInstalled = false;

/** A pack child outlives a crashed parent unless killed: kill every one on the way out. */
function installExitHooks(): void {
    if (exitHooksInstalled) {
        return;
    }
    exitHooksInstalled = true;
    process.on("exit", () => running.forEach((c) => c.kill("SIGTERM")));
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        process.once(signal, () => {
            running.forEach((c) => c.kill("SIGTERM"));
            process.exit(130);
        });
    }
}

export async function startPolicyPack(packDir: string, startTimeoutMs = 180_000): Promise<PolicyPackSession> {
    installExitHooks();
    const dir = path.resolve(packDir);
    // The pack runs under a watchdog that kills it when this process goes away, however it goes.
    const child = spawn(
        process.execPath,
        ["-r", require.resolve("ts-node/register/transpile-only"), path.join(__dirname, "packWatchdog.ts"), path.join(pulumiDir, "cmd/run-policy-pack/index.js"), dir],
        { cwd: dir, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
    );
    running.add(child);
    child.once("exit", () => running.delete(child));
    let packPid = 0;
    child.stdout!.on("data", (chunk: Buffer) => {
        const match = /^pid:(\d+)$/m.exec(chunk.toString());
        if (match) {
            packPid = Number(match[1]);
        }
    });
    const close = async () => {
        if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGTERM"); // the watchdog kills the pack, then exits
            await exited;
        }
    };
    try {
        const port = await waitForPort(child, startTimeoutMs);
        const client = new analyzerService.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_send_message_length": MAX_MESSAGE,
            "grpc.max_receive_message_length": MAX_MESSAGE,
        });
        const rawInfo: any = await call(client, "getAnalyzerInfo", new Empty());
        const info: AnalyzerInfo = {
            name: rawInfo.getName(),
            version: rawInfo.getVersion(),
            policies: rawInfo.getPoliciesList().map((p: any) => ({
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()] ?? "advisory",
                configDefaults: defaultsOf(p.getConfigschema()),
                configSchema: configSchemaOf(p.getConfigschema()),
            })),
        };
        return {
            info,
            pid: packPid,
            async configure(config: PolicyPackConfig = {}) {
                if (typeof config !== "object" || config === null || Array.isArray(config)) {
                    throw new Error(`must be an object of policy names, got ${JSON.stringify(config)}`);
                }
                for (const [name, given] of Object.entries(config)) {
                    if (typeof given !== "string" && (typeof given !== "object" || given === null || Array.isArray(given))) {
                        throw new Error(`policy ${name}: must be an enforcement level or an object of config values, got ${JSON.stringify(given)}`);
                    }
                }
                // "all": a level for every policy that does not set its own, as the CLI reads it.
                const everyPolicyLevel = config.all;
                if (everyPolicyLevel !== undefined && (typeof everyPolicyLevel !== "string" || !(everyPolicyLevel in LEVEL_NUMBERS))) {
                    throw new Error(`all: must be an enforcement level (advisory, mandatory, remediate or disabled), got ${JSON.stringify(everyPolicyLevel)}`);
                }
                const unknown = Object.keys(config).filter((name) => name !== "all" && !info.policies.some((p) => p.name === name));
                if (unknown.length > 0) {
                    throw new Error(`policy config names policies that ${info.name} does not have: ${unknown.join(", ")}`);
                }
                const request = new analyzerMessages.ConfigureAnalyzerRequest();
                const map = request.getPolicyconfigMap();
                for (const policy of info.policies) {
                    const given = config[policy.name];
                    const values = typeof given === "object" && given !== null ? { ...given } : {};
                    const level =
                        (typeof given === "string" ? given : (values.enforcementLevel as EnforcementLevel | undefined)) ??
                        (everyPolicyLevel as EnforcementLevel | undefined) ??
                        policy.enforcementLevel;
                    delete values.enforcementLevel;
                    if (!(level in LEVEL_NUMBERS)) {
                        throw new Error(`policy ${policy.name}: enforcement level must be advisory, mandatory, remediate or disabled, got ${JSON.stringify(level)}`);
                    }
                    const problems = configProblems(policy.configSchema, values);
                    if (problems) {
                        throw new Error(`policy ${policy.name}: ${problems}`);
                    }
                    const policyConfig = new analyzerMessages.PolicyConfig();
                    policyConfig.setEnforcementlevel(LEVEL_NUMBERS[level]);
                    policyConfig.setProperties(Struct.fromJavaScript({ ...policy.configDefaults, ...values }));
                    map.set(policy.name, policyConfig);
                }
                await call(client, "configure", request);
            },
            async analyze(resource: CapturedResource, all: readonly CapturedResource[] = []) {
                const request = new analyzerMessages.AnalyzeRequest();
                request.setType(resource.type);
                request.setUrn(resource.urn);
                request.setName(resource.name);
                // Analyze sees a resource's inputs (AnalyzeStack its outputs), as in the engine.
                request.setProperties(Struct.fromJavaScript(inputsOf(resource)));
                request.setOptions(options(resource));
                const provider = providerOf(resource, all);
                if (provider) {
                    request.setProvider(provider);
                }
                // A resource policy reports without a URN: the engine knows which resource it asked about.
                return diagnostics(await call(client, "analyze", request)).map((d) => ({ ...d, urn: d.urn || resource.urn }));
            },
            async analyzeStack(resources: readonly CapturedResource[]) {
                const request = new analyzerMessages.AnalyzeStackRequest();
                request.setResourcesList(resources.map((r) => analyzerResource(r, resources)));
                return diagnostics(await call(client, "analyzeStack", request));
            },
            async close() {
                client.close();
                await close();
            },
        };
    } catch (err) {
        await close();
        throw err;
    }
}
