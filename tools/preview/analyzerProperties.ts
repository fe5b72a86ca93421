/**
 * Property values as the Pulumi engine marshals them for an analyzer (Analyze, AnalyzeStack): unknowns and secrets
 * kept, resource references *not* kept — a reference to a custom resource becomes its id (the unknown marker while the
 * id is not known), a reference to a component its URN — and output values reduced to their value (unknown when not
 * known, a secret when secret). @pulumi/policy cannot read a resource reference, so it must never receive one.
 */
import { UNKNOWN } from "./capturedResource";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isSecret(value: unknown): value is { value: unknown } {
    return isObject(value) && value[SIG_KEY] === SECRET_SIG;
}

/** A resource reference downgraded as the engine does without KeepResources: its id if it has one, else its URN. */
function downgradedReference(reference: Record<string, unknown>): unknown {
    if ("id" in reference) {
        const id = reference.id;
        return id === "" || id === undefined || id === null ? UNKNOWN : analyzerValue(id);
    }
    return reference.urn;
}

/** One value as an analyzer receives it. */
export function analyzerValue(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(analyzerValue);
    }
    if (!isObject(value)) {
        return value;
    }
    switch (value[SIG_KEY]) {
        case RESOURCE_SIG:
            return downgradedReference(value);
        case OUTPUT_VALUE_SIG: {
            const inner = "value" in value ? analyzerValue(value.value) : UNKNOWN;
            return value.secret === true ? { [SIG_KEY]: SECRET_SIG, value: inner } : inner;
        }
        case SECRET_SIG:
            return { [SIG_KEY]: SECRET_SIG, value: analyzerValue(value.value) };
        default:
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, analyzerValue(v)]));
    }
}

/** A property map as an analyzer receives it. */
export function analyzerProperties(properties: Record<string, unknown>): Record<string, unknown> {
    return analyzerValue(properties) as Record<string, unknown>;
}

/** For people and reports: secrets masked, as `pulumi preview` shows them. */
export function maskSecrets(value: unknown): unknown {
    if (isSecret(value)) {
        return "[secret]";
    }
    if (Array.isArray(value)) {
        return value.map(maskSecrets);
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v)]));
    }
    return value;
}
