/**
 * Keeps a property named `__proto__` that arrives in a resource's properties. google-protobuf keeps a Struct's fields
 * in a plain object, where `__proto__` becomes the prototype instead of a key, and the analyzer SDK's decoding
 * (`ret[key] = value`) would drop it again: the element vanishes before any policy sees it. A YAML or Python program
 * can send one inside an object-form policy document, and AWS refuses it as an element it does not know. So the
 * request bytes are read once more before decoding: a Struct key `__proto__` (field 1 of a map entry, nine bytes) is
 * renamed PROTO_KEY, of the same length, and `readDocument` gives it back its name.
 */

import { filterRequestBytes } from "./analyzerMessages";

/** Where a `__proto__` key waits: nine bytes, as the name it stands for, that no IAM element or property has. */
export const PROTO_KEY = "\u0000_proto_\u0000";

const ENTRY_KEY = Buffer.from([0x0a, 0x09, ...Buffer.from("__proto__")]);
const RENAMED = Buffer.from([0x0a, 0x09, ...Buffer.from(PROTO_KEY)]);

function renameProtoKeys(bytes: Uint8Array): Uint8Array {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = buffer.indexOf(ENTRY_KEY);
    if (at < 0) {
        return bytes;
    }
    const copy = Buffer.from(buffer);
    while (at >= 0) {
        RENAMED.copy(copy, at);
        at = copy.indexOf(ENTRY_KEY, at + ENTRY_KEY.length);
    }
    return new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength);
}

/** Has the analyzer SDK's Analyze and AnalyzeStack requests renamed before they are decoded. */
export function keepProtoKeys(): void {
    filterRequestBytes(renameProtoKeys);
}

/** A copy of a decoded value with PROTO_KEY renamed back to `__proto__`, as an own property. */
export function restoreProtoKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(restoreProtoKeys);
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const copy: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value)) {
        Object.defineProperty(copy, key === PROTO_KEY ? "__proto__" : key, {
            value: restoreProtoKeys((value as Record<string, unknown>)[key]),
            enumerable: true,
            writable: true,
            configurable: true,
        });
    }
    return copy;
}
