import { expect } from "chai";
import { AuditInputError } from "../../../account/inputs/auditInputError";
import { describe as describeValue, JsonReader, parseJson } from "../../../account/inputs/jsonReader";

const refusal = (read: () => unknown) => {
    try {
        read();
    } catch (err) {
        expect(err).to.be.instanceOf(AuditInputError);
        return (err as Error).message;
    }
    throw new Error("accepted");
};

describe("account inputs — jsonReader: JSON read field by field, every problem named with its file and place", () => {
    const read = new JsonReader("details.json");

    it("objects, lists (absent is empty), strings, booleans", () => {
        expect(read.object({ a: 1 }, "x")).to.deep.equal({ a: 1 });
        expect(read.list(undefined, "x")).to.deep.equal([]);
        expect(read.list(null, "x")).to.deep.equal([]);
        expect(read.list([1], "x")).to.deep.equal([1]);
        expect(read.string("alice", "x")).to.equal("alice");
        expect(read.optionalString(null, "x")).to.equal(undefined);
        expect(read.boolean(false, "x")).to.equal(false);
        expect(refusal(() => read.object([], "UserDetailList[0]"))).to.equal("details.json: UserDetailList[0]: must be an object, found a list");
        expect(refusal(() => read.list({}, "GroupList"))).to.equal("details.json: GroupList: must be a list, found an object");
        expect(refusal(() => read.string("", "UserName"))).to.equal("details.json: UserName: must be a non-empty string, found an empty string");
        expect(refusal(() => read.optionalString(5, "Path"))).to.equal("details.json: Path: must be a non-empty string, found number 5");
        expect(refusal(() => read.boolean("true", "IsDefaultVersion"))).to.equal('details.json: IsDefaultVersion: must be true or false, found "true"');
    });

    it("dates: ISO 8601 text (the CLI) or a Date (SDK v3), returned as ISO 8601; anything else refused", () => {
        expect(read.optionalDate("2026-01-02T03:04:05Z", "CreateDate")).to.equal("2026-01-02T03:04:05.000Z");
        expect(read.optionalDate(new Date("2026-01-02T03:04:05Z"), "CreateDate")).to.equal("2026-01-02T03:04:05.000Z");
        expect(read.optionalDate(undefined, "CreateDate")).to.equal(undefined);
        expect(refusal(() => read.optionalDate("yesterday", "CreateDate"))).to.equal('details.json: CreateDate: must be an ISO 8601 date-time, found "yesterday"');
        expect(refusal(() => read.optionalDate(1767322800000, "CreateDate"))).to.match(/must be an ISO 8601 date-time, found number 1767322800000$/);
        expect(refusal(() => read.optionalDate(new Date("nope"), "CreateDate"))).to.match(/must be an ISO 8601 date-time, found an object$/);
    });

    it("describe names what was found, long text cut", () => {
        expect([describeValue(null), describeValue(undefined), describeValue([]), describeValue({}), describeValue(true), describeValue("")]).to.deep.equal(["null", "nothing", "a list", "an object", "boolean true", "an empty string"]);
        expect(describeValue("x".repeat(50))).to.equal(`"${"x".repeat(37)}..."`);
    });

    it("parseJson names the file of a syntax error", () => {
        expect(parseJson('{"a": 1}', "f.json")).to.deep.equal({ a: 1 });
        expect(refusal(() => parseJson("{", "f.json"))).to.match(/^f\.json: is not valid JSON \(.+\)$/);
    });
});
