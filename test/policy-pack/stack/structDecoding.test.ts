/**
 * The pack reads resource properties straight from a request's bytes: what it reads must be exactly what
 * google-protobuf's decoding and Struct.toJavaScript() give (the oracle here), or nothing, leaving the bytes to it.
 */
import { expect } from "chai";
import { decodeStruct } from "../../../policy-pack/stack/structDecoding";
import { Struct } from "../../../tools/preview/pulumiProto";

/** What google-protobuf makes of the bytes, or the error it throws. */
function oracle(bytes: Uint8Array): unknown {
    try {
        return Struct.deserializeBinary(bytes).toJavaScript();
    } catch (err) {
        return err;
    }
}

/** Values compared as the SDK reads them: key order, -0 and NaN included. */
function same(a: unknown, b: unknown): boolean {
    if (typeof a === "number" && typeof b === "number") {
        return Object.is(a, b);
    }
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
        return a === b;
    }
    if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
        return false;
    }
    const [ka, kb] = [Object.keys(a), Object.keys(b)];
    return ka.join("\u0000") === kb.join("\u0000") && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ""), "hex"));
/** A map entry of a Struct: key, then a Value of the given (hex) contents. */
const entry = (key: string, value: string) => {
    const k = Buffer.from(key, "utf8");
    const inner = `0a${k.length.toString(16).padStart(2, "0")}${k.toString("hex")}12${(value.length / 2).toString(16).padStart(2, "0")}${value}`;
    return `0a${(inner.length / 2).toString(16).padStart(2, "0")}${inner}`;
};
const str = (text: string) => {
    const b = Buffer.from(text, "utf8");
    return `1a${b.length.toString(16).padStart(2, "0")}${b.toString("hex")}`;
};

describe("decodeStruct (properties read from a request's bytes)", () => {
    it("reads what google-protobuf reads, on a thousand generated sets of properties", () => {
        let seed = 7;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
        const texts = ["", "a", "\uFEFFbom", "é", "日本語", "😀", "x".repeat(40), "arn:aws:iam::123456789012:user/${aws:username}", "10", "9", "constructor", "Ünïcødé, over thirty-two bytes long"];
        const value = (depth: number): unknown => {
            const r = random();
            if (depth > 3 || r < 0.3) {
                return pick([null, true, false, 0, -0, 1.5, -1e300, Number.MAX_SAFE_INTEGER, NaN, pick(texts)]);
            }
            if (r < 0.6) {
                return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
            }
            return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(texts) + (random() < 0.5 ? "" : "k"), value(depth + 1)]));
        };
        for (let i = 0; i < 1000; i++) {
            const properties = Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 4) }, () => [pick(texts), value(0)]));
            const bytes = Struct.fromJavaScript(properties).serializeBinary();
            expect(same(decodeStruct(bytes), oracle(bytes)), JSON.stringify(properties)).to.equal(true);
        }
    });

    it("keeps google-protobuf's map order and its last word: keys sorted as strings, a repeated key's last value", () => {
        const bytes = hex(entry("10", str("y")) + entry("9", str("x")) + entry("z", str("first")) + entry("A", str("x")) + entry("z", str("last")));
        const decoded = decodeStruct(bytes);
        expect(same(decoded, oracle(bytes))).to.equal(true);
        expect(decoded).to.deep.equal({ 9: "x", 10: "y", A: "x", z: "last" });
    });

    it("takes a Value's last kind, as a oneof does, and skips fields it does not know", () => {
        // number 1.5, then string "s", then an unknown field 9 (varint): the string wins.
        const bytes = hex(entry("k", `11000000000000f83f${str("s")}4801`));
        expect(decodeStruct(bytes)).to.deep.equal({ k: "s" });
        expect(same(decodeStruct(bytes), oracle(bytes))).to.equal(true);
    });

    it("keeps a leading byte-order mark and reads multi-byte characters as google-protobuf does", () => {
        const bytes = Struct.fromJavaScript({ "\uFEFFkey": "\uFEFFvalue", "ключ": "😀 日本" }).serializeBinary();
        expect(decodeStruct(bytes)).to.deep.equal({ "\uFEFFkey": "\uFEFFvalue", "ключ": "😀 日本" });
    });

    it("leaves to google-protobuf what it would refuse or read differently", () => {
        const refused = {
            "a Value of no kind": hex(entry("k", "")),
            "an entry without a value": hex("0a030a016b"),
            "bytes cut short": hex(entry("k", str("value")).slice(0, -4)),
            "a string that is not UTF-8": hex(entry("k", "1a02c328")),
            // string_value (field 3) sent as a varint
            "a known field of another wire type": hex(entry("k", "1800")),
            "a group": hex("0b"),
        };
        for (const [what, bytes] of Object.entries(refused)) {
            expect(decodeStruct(bytes), what).to.equal(undefined);
        }
        // google-protobuf refuses a Value of no kind when it is read, the SDK's way in: the same error either way.
        expect(oracle(refused["a Value of no kind"])).to.be.an("error");
    });

    it("reads an empty Struct, and one part of larger bytes", () => {
        expect(decodeStruct(new Uint8Array())).to.deep.equal({});
        const inner = Struct.fromJavaScript({ name: "alice" }).serializeBinary();
        const framed = Uint8Array.from([0xff, ...inner, 0xff]);
        expect(decodeStruct(framed, 1, 1 + inner.length)).to.deep.equal({ name: "alice" });
    });
});
