/**
 * The analyzer's requests with their resources' properties lifted out before google-protobuf decodes them.
 * google-protobuf builds message objects for every value of every Struct, then the SDK turns them into plain values:
 * for a large stack, most of a call's memory and time. Here each resource's properties, and its provider's, are read
 * straight into plain values (structDecoding.ts), and their fields are hidden from google-protobuf, which skips them;
 * once the rest is decoded, a Struct that stands for them hands those values to the SDK's deserializer
 * (sharedProperties.ts). An Analyze or Remediate request of a type no policy reads has its properties and provider
 * hidden, unread. What cannot be read here goes on as it came, to be decoded (or refused) by google-protobuf as before.
 *
 * AnalyzeStack's resources also have their links lifted: the URNs of their dependencies and property dependencies,
 * tens of thousands on a large stack, each a string google-protobuf decodes into garbage.
 *
 * Field numbers (pulumi/proto/analyzer.proto): AnalyzeRequest and AnalyzerResource both carry type (1), properties
 * (2) and provider (6); AnalyzerResource also dependencies (8, repeated string) and propertyDependencies (9, a map
 * entry per property: key 1, value 2, an AnalyzerPropertyDependencies of urns 1); AnalyzerProviderResource carries
 * properties (2); AnalyzeStackRequest, resources (1).
 */
import { asBuffer, LENGTH_DELIMITED, WireReader } from "./protoWire";
import { decodeString, decodeStruct } from "./structDecoding";

const TYPE = 1;
const PROPERTIES = 2;
const PROVIDER = 6;
const DEPENDENCIES = 8;
const PROPERTY_DEPENDENCIES = 9;
const RESOURCES = 1;
/** A map entry's key and value; an AnalyzerPropertyDependencies' urns. */
const KEY = 1;
const VALUE = 2;
const URNS = 1;
/**
 * A hidden field's tag: field 15, length-delimited, one byte as the tags it replaces are. No message of the analyzer
 * protocol has a field 15 (a test checks it on the SDK the pack is pinned to), so google-protobuf skips it unread.
 */
export const HIDDEN_TAG = 15 * 8 + LENGTH_DELIMITED;
const ONE_BYTE_TAG = (field: number) => field * 8 + LENGTH_DELIMITED;

/** The SDK's messages for what is lifted, made once the rest is decoded. */
export interface StandIns {
    /** A Struct that stands for properties read here (given their values) or hidden unread (given undefined). */
    readonly struct: (values: Record<string, unknown> | undefined) => object;
    /** An AnalyzerPropertyDependencies of these URNs. */
    readonly propertyDependencies: (urns: string[]) => object;
}

interface PropertiesMessage {
    setProperties(struct: unknown): unknown;
}

interface ResourceMessage extends PropertiesMessage {
    getProvider(): PropertiesMessage | undefined;
    setDependenciesList?(urns: string[]): unknown;
    getPropertydependenciesMap?(): { set(key: string, value: unknown): unknown };
}

/**
 * What a decoded resource is given: its properties' values (null: hidden unread), its last provider's, and in
 * AnalyzeStack its dependencies and its property dependencies, in the order given (the map keeps the last of a key).
 */
interface Lifted {
    properties?: Record<string, unknown> | null;
    provider?: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: [string, string[]][];
}

export interface LiftedRequest {
    readonly bytes: Uint8Array;
    /** Gives the request google-protobuf decoded from `bytes` the stand-ins of what was lifted. */
    readonly apply: (request: unknown) => void;
}

const AS_IT_CAME = (bytes: Uint8Array): LiftedRequest => ({ bytes, apply: () => undefined });

/** Set on a decoded resource: what was lifted from it. */
function give(resource: ResourceMessage, lifted: Lifted, make: StandIns): void {
    if (lifted.properties !== undefined) {
        resource.setProperties(make.struct(lifted.properties ?? undefined));
    }
    if (lifted.provider) {
        resource.getProvider()?.setProperties(make.struct(lifted.provider));
    }
    if (lifted.dependencies) {
        resource.setDependenciesList?.(lifted.dependencies);
    }
    if (lifted.propertyDependencies) {
        const map = resource.getPropertydependenciesMap?.();
        lifted.propertyDependencies.forEach(([key, urns]) => map?.set(key, make.propertyDependencies(urns)));
    }
}

/** The strings of a repeated string field (`field`) of a message, in order; undefined to leave it as it came. */
function strings(r: WireReader, start: number, end: number, field: number): string[] | undefined {
    r.pos = start;
    const fields = wantedFields(r, end, [field]);
    const out: string[] = [];
    for (const f of fields ?? []) {
        const text = decodeString(r.bytes, f.contents, f.end);
        if (text === undefined) {
            return undefined;
        }
        out.push(text);
    }
    return fields ? out : undefined;
}

/** A property dependencies map entry: its key and URNs (the last of each given), or undefined. */
function propertyDependencies(r: WireReader, entry: Delimited): [string, string[]] | undefined {
    r.pos = entry.contents;
    const fields = wantedFields(r, entry.end, [KEY, VALUE]);
    const key = fields?.filter((f) => f.field === KEY).pop();
    const value = fields?.filter((f) => f.field === VALUE).pop();
    const name = key ? decodeString(r.bytes, key.contents, key.end) : "";
    const urns = value ? strings(r, value.contents, value.end, URNS) : [];
    return fields && name !== undefined && urns ? [name, urns] : undefined;
}

