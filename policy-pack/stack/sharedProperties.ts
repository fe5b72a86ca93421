/**
 * The analyzer SDK turns every resource's properties from protobuf into plain values once per policy: a copy of a
 * 10,000-user stack per stack policy, and the garbage of each. The pack's policies only read those values
 * (knownValues.ts), so the SDK's deserializer is wrapped once per process to decode each request's properties once:
 * the copy is kept on the request's own protobuf Struct, so it lives exactly as long as that request. Before that,
 * the properties are lifted out of the request's bytes (liftedProperties.ts) and the Structs standing for them are
 * made here.
 */
import { liftRequest, LiftedRequest, liftStackRequest, StandIns } from "./liftedProperties";
import { sdkModule } from "./sdkModule";

type Deserialize = (struct: unknown, proxySecrets: boolean) => unknown;
type DeserializeModule = { deserializeProperties?: Deserialize };
type StructModule = { Struct?: new () => { toJavaScript(): unknown } };

const DECODED = Symbol("force-mfa-guard: decoded properties");

/**
 * The resource types some per-resource policy reads (registered by guardedResourceValidation). The SDK decodes every
 * resource's properties for Remediate and for Analyze before any policy looks at its type: an Analyze or Remediate
 * request of another type has its properties cut unread, and stands for them an empty Struct that reads as
 * NOTHING_READ — most of a large stack's per-resource cost.
 */
const typesRead = new Set<string>();
const NOTHING_READ: Readonly<Record<string, never>> = Object.freeze({});

export function readPropertiesOf(types: readonly string[]): void {
    types.forEach((type) => typesRead.add(type));
}

type AnalyzerModule = { AnalyzerPropertyDependencies?: new () => { setUrnsList(urns: string[]): unknown } };

let made: StandIns | null | undefined;

/**
 * The SDK's messages for what is lifted from a request: a Struct that reads as the properties' values (toJavaScript,
 * what the SDK's deserializer calls) or, one for all, as NOTHING_READ when they were hidden unread; an
 * AnalyzerPropertyDependencies of URNs. Undefined where google-protobuf or the SDK's messages cannot be found, or the
 * deserializer is not shared: nothing is lifted then.
 */
function standIns(): StandIns | undefined {
    if (made === undefined && propertiesShared()) {
        // The Struct of the google-protobuf the SDK's messages are built on.
        const Struct = sdkModule<StructModule>("google-protobuf/google/protobuf/struct_pb.js", "@pulumi/pulumi/proto/analyzer_pb")?.Struct;
        const Dependencies = sdkModule<AnalyzerModule>("@pulumi/pulumi/proto/analyzer_pb")?.AnalyzerPropertyDependencies;
        // Marked on the Struct itself, as a decoded copy is: a WeakSet of every request of a large stack costs the
        // garbage collector more than the decoding it saves.
        const unread = Struct ? Object.assign(new Struct(), { [DECODED]: NOTHING_READ }) : undefined;
        made =
            Struct && Dependencies && unread
                ? {
                      struct: (values) => {
                          if (values === undefined) {
                              return unread;
                          }
                          const s = new Struct();
                          s.toJavaScript = () => values;
                          return s;
                      },
                      propertyDependencies: (urns) => {
                          const d = new Dependencies();
                          d.setUrnsList(urns);
                          return d;
                      },
                  }
                : null;
    }
    return made ?? undefined;
}

/** Whether requests have their properties lifted (for tests: a missing module must not silently turn it off). */
export function propertiesLifted(): boolean {
    return standIns() !== undefined;
}

/** A request's bytes with its properties lifted, or as they came where nothing can be lifted. */
export function liftProperties(bytes: Uint8Array, stack: boolean): LiftedRequest {
    const make = standIns();
    if (!make) {
        return { bytes, apply: () => undefined };
    }
    return stack ? liftStackRequest(bytes, make) : liftRequest(bytes, typesRead, make);
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
