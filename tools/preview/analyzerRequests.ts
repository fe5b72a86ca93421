/**
 * A captured resource as the engine sends it to an analyzer — Analyze (its inputs) and AnalyzeStack (its outputs,
 * options, provider, parent, dependencies, property dependencies) — and the diagnostics the analyzer answers.
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

export function providerOf(resource: CapturedResource, all: readonly CapturedResource[]) {
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
    p.setProperties(struct(provider.properties));
    return p;
}

/** A resource's inputs: its properties without the outputs-only keys. */
export function inputsOf(resource: CapturedResource): Record<string, unknown> {
    const outputOnly = new Set(resource.outputOnlyKeys ?? []);
    return Object.fromEntries(Object.entries(resource.properties).filter(([key]) => !outputOnly.has(key)));
}

/** Analyze sees a resource's inputs (AnalyzeStack its outputs), as in the engine. */
export function analyzeRequest(resource: CapturedResource, all: readonly CapturedResource[]) {
    const request = new analyzerMessages.AnalyzeRequest();
    request.setType(resource.type);
    request.setUrn(resource.urn);
    request.setName(resource.name);
    request.setProperties(struct(inputsOf(resource)));
    request.setOptions(resourceOptions(resource));
    const provider = providerOf(resource, all);
    if (provider) {
        request.setProvider(provider);
    }
    return request;
}

function stackResource(resource: CapturedResource, all: readonly CapturedResource[]) {
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
    request.setResourcesList(resources.map((r) => stackResource(r, resources)));
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
