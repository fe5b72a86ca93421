/**
 * The pieces an IAM glob is cut into at each `*`, and how each is found in a text without backtracking. A segment is
 * a run of literal characters and `?` (exactly one character). Three kinds, each searched left to right:
 *
 * - only `?`: found at the first position with room for it, O(1);
 * - only literals: Knuth–Morris–Pratt, O(characters scanned + segment length);
 * - literals mixed with `?`: bit-parallel Shift-And (Baeza-Yates–Gonnet), O(characters scanned × ⌈length / 32⌉).
 *
 * Codes are UTF-16 code units; case-insensitive segments hold ASCII-lower-cased codes and the text is folded the same
 * way as it is read (IAM folds ASCII only: `\u212A`, the Kelvin sign, is not `k`).
 */

/** A `?` in a segment's codes. */
export const ANY_ONE = -1;

/** A-Z to a-z, nothing else. */
export function foldAscii(code: number): number {
    return code >= 65 && code <= 90 ? code + 32 : code;
}

export interface Segment {
    readonly codes: Int32Array;
    /** Leftmost i in [from, end - length] where the segment matches `text`, or -1. */
    find(text: string, from: number, end: number, fold: boolean): number;
    /** Whether the segment matches `text` at position `at` (the caller checks that it fits). */
    matchesAt(text: string, at: number, fold: boolean): boolean;
}

function matchesAt(codes: Int32Array, text: string, at: number, fold: boolean): boolean {
    for (let j = 0; j < codes.length; j++) {
        const want = codes[j];
        if (want === ANY_ONE) {
            continue;
        }
        const c = text.charCodeAt(at + j);
        if ((fold ? foldAscii(c) : c) !== want) {
            return false;
        }
    }
    return true;
}

function wildcardsOnly(codes: Int32Array): Segment {
    return {
        codes,
        find: (_text, from, end) => (from + codes.length <= end ? from : -1),
        matchesAt: () => true,
    };
}

function literal(codes: Int32Array): Segment {
    // failure[j]: length of the longest proper border of codes[0..j].
    const failure = new Int32Array(codes.length);
    for (let j = 1, k = 0; j < codes.length; j++) {
        while (k > 0 && codes[j] !== codes[k]) {
            k = failure[k - 1];
        }
        if (codes[j] === codes[k]) {
            k++;
        }
        failure[j] = k;
    }
    return {
        codes,
        find(text, from, end, fold) {
            const m = codes.length;
            if (m === 0) {
                return from <= end ? from : -1;
            }
            for (let i = from, k = 0; i < end; i++) {
                const c = fold ? foldAscii(text.charCodeAt(i)) : text.charCodeAt(i);
                while (k > 0 && c !== codes[k]) {
                    k = failure[k - 1];
                }
                if (c === codes[k]) {
                    k++;
                }
                if (k === m) {
                    return i - m + 1;
                }
            }
            return -1;
        },
        matchesAt: (text, at, fold) => matchesAt(codes, text, at, fold),
    };
}

function mixed(codes: Int32Array): Segment {
    const m = codes.length;
    const words = Math.ceil(m / 32);
    // Bit j of a mask is set where position j accepts the character: its literal, or a `?`.
    const anyMask = new Uint32Array(words);
    codes.forEach((code, j) => {
        if (code === ANY_ONE) {
            anyMask[j >>> 5] |= 1 << (j & 31);
        }
    });
    const masks = new Map<number, Uint32Array>();
    codes.forEach((code, j) => {
        if (code !== ANY_ONE) {
            let mask = masks.get(code);
            if (!mask) {
                mask = Uint32Array.from(anyMask);
                masks.set(code, mask);
            }
            mask[j >>> 5] |= 1 << (j & 31);
        }
    });
    const lastWord = (m - 1) >>> 5;
    const lastBit = 1 << ((m - 1) & 31);
    return {
        codes,
        find(text, from, end, fold) {
            const state = new Uint32Array(words);
            for (let i = from; i < end; i++) {
                const c = fold ? foldAscii(text.charCodeAt(i)) : text.charCodeAt(i);
                const mask = masks.get(c) ?? anyMask;
                // state = ((state << 1) | 1) & mask, across words.
                let carry = 1;
                for (let w = 0; w < words; w++) {
                    const next = state[w] >>> 31;
                    state[w] = ((state[w] << 1) | carry) & mask[w];
                    carry = next;
                }
                if (state[lastWord] & lastBit) {
                    return i - m + 1;
                }
            }
            return -1;
        },
        matchesAt: (text, at, fold) => matchesAt(codes, text, at, fold),
    };
}

export function segment(codes: Int32Array): Segment {
    const wildcards = codes.filter((c) => c === ANY_ONE).length;
    if (wildcards === codes.length) {
        return wildcardsOnly(codes);
    }
    return wildcards === 0 ? literal(codes) : mixed(codes);
}
