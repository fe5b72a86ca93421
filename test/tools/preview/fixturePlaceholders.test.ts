import { expect } from "chai";
import { PLACEHOLDERS, placeholderIn } from "../../../tools/preview/fixturePlaceholders";

describe("preview — fixturePlaceholders: a fixture still holding what --write-fixtures wrote", () => {
    it("names where the first placeholder is, at any depth", () => {
        expect(placeholderIn({ ids: ["subnet-1", "<string>"] })).to.equal("ids[1]");
        expect(placeholderIn({ filters: [{ name: "x", values: ["a", PLACEHOLDERS.string] }] })).to.equal("filters[0].values[1]");
        expect(placeholderIn({ count: PLACEHOLDERS.number, ready: PLACEHOLDERS.boolean })).to.equal("count");
        expect(placeholderIn({ ready: "<boolean>" })).to.equal("ready");
        expect(placeholderIn(["<number>"])).to.equal("[0]");
    });

    it("a whole result that is a placeholder is named as the result", () => {
        expect(placeholderIn("<string>")).to.equal("(the result)");
    });

    it("filled values pass, even ones that look like markup or are the placeholder's type", () => {
        expect(placeholderIn({ id: "subnet-1", ids: ["subnet-1"], count: 0, ready: false, nothing: null })).to.equal(undefined);
        expect(placeholderIn({ html: "<b>string</b>", word: "string", spaced: " <string>" })).to.equal(undefined);
        expect(placeholderIn(undefined)).to.equal(undefined);
        expect(placeholderIn({})).to.equal(undefined);
    });
});