/** A length-delimited field of a message, read at the cursor: [tag start, contents start, contents end], or undefined. */
interface Delimited {
    readonly field: number;
    readonly tag: number;
    readonly contents: number;
    readonly end: number;
}

/**
 * The fields of a message (from the cursor to `end`) among `wanted`, each length-delimited with a one-byte tag, the
 * others skipped; undefined when the bytes are not a message or a wanted field is not of that form.
 */
function wantedFields(r: WireReader, end: number, wanted: readonly number[]): Delimited[] | undefined {
    const found: Delimited[] = [];
    while (r.pos < end) {
        const tag = r.pos;
        const key = r.varint(end);
        const field = Math.floor(key / 8);
        if (key < 8) {
            return undefined;
        }
        if (!wanted.includes(field)) {
            if (!r.skip(key % 8, end)) {
                return undefined;
            }
            continue;
        }
        const contentsEnd = key === ONE_BYTE_TAG(field) && r.pos === tag + 1 ? r.contentsEnd(end) : -1;
        if (contentsEnd < 0) {
            return undefined;
        }
        found.push({ field, tag, contents: r.pos, end: contentsEnd });
        r.pos = contentsEnd;
    }
    return found;
}

/**
 * A resource (its bytes from start to end): what is lifted from it, the tags to hide added to `hidden`; undefined
 * when nothing is, or something cannot be read (the resource then goes on as it came).
 */
function liftResource(r: WireReader, start: number, end: number, isRead: (type: string) => boolean, hidden: number[], links = false): Lifted | undefined {
    r.pos = start;
    const fields = wantedFields(r, end, links ? [TYPE, PROPERTIES, PROVIDER, DEPENDENCIES, PROPERTY_DEPENDENCIES] : [TYPE, PROPERTIES, PROVIDER]);
    const type = fields?.filter((f) => f.field === TYPE).pop();
    if (!fields || !type) {
        return undefined;
    }
    // Type names are ASCII: read byte by byte they compare exactly, and any other byte names no type read.
    const unread = !isRead(r.bytes.toString("latin1", type.contents, type.end));
    // Hidden unread, properties or none: the SDK decodes every request's before a policy looks at its type.
    const lifted: Lifted = unread ? { properties: null } : {};
    const tags: number[] = [];
    for (const f of fields) {
        if (f.field === TYPE) {
            continue;
        }
        if (unread) {
            tags.push(f.tag);
        } else if (f.field === DEPENDENCIES) {
            const urn = decodeString(r.bytes, f.contents, f.end);
            if (urn === undefined) {
                return undefined;
            }
            (lifted.dependencies ??= []).push(urn);
            tags.push(f.tag);
        } else if (f.field === PROPERTY_DEPENDENCIES) {
            const entry = propertyDependencies(r, f);
            if (!entry) {
                return undefined;
            }
            (lifted.propertyDependencies ??= []).push(entry);
            tags.push(f.tag);
        } else if (f.field === PROPERTIES) {
            const values = decodeStruct(r.bytes, f.contents, f.end);
            if (!values) {
                return undefined;
            }
            lifted.properties = values;
            tags.push(f.tag);
        } else {
            // google-protobuf keeps the last provider given: its properties are the ones to stand for.
            r.pos = f.contents;
            const properties = wantedFields(r, f.end, [PROPERTIES]);
            if (!properties) {
                return undefined;
            }
            delete lifted.provider;
            for (const p of properties) {
                lifted.provider = decodeStruct(r.bytes, p.contents, p.end);
                if (!lifted.provider) {
                    return undefined;
                }
                tags.push(p.tag);
            }
        }
    }
    hidden.push(...tags);
    return unread || tags.length > 0 ? lifted : undefined;
}

/** The bytes with the given tags hidden, in a copy: the request's own bytes are left as they came. */
function hide(bytes: Buffer, tags: readonly number[]): Buffer {
    const copy = Buffer.allocUnsafe(bytes.length);
    bytes.copy(copy);
    for (const at of tags) {
        copy[at] = HIDDEN_TAG;
    }
    return copy;
}

/** An Analyze or Remediate request, its resource's properties and provider's lifted. */
export function liftRequest(given: Uint8Array, typesRead: ReadonlySet<string>, make: StandIns): LiftedRequest {
    const r = new WireReader(asBuffer(given));
    const hidden: number[] = [];
    const lifted = liftResource(r, 0, given.length, (type) => typesRead.has(type), hidden);
    if (!lifted) {
        return AS_IT_CAME(given);
    }
    return { bytes: hide(r.bytes, hidden), apply: (request) => give(request as ResourceMessage, lifted, make) };
}

/** An AnalyzeStack request, every resource's properties, provider's and links lifted. */
export function liftStackRequest(given: Uint8Array, make: StandIns): LiftedRequest {
    // The stack's policies read every resource's properties (the SDK decodes them all for each policy).
    const r = new WireReader(asBuffer(given));
    const resources = wantedFields(r, given.length, [RESOURCES]);
    if (!resources) {
        return AS_IT_CAME(given);
    }
    const hidden: number[] = [];
    const lifted = resources.map((f) => liftResource(r, f.contents, f.end, () => true, hidden, true));
    if (hidden.length === 0) {
        return AS_IT_CAME(given);
    }
    return {
        bytes: hide(r.bytes, hidden),
        apply: (request) => {
            const list = (request as { getResourcesList(): ResourceMessage[] }).getResourcesList();
            lifted.forEach((l, i) => l && give(list[i], l, make));
        },
    };
}
