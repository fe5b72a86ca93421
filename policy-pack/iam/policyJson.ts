/**
 * A strict JSON reader for policy documents. `JSON.parse` keeps the last of two equal keys, so `{"Effect": "Deny",
 * "Effect": "Allow"}` would be judged on a statement AWS never sees (IAM refuses a document with a duplicate key).
 * This reader refuses duplicates and keeps a key `__proto__` as an ordinary element (it is one, to AWS); objects are
 * created without a prototype so no key can reach Object.prototype.
 */

export class PolicyJsonError extends Error {
    constructor(
        reason: string,
        /** True when the text is JSON but holds a duplicate key: AWS's rule, not a syntax error. */
        readonly duplicateKey = false,
    ) {
        super(reason);
        this.name = "PolicyJsonError";
    }
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A plain JSON object without prototype: every key, `__proto__` included, is an own property. */
export function jsonObject(): Record<string, JsonValue> {
    return Object.create(null) as Record<string, JsonValue>;
}

export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

class Reader {
    private at = 0;
    constructor(private readonly text: string) {}

    parse(): JsonValue {
        const value = this.value("");
        this.skip();
        if (this.at < this.text.length) {
            this.fail(`unexpected ${JSON.stringify(this.text[this.at])} after the document`);
        }
        return value;
    }

    private fail(reason: string): never {
        throw new PolicyJsonError(`${reason} at position ${this.at}`);
    }

    private skip(): void {
        while (this.at < this.text.length && WHITESPACE.has(this.text[this.at])) {
            this.at++;
        }
    }

    private value(where: string): JsonValue {
        this.skip();
        const ch = this.text[this.at];
        if (ch === "{") {
            return this.object(where);
        }
        if (ch === "[") {
            return this.array(where);
        }
        if (ch === '"') {
            return this.string();
        }
        for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
            if (this.text.startsWith(word, this.at)) {
                this.at += word.length;
                return value;
            }
        }
        const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 400));
        if (number) {
            this.at += number[0].length;
            return Number(number[0]);
        }
        return this.fail(ch === undefined ? "unexpected end of the text" : `unexpected ${JSON.stringify(ch)}`);
    }

    private object(where: string): JsonValue {
        this.at++; // {
        const object = jsonObject();
        this.skip();
        if (this.text[this.at] === "}") {
            this.at++;
            return object;
        }
        for (;;) {
            this.skip();
            if (this.text[this.at] !== '"') {
                this.fail("expected a quoted key");
            }
            const key = this.string();
            if (Object.prototype.hasOwnProperty.call(object, key)) {
                throw new PolicyJsonError(`${where || "the document"} has the key ${JSON.stringify(key)} twice`, true);
            }
            this.skip();
            if (this.text[this.at] !== ":") {
                this.fail('expected ":"');
            }
            this.at++;
            setOwn(object, key, this.value(where ? `${where}.${key}` : key));
            this.skip();
            const next = this.text[this.at++];
            if (next === "}") {
                return object;
            }
            if (next !== ",") {
                this.at--;
                this.fail('expected "," or "}"');
            }
        }
    }

    private array(where: string): JsonValue {
        this.at++; // [
        const items: JsonValue[] = [];
        this.skip();
        if (this.text[this.at] === "]") {
            this.at++;
            return items;
        }
        for (;;) {
            items.push(this.value(`${where}[${items.length}]`));
            this.skip();
            const next = this.text[this.at++];
            if (next === "]") {
                return items;
            }
            if (next !== ",") {
                this.at--;
                this.fail('expected "," or "]"');
            }
        }
    }

    private string(): string {
        const start = this.at;
        this.at++; // "
        for (;;) {
            const ch = this.text[this.at];
            if (ch === undefined) {
                this.fail("unterminated string");
            }
            if (ch === '"') {
                this.at++;
                try {
                    return JSON.parse(this.text.slice(start, this.at)) as string;
                } catch {
                    this.at = start;
                    return this.fail("invalid string");
                }
            }
            this.at += ch === "\\" ? 2 : 1;
        }
    }
}

/** Parses JSON text; throws PolicyJsonError on a syntax error or a duplicate key. */
export function parsePolicyJson(text: string): JsonValue {
    return new Reader(text).parse();
}
