/**
 * Protobuf's wire format read in place: a cursor over a request's bytes that moves field by field without decoding
 * anything, so the pack can read or hide the fields it cares about before the SDK's decoder builds objects for them.
 * Every read says when the bytes are not well-formed (-1 or false); the caller then leaves them to the SDK's decoder,
 * which refuses them as it always has.
 */

export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
export const FIXED32 = 5;

/** The same bytes as a Buffer (no copy): its native string slicing is what makes reading a request cheap. */
export function asBuffer(bytes: Uint8Array): Buffer {
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class WireReader {
    constructor(
        readonly bytes: Buffer,
        public pos = 0,
    ) {}

    /** A little-endian double at `at`. */
    double(at: number): number {
        return this.bytes.readDoubleLE(at);
    }

    /** A varint (exact up to 2^53), the cursor moved past it; -1 when it runs past `end` or over ten bytes. */
    varint(end: number): number {
        let value = 0;
        let scale = 1;
        const limit = Math.min(end, this.pos + 10);
        for (let i = this.pos; i < limit; i++) {
            const b = this.bytes[i];
            value += (b & 0x7f) * scale;
            if (b < 0x80) {
                this.pos = i + 1;
                return value;
            }
            scale *= 128;
        }
        return -1;
    }

    /** A length-delimited field's length read: the end of its contents (the cursor at their start), or -1. */
    contentsEnd(end: number): number {
        const length = this.varint(end);
        return length < 0 || this.pos + length > end ? -1 : this.pos + length;
    }

    /** The cursor moved past a value of the given wire type; false when it cannot be (groups, or past `end`). */
    skip(wire: number, end: number): boolean {
        switch (wire) {
            case VARINT:
                return this.varint(end) >= 0;
            case FIXED64:
                this.pos += 8;
                return this.pos <= end;
            case LENGTH_DELIMITED: {
                const contentsEnd = this.contentsEnd(end);
                this.pos = contentsEnd;
                return contentsEnd >= 0;
            }
            case FIXED32:
                this.pos += 4;
                return this.pos <= end;
            default:
                return false;
        }
    }
}
