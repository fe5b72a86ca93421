import { expect } from "chai";
import { parseCsv } from "../../../account/inputs/csv";

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe("account inputs — csv: RFC 4180", () => {
    it("fields split at commas, records at LF, CRLF or CR; a last line without a break is a record", () => {
        expect(fields("a,b\r\nc,d\ne,f\rg,h")).to.deep.equal([
            ["a", "b"],
            ["c", "d"],
            ["e", "f"],
            ["g", "h"],
        ]);
        expect(fields("a,,\n")).to.deep.equal([["a", "", ""]]);
    });

    it("quoted fields hold commas, doubled quotes and line breaks; a record's line is where it starts", () => {
        const records = parseCsv('user,note\nalice,"says ""hi"", twice"\nbob,"two\nlines"\ncarol,x\n');
        expect(records.map((r) => r.fields)).to.deep.equal([
            ["user", "note"],
            ["alice", 'says "hi", twice'],
            ["bob", "two\nlines"],
            ["carol", "x"],
        ]);
        expect(records.map((r) => r.line)).to.deep.equal([1, 2, 3, 5]);
    });

    it("blank lines are no records; an empty text is none", () => {
        expect(fields("a\n\n\nb\n")).to.deep.equal([["a"], ["b"]]);
        expect(parseCsv("")).to.deep.equal([]);
        expect(parseCsv("a\n\nb").map((r) => r.line)).to.deep.equal([1, 3]);
    });

    it("a quote inside an unquoted field is text; an unclosed quoted field is an error naming its line", () => {
        expect(fields('a"b,c')).to.deep.equal([['a"b', "c"]]);
        expect(() => parseCsv('user\nalice,"open\nstill open')).to.throw('line 2: a quoted field is not closed');
    });
});
