/**
 * A captured resource as the engine sends it to an analyzer — Remediate and Analyze (its inputs), AnalyzeStack (its
 * outputs, options, provider, parent, dependencies, property dependencies), in the order the engine gathers them —
 * and the diagnostics and remediations the analyzer answers.
 */
import { analyzerProperties } from "./analyzerProperties";
import { CapturedResource } from "./capturedResource";
import { analyzerMessages, Struct } from "./pulumiProto";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
/** A policy's severity as the protocol carries it (`unspecified` when the policy names none). */
export type PolicySeverity = "unspecified" | "low" | "medium" | "high" | "critical";

export const LEVEL_NAMES: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
export const LEVEL_NUMBERS: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
export const SEVERITY_NAMES: Record<number, PolicySeverity> = { 0: "unspecified", 1: "low", 2: "medium", 3: "high", 4: "critical" };

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    /** As @pulumi/policy sends it: the policy's description, a newline, then what the policy reported. */
    message: string;
    urn: string;
    enforcementLevel: EnforcementLevel;
    severity: PolicySeverity;
    description: string;
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

/** Properties as the engine marshals them for analyzers (resource references downgraded), as a Struct. */
function struct(properties: Record<string, unknown>) {
    return Struct.fromJavaScript(analyzerProperties(properties));
}

export function resourceOptions(resource: CapturedResource) {
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

/** The stack's resources, or them by URN (resourcesByUrn): requests built for a whole stack look providers up there. */
export type StackResources = readonly CapturedResource[] | ReadonlyMap<string, CapturedResource>;

export function resourcesByUrn(all: readonly CapturedResource[]): ReadonlyMap<string, CapturedResource> {
    const index = new Map<string, CapturedResource>();
    for (const r of all) {
        if (!index.has(r.urn)) {
            index.set(r.urn, r);
        }
    }
    return index;
}

export function providerOf(resource: CapturedResource, all: StackResources) {
    if (!resource.provider) {
        return undefined;
    }
    const urn = resource.provider.split("::").slice(0, -1).join("::");
    const provider = Array.isArray(all) ? (all as readonly CapturedResource[]).find((r) => r.urn === urn) : (all as ReadonlyMap<string, CapturedResource>).get(urn);
    if (!provider) {
        return undefined;
    }
    const p = new analyzerMessages.AnalyzerProviderResource();
    p.setType(provider.type);
    p.setName(provider.name);
    p.setUrn(provider.urn);
    p.setProperties(struct(provider.properties));
    return p;
}

/** A resource's inputs: its properties without the outputs-only keys. */
export function inputsOf(resource: CapturedResource): Record<string, unknown> {
    const outputOnly = new Set(resource.outputOnlyKeys ?? []);
    return Object.fromEntries(Object.entries(resource.properties).filter(([key]) => !outputOnly.has(key)));
}

/**
 * Remediate and Analyze see a resource's inputs (AnalyzeStack its outputs), as in the engine; one request serves both
 * calls. `inputs`: what a remediation left of them.
 */
export function analyzeRequest(resource: CapturedResource, all: StackResources, inputs: Record<string, unknown> = inputsOf(resource)) {
    const request = new analyzerMessages.AnalyzeRequest();
    request.setType(resource.type);
    request.setUrn(resource.urn);
    request.setName(resource.name);
    request.setProperties(struct(inputs));
    request.setOptions(resourceOptions(resource));
    const provider = providerOf(resource, all);
    if (provider) {
        request.setProvider(provider);
    }
    return request;
}

function stackResource(resource: CapturedResource, all: StackResources) {
    const r = new analyzerMessages.AnalyzerResource();
    r.setType(resource.type);
    r.setUrn(resource.urn);
    r.setName(resource.name);
    r.setProperties(struct(resource.properties));
    r.setOptions(resourceOptions(resource));
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

export function analyzeStackRequest(resources: readonly CapturedResource[]) {
    const request = new analyzerMessages.AnalyzeStackRequest();
    const index = resourcesByUrn(resources);
    request.setResourcesList(resources.map((r) => stackResource(r, index)));
    return request;
}

/** What the policy itself reported, without the description @pulumi/policy puts first. */
export function reportedText(diagnostic: Diagnostic): string {
    const prefix = `${diagnostic.description}\n`;
    return diagnostic.description && diagnostic.message.startsWith(prefix) ? diagnostic.message.slice(prefix.length) : diagnostic.message;
}

export function diagnosticsOf(response: any): Diagnostic[] {
    return response.getDiagnosticsList().map((d: any) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        message: d.getMessage(),
        urn: d.getUrn(),
        enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()] ?? "advisory",
        severity: SEVERITY_NAMES[d.getSeverity?.() ?? 0] ?? "unspecified",
        description: d.getDescription(),
    }));
}

