/**
 * The building blocks of the stack config's schema: how zod's issues and the rules across keys become one line per
 * problem, and how capability parts are merged.
 */
import { expect } from "chai";
import { z } from "zod";
import { configPart, flag, integer, mergeKeys, problemLines, section, text } from "../../program/configParts";

describe("config schema building blocks", () => {
    const schema = section({ on: flag(true), name: text(/^[a-z]+$/, "must be lower-case letters"), count: integer(1, 9).optional() });

    function lines(input: unknown, unused: string[] = []) {
        const issues = schema.safeParse(input).error?.issues ?? [];
        return problemLines(issues, unused.map((key) => ({ path: [key], message: "only used with on: true", unused: true })));
    }

    it("one line per problem: the key, the rule and the value as written; each unknown key on its own line", () => {
        expect(lines({ on: "yes", name: "A", x: 1, y: 2 })).to.deep.equal([
            'on: must be true or false, got "yes"',
            'name: must be lower-case letters, got "A"',
            "x: unknown key (allowed: on, name, count)",
            "y: unknown key (allowed: on, name, count)",
        ]);
        expect(lines(5)).to.deep.equal(["must be an object with the keys on, name, count, got 5"]);
    });

    it("a key reported as unused is not also reported for its format; a rule broken twice at one key is said once", () => {
        expect(lines({ name: "A" }, ["name"])).to.deep.equal(["name: only used with on: true"]);
        expect(lines({ name: "a", count: 20.5 })).to.deep.equal(["count: must be an integer from 1 to 9, got 20.5"]);
    });

    it("merges the parts' keys, and refuses a key two parts claim", () => {
        const a = configPart({ one: z.string() });
        const b = configPart({ two: z.number() });
        expect(Object.keys(mergeKeys([a, b] as const))).to.deep.equal(["one", "two"]);
        expect(() => mergeKeys([a, configPart({ one: z.boolean() })] as const)).to.throw(/the key one is claimed by two capabilities/);
    });
});
