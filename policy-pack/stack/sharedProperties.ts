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
