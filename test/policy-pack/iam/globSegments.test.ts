import { expect } from "chai";
import { ANY_ONE, foldAscii, segment } from "../../../policy-pack/iam/globSegments";

/** A segment's codes as wildcard.ts compiles them: `?` is ANY_ONE, the rest UTF-16 codes (folded when asked). */
const codesOf = (text: string, fold = false) => Int32Array.from([...text].map((c) => (c === "?" ? ANY_ONE : fold ? foldAscii(c.charCodeAt(0)) : c.charCodeAt(0))));
const find = (pattern: string, text: string, from = 0, end = text.length, fold = false) => segment(codesOf(pattern, fold)).find(text, from, end, fold);

/** The leftmost match by brute force: the oracle each kind of segment is held to. */
function naiveFind(pattern: string, text: string, from: number, end: number, fold: boolean): number {
    const eq = (p: string, c: string) => p === "?" || (fold ? foldAscii(p.charCodeAt(0)) === foldAscii(c.charCodeAt(0)) : p === c);
    for (let i = from; i + pattern.length <= end; i++) {
        if ([...pattern].every((p, j) => eq(p, text[i + j]))) {
            return i;
        }
    }
    return -1;
}

describe("globSegments: the pieces of an IAM glob between its stars", () => {
    it("foldAscii lowers A-Z only: IAM does not fold the Kelvin sign to k nor any non-ASCII letter", () => {
        expect(foldAscii("A".charCodeAt(0))).to.equal("a".charCodeAt(0));
        expect(foldAscii("Z".charCodeAt(0))).to.equal("z".charCodeAt(0));
        expect(foldAscii("@".charCodeAt(0))).to.equal("@".charCodeAt(0));
        expect(foldAscii("[".charCodeAt(0))).to.equal("[".charCodeAt(0));
        expect(foldAscii(0x212a)).to.equal(0x212a);
        expect(foldAscii("É".charCodeAt(0))).to.equal("É".charCodeAt(0));
    });

    it("a segment of only `?` is found wherever it has room, and nowhere past the end", () => {
        expect(find("??", "abc")).to.equal(0);
        expect(find("??", "abc", 1)).to.equal(1);
        expect(find("??", "abc", 2)).to.equal(-1);
        expect(find("???", "abcdef", 0, 2)).to.equal(-1);
        expect(segment(codesOf("??")).matchesAt("xy", 0, false)).to.equal(true);
    });

    it("a literal segment: leftmost occurrence, overlapping borders (KMP's failure table) handled", () => {
        expect(find("aab", "aaab")).to.equal(1);
        expect(find("abab", "abaabab")).to.equal(3);
        expect(find("user/", "arn:aws:iam::1:user/alice")).to.equal(15);
        expect(find("bob", "alice")).to.equal(-1);
        // the search stops at `end`: a match that would run past it is not found
        expect(find("ice", "alice", 0, 4)).to.equal(-1);
        expect(find("ali", "alice", 1)).to.equal(-1);
    });

    it("an empty literal segment (two stars side by side) is found at `from` while from <= end", () => {
        expect(find("", "abc", 2)).to.equal(2);
        expect(find("", "abc", 3)).to.equal(3);
        expect(find("", "abc", 4, 3)).to.equal(-1);
    });

    it("case-folding: the segment holds folded codes and the text is folded as it is read, ASCII only", () => {
        expect(find("getuser", "iam:GetUser", 0, 11, true)).to.equal(4);
        expect(find("getuser", "iam:GetUser", 0, 11, false)).to.equal(-1);
        expect(find("k", "\u212a", 0, 1, true)).to.equal(-1);
        expect(find("g?tuser", "iam:GETUSER", 0, 11, true)).to.equal(4);
        expect(segment(codesOf("getu", true)).matchesAt("iam:GETUSER", 4, true)).to.equal(true);
        expect(segment(codesOf("getu", true)).matchesAt("iam:GETUSER", 4, false)).to.equal(false);
    });

    it("a segment mixing literals and `?` (Shift-And): leftmost match, `?` takes any one character", () => {
        expect(find("a?c", "abxaycazc")).to.equal(3);
        expect(find("?b", "abab")).to.equal(0);
        expect(find("a?", "ba")).to.equal(-1);
        expect(segment(codesOf("a?c")).matchesAt("xazc", 1, false)).to.equal(true);
        expect(segment(codesOf("a?c")).matchesAt("xazd", 1, false)).to.equal(false);
    });

    it("a mixed segment longer than one 32-bit word carries its state across words", () => {
        const pattern = `${"a".repeat(40)}?${"b".repeat(30)}`; // 71 positions: three words
        const text = `${"a".repeat(50)}X${"b".repeat(30)}`;
        expect(find(pattern, text)).to.equal(10);
        expect(find(pattern, text.slice(0, -1))).to.equal(-1);
        const boundary = `${"x".repeat(31)}?y`; // the match's last bit is bit 0 of the second word
        expect(find(boundary, `z${"x".repeat(31)}Qy`)).to.equal(1);
    });

    it("every kind agrees with a brute-force search over random texts and windows", () => {
        let seed = 7;
        const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
        const alphabet = "abAB?";
        for (let round = 0; round < 400; round++) {
            const pattern = Array.from({ length: 1 + (next() % 5) }, () => alphabet[next() % alphabet.length]).join("");
            const text = Array.from({ length: next() % 14 }, () => "abAB"[next() % 4]).join("");
            const from = next() % (text.length + 1);
            const end = from + (next() % (text.length - from + 1));
            for (const fold of [false, true]) {
                expect(find(pattern, text, from, end, fold), `${pattern} in ${text}[${from},${end}) fold=${fold}`).to.equal(naiveFind(pattern, text, from, end, fold));
            }
        }
    });
});