/** What a Remediate answer holds for one policy: the inputs it rewrote, or why it could not run. */
export interface Remediation {
    policyName: string;
    policyPackName: string;
    description: string;
    /** The resource Remediate was sent for. */
    urn: string;
    /** The inputs as the policy rewrote them: a preview or an update goes on with these. */
    properties?: Record<string, unknown>;
    /** A remediation that could not run (say, on a value unknown during preview). */
    diagnostic?: string;
}

export function remediationsOf(response: any, urn: string): Remediation[] {
    return response.getRemediationsList().map((r: any): Remediation => {
        const properties = r.getProperties()?.toJavaScript();
        const diagnostic: string = r.getDiagnostic();
        return {
            policyName: r.getPolicyname(),
            policyPackName: r.getPolicypackname(),
            description: r.getDescription(),
            urn,
            ...(properties ? { properties } : {}),
            ...(diagnostic ? { diagnostic } : {}),
        };
    });
}

/**
 * Remediate's answers as the engine shows them: a remediation's diagnostic is an advisory violation of the resource
 * (in step_generator.go and analyze_snapshot.go alike); a rewrite is no violation, shown at level `remediate` with the
 * inputs it changed.
 */
export function remediationDiagnostics(remediations: readonly Remediation[], inputs: Record<string, unknown>): Diagnostic[] {
    return remediations.map((r) => ({
        policyName: r.policyName,
        policyPackName: r.policyPackName,
        message: r.diagnostic ?? `${r.description}\nremediated: ${changedKeys(inputs, r.properties ?? {}).join(", ") || "no input changed"}`,
        urn: r.urn,
        enforcementLevel: r.diagnostic !== undefined ? "advisory" : "remediate",
        severity: "unspecified",
        description: r.description,
    }));
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** A seeded generator (mulberry32): one seed, one sequence, so a shuffled run is reproducible. */
function seeded(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The seed the preview, the tests and the benchmark shuffle with unless told another. */
export const DEFAULT_ORDER_SEED = 20260821;

/**
 * AnalyzeStack's order in a preview or update: the engine gathers the resources from a concurrent map (the
 * deployment's `news`, step_generator.go AnalyzeResources), so in no particular order, and never to be relied on.
 * Here a seeded shuffle: not registration order, and the same for the same seed.
 */
export function unorderedStack<T>(resources: readonly T[], seed = DEFAULT_ORDER_SEED): T[] {
    const random = seeded(seed);
    const out = [...resources];
    for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
}

/**
 * The order of a stack's state, as `pulumi policy analyze` sends it: each resource after its parent, provider and
 * dependencies (the state is written so), the rest as the steps happened to finish — here a seeded choice among the
 * resources whose dependencies are placed.
 */
export function stateOrder(resources: readonly CapturedResource[], seed = DEFAULT_ORDER_SEED): CapturedResource[] {
    const random = seeded(seed);
    const index = new Map(resources.map((r, i) => [r.urn, i]));
    const waiting = new Array<number>(resources.length).fill(0);
    const dependents: number[][] = resources.map(() => []);
    resources.forEach((r, i) => {
        const provider = r.provider?.split("::").slice(0, -1).join("::");
        const on = new Set([r.parent, provider, ...r.dependencies, ...Object.values(r.propertyDependencies).flat()]);
        for (const urn of on) {
            const j = urn === undefined ? undefined : index.get(urn);
            if (j !== undefined && j !== i) {
                waiting[i]++;
                dependents[j].push(i);
            }
        }
    });
    const ready = resources.map((_, i) => i).filter((i) => waiting[i] === 0);
    const out: CapturedResource[] = [];
    while (ready.length > 0) {
        const at = Math.floor(random() * ready.length);
        const i = ready[at];
        ready[at] = ready[ready.length - 1];
        ready.pop();
        out.push(resources[i]);
        for (const d of dependents[i]) {
            if (--waiting[d] === 0) {
                ready.push(d);
            }
        }
    }
    // A cycle (no state has one) would leave resources out: they follow in the order given.
    const placed = new Set(out);
    return [...out, ...resources.filter((r) => !placed.has(r))];
}

/**
 * Diagnostics policy by policy (as first answered), each policy's in the order the resources were registered (the
 * stack's own first): AnalyzeStack gets its resources in no particular order and a pack may answer in that order, so
 * what is shown to people or compared should not depend on it.
 */
export function inRegistrationOrder(diagnostics: readonly Diagnostic[], resources: readonly CapturedResource[]): Diagnostic[] {
    const registered = new Map(resources.map((r, i) => [r.urn, i]));
    const policies = new Map<string, number>();
    diagnostics.forEach((d) => policies.set(d.policyName, policies.get(d.policyName) ?? policies.size));
    return diagnostics
        .map((d, i) => ({ d, i, policy: policies.get(d.policyName)!, at: registered.get(d.urn) ?? -1 }))
        .sort((a, b) => a.policy - b.policy || a.at - b.at || a.i - b.i)
        .map(({ d }) => d);
}
