/**
 * A captured resource as the engine sends it to an analyzer: Remediate and Analyze (its inputs), AnalyzeStack (its
 * outputs, options, provider, parent, dependencies, property dependencies). What the analyzer answers is in
 * analyzerAnswers.ts, the order the engine sends a stack in engineOrder.ts.
 */
import { analyzerProperties } from "./analyzerProperties";
import { CapturedResource } from "./capturedResource";
import { analyzerMessages, Struct } from "./pulumiProto";

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
