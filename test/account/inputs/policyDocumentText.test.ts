import { expect } from "chai";
import { decodePolicyDocument } from "../../../account/inputs/policyDocumentText";

const DOC = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/a b+c" }] };

describe("account inputs — policyDocumentText: a document as the CLI, the IAM API or SDK v3 gives it", () => {
    it("an object as it is; URL-encoded JSON (RFC 3986) decoded; plain JSON text parsed", () => {
        expect(decodePolicyDocument(DOC, "f", "p")).to.equal(DOC);
        expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(DOC)), "f", "p")).to.deep.equal(DOC);
        expect(decodePolicyDocument(`  ${JSON.stringify(DOC)}\n`, "f", "p")).to.deep.equal(DOC);
        // a plus in URL-encoded text is a plus (RFC 3986), not a space
        expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(DOC)).replace("%2B", "+"), "f", "p")).to.deep.equal(DOC);
    });

    it("refuses what is no document, naming the file and the place", () => {
        const at = "UserDetailList[0].UserPolicyList[1].PolicyDocument";
        expect(() => decodePolicyDocument(undefined, "d.json", at)).to.throw(`d.json: ${at}: must be a policy document (an object or URL-encoded JSON text), found nothing`);
        expect(() => decodePolicyDocument("  ", "d.json", at)).to.throw(/found "  "$/);
        expect(() => decodePolicyDocument(["x"], "d.json", at)).to.throw(/found a list$/);
        expect(() => decodePolicyDocument("%7B%E0%A4%A", "d.json", at)).to.throw(`d.json: ${at}: is neither JSON nor URL-encoded JSON (a malformed %-escape)`);
        expect(() => decodePolicyDocument("%7Bnope", "d.json", at)).to.throw(/is not valid JSON once decoded \(/);
        expect(() => decodePolicyDocument("%5B%5D", "d.json", at)).to.throw(/must decode to a JSON object, found a list$/);
    });
});
