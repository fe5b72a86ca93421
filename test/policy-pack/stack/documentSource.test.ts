import { expect } from "chai";
import { documentSource, documentSourceWithin, NO_DOCUMENT, UNKNOWN_DOCUMENT } from "../../../policy-pack/stack/documentSource";
import { UNKNOWN } from "../../../policy-pack/stack/knownValues";
import { forceMfaDocument } from "../stackFixtures";

describe("documentSource: a document as it reaches a principal", () => {
    it("parsed once per distinct text; unknown, absent and refused documents carry the reason", () => {
        const a = documentSource("policy A", forceMfaDocument());
        const b = documentSource("policy B", forceMfaDocument());
        expect(a.document).to.equal(b.document);
        expect(documentSource("p", UNKNOWN)).to.deep.equal({ label: "p", problem: UNKNOWN_DOCUMENT });
        expect(documentSource("p", undefined)).to.deep.equal({ label: "p", problem: NO_DOCUMENT });
        expect(documentSource("p", "{}").problem).to.match(/^AWS refuses its document \(MalformedPolicyDocument: the document has no Statement\)/);
    });

    it("one over its quota is not parsed at all", () => {
        expect(documentSourceWithin("p", forceMfaDocument(), 10_000, 6144)).to.deep.equal({ label: "p", problem: "it is over its IAM size quota" });
        expect(documentSourceWithin("p", forceMfaDocument(), 100, 6144).document).to.not.equal(undefined);
    });
});
