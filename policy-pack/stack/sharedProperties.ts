/**
 * The analyzer SDK turns every resource's properties from protobuf into plain values once per policy: a copy of a
 * 10,000-user stack per stack policy, and the garbage of each. The pack's policies only read those values
 * (knownValues.ts), so the SDK's deserializer is wrapped once per process to decode each request's properties once:
 * the copy is kept on the request's own protobuf Struct, so it lives exactly as long as that request.
 */
import { sdkModule } from "./sdkModule";

type Deserialize = (struct: unknown, proxySecrets: boolean) => unknown;
type DeserializeModule = { deserializeProperties?: Deserialize };

const DECODED = Symbol("force-mfa-guard: decoded properties");

/**
 * The resource types some per-resource policy reads (registered by guardedResourceValidation). The SDK decodes every
 * resource's properties for Remediate and for Analyze before any policy looks at its type; an Analyze or Remediate
 * request of another type is marked here as it is decoded (analyzerMessages.ts), and its properties, which nothing
 * reads, are answered empty instead of decoded — most of a large stack's per-resource cost.
 */
const typesRead = new Set<string>();
const NOTHING_READ: Readonly<Record<string, never>> = Object.freeze({});

export function readPropertiesOf(types: readonly string[]): void {
    types.forEach((type) => typesRead.add(type));
}

/** An Analyze or Remediate request, as decoded: its properties are left undecoded unless a policy reads its type. */
export function markUnreadProperties(request: { getType?(): string; getProperties?(): unknown }): void {
    const properties = request.getProperties?.();
    if (typeof properties === "object" && properties !== null && !typesRead.has(request.getType?.() ?? "")) {
        // Marked on the Struct itself, as its decoded copy is: a WeakSet of every request of a large stack costs the
        // garbage collector more than the decoding it saves.
        (properties as { [DECODED]?: unknown })[DECODED] = NOTHING_READ;
    }
}
let shared = false;
let wrapper: Deserialize | undefined;

/** @pulumi/policy's deserializer module as its server sees it, or undefined where the SDK cannot be found. */
const sdkDeserializer = () => sdkModule<DeserializeModule>("@pulumi/policy/deserialize");

/** Makes the SDK decode each request's resource properties once for all the pack's policies. */
export function shareDeserializedProperties(): void {
    if (shared) {
        return;
    }
    shared = true;
    const sdk = sdkDeserializer();
    const deserialize = sdk?.deserializeProperties;
    if (!sdk || typeof deserialize !== "function") {
        return;
    }
    wrapper = (struct: unknown, proxySecrets: boolean) => {
        if (typeof struct === "object" && struct !== null && (struct as { [DECODED]?: unknown })[DECODED] === NOTHING_READ) {
            return NOTHING_READ;
        }
        // Remediation asks for secrets kept as proxies, a different value: never shared.
        if (proxySecrets || typeof struct !== "object" || struct === null) {
            return deserialize(struct, proxySecrets);
        }
        const holder = struct as { [DECODED]?: unknown };
        let value = holder[DECODED];
        if (value === undefined) {
            value = deserialize(struct, false);
            // On the Struct itself (a symbol protobuf never reads): a WeakMap of every resource of a large stack
            // costs the garbage collector more than the copies it saves.
            holder[DECODED] = value;
        }
        return value;
    };
    sdk.deserializeProperties = wrapper;
}

/** Whether the SDK's deserializer is the shared one (for tests: an SDK update that moves it must not go unnoticed). */
export function propertiesShared(): boolean {
    return wrapper !== undefined && sdkDeserializer()?.deserializeProperties === wrapper;
}
