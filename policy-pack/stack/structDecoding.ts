/**
 * A google.protobuf.Struct read from its bytes straight into the plain value that google-protobuf's own decoding
 * followed by Struct.toJavaScript() gives — keys in the order its map iterates them (sorted as strings), the last of
 * a repeated key or of a Value's kinds winning, unknown fields skipped — without the message objects in between,
 * which are most of what a large stack's request costs to decode. Anything google-protobuf would decode differently
 * or refuse (malformed bytes, a Value of no kind, a string that is not UTF-8, a known field of another wire type)
 * gives undefined: those bytes are then left to google-protobuf, which behaves as it always has.
 */
import { asBuffer, FIXED64, LENGTH_DELIMITED, VARINT, WireReader } from "./protoWire";

// ignoreBOM keeps a leading U+FEFF, as google-protobuf's own UTF-8 decoding does.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Thrown inside, caught at the top: these bytes are google-protobuf's to read. */
const NOT_MINE = new Error("left to google-protobuf");
type Latin1 = { latin1Slice(start: number, end: number): string };

/** UTF-8 text from start to end, as google-protobuf reads a string field; NOT_MINE (thrown) when it is not UTF-8. */
function string(bytes: Buffer, start: number, end: number): string {
    let ascii = true;
    for (let i = start; i < end && ascii; i++) {
        ascii = bytes[i] < 0x80;
    }
    if (ascii) {
        // Node's own slicing of one-byte text: ASCII reads the same as UTF-8.
        return (bytes as unknown as Latin1).latin1Slice(start, end);
    }
    try {
        return utf8.decode(bytes.subarray(start, end));
    } catch {
        throw NOT_MINE;
    }
}

/** The wire type each of a Value's fields has (null, number, string, bool, struct, list). */
const VALUE_WIRE = [-1, VARINT, FIXED64, LENGTH_DELIMITED, VARINT, LENGTH_DELIMITED, LENGTH_DELIMITED];

function tagOf(r: WireReader, end: number): number {
    const tag = r.varint(end);
    if (tag < 8) {
        // -1: cut short; under 8: field 0, which no message has.
        throw NOT_MINE;
    }
    return tag;
}

/** A Value from the cursor to `end`: the last of its kinds given, as Value.toJavaScript() reads it. */
function value(r: WireReader, end: number): unknown {
    let kind = 0;
    let at = 0;
    let varint = 0;
    let kindEnd = 0;
    while (r.pos < end) {
        const tag = tagOf(r, end);
        const field = Math.floor(tag / 8);
        const wire = tag % 8;
        if (field > 6) {
            if (!r.skip(wire, end)) {
                throw NOT_MINE;
            }
            continue;
        }
        if (wire !== VALUE_WIRE[field]) {
            throw NOT_MINE;
        }
        kind = field;
        at = r.pos;
        if (wire === VARINT) {
            varint = r.varint(end);
            if (varint < 0) {
                throw NOT_MINE;
            }
            kindEnd = r.pos;
        } else if (wire === FIXED64) {
            if (!r.skip(wire, end)) {
                throw NOT_MINE;
            }
            kindEnd = r.pos;
        } else {
            kindEnd = r.contentsEnd(end);
            if (kindEnd < 0) {
                throw NOT_MINE;
            }
            at = r.pos;
            r.pos = kindEnd;
        }
    }
    switch (kind) {
        case 1:
            return null;
        case 2:
            return r.double(at);
        case 3:
            return string(r.bytes, at, kindEnd);
        case 4:
            return varint !== 0;
        case 5:
        case 6: {
            const after = r.pos;
            r.pos = at;
            const nested = kind === 5 ? struct(r, kindEnd) : list(r, kindEnd);
            r.pos = after;
            return nested;
        }
        default:
            // A Value of no kind: Value.toJavaScript() throws on it.
            throw NOT_MINE;
    }
}

/**
 * Each field 1 from the cursor to `end` — a repeated message, as a ListValue's values and a Struct's entries are — read
 * by `read` with the cursor at its contents; other fields skipped.
 */
function eachField1(r: WireReader, end: number, read: (contentsEnd: number) => void): void {
    while (r.pos < end) {
        const tag = tagOf(r, end);
        if (tag !== 1 * 8 + LENGTH_DELIMITED) {
            if (Math.floor(tag / 8) === 1 || !r.skip(tag % 8, end)) {
                throw NOT_MINE;
            }
            continue;
        }
        const contentsEnd = r.contentsEnd(end);
        if (contentsEnd < 0) {
            throw NOT_MINE;
        }
        read(contentsEnd);
        r.pos = contentsEnd;
    }
}

function list(r: WireReader, end: number): unknown[] {
    const out: unknown[] = [];
    eachField1(r, end, (valueEnd) => out.push(value(r, valueEnd)));
    return out;
}

/** A map entry: its key and value, each the last given; a missing value is a Value of no kind. */
function entry(r: WireReader, end: number, keys: string[], values: unknown[]): void {
    let key = "";
    let valueAt = -1;
    let valueEnd = 0;
    while (r.pos < end) {
        const tag = tagOf(r, end);
        const field = Math.floor(tag / 8);
        if (field !== 1 && field !== 2) {
            if (!r.skip(tag % 8, end)) {
                throw NOT_MINE;
            }
            continue;
        }
        const contentsEnd = tag % 8 === LENGTH_DELIMITED ? r.contentsEnd(end) : -1;
        if (contentsEnd < 0) {
            throw NOT_MINE;
        }
        if (field === 1) {
            key = string(r.bytes, r.pos, contentsEnd);
        } else {
            valueAt = r.pos;
            valueEnd = contentsEnd;
        }
        r.pos = contentsEnd;
    }
    if (valueAt < 0) {
        throw NOT_MINE;
    }
    r.pos = valueAt;
    values.push(value(r, valueEnd));
    keys.push(key);
    r.pos = end;
}

function struct(r: WireReader, end: number): Record<string, unknown> {
    const keys: string[] = [];
    const values: unknown[] = [];
    eachField1(r, end, (entryEnd) => entry(r, entryEnd, keys, values));
    const out: Record<string, unknown> = {};
    let sorted = true;
    for (let i = 1; i < keys.length && sorted; i++) {
        sorted = keys[i - 1] < keys[i];
    }
    if (sorted) {
        for (let i = 0; i < keys.length; i++) {
            out[keys[i]] = values[i];
        }
        return out;
    }
    // Out of order or repeated: the last value of each key, in its map's order.
    const last = new Map<string, unknown>();
    keys.forEach((key, i) => last.set(key, values[i]));
    for (const key of [...last.keys()].sort()) {
        out[key] = last.get(key);
    }
    return out;
}

/** What `read` gives, or undefined when the bytes are google-protobuf's to read. */
function mine<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch (err) {
        if (err === NOT_MINE) {
            return undefined;
        }
        throw err;
    }
}

/** The Struct whose bytes run from `start` to `end`, as Struct.toJavaScript() gives it, or undefined (see above). */
export function decodeStruct(bytes: Uint8Array, start = 0, end = bytes.length): Record<string, unknown> | undefined {
    return mine(() => struct(new WireReader(asBuffer(bytes), start), end));
}

/** A string field's contents as google-protobuf reads them, or undefined when they are not UTF-8 (left to it). */
export function decodeString(bytes: Uint8Array, start: number, end: number): string | undefined {
    return mine(() => string(asBuffer(bytes), start, end));
}
