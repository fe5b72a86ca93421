import { expect } from "chai";
import { isUnknown, PartialDocument, rawProps, readDocument, readString, readStringList, UNKNOWN, UNKNOWN_STRING } from "../../../policy-pack/stack/knownValues";

describe("knownValues: properties that may be unknown during a preview", () => {
    it("strings, lists and documents: a value, UNKNOWN, or nothing", () => {
        const props = { name: "alice", arn: UNKNOWN_STRING, groups: ["a", UNKNOWN_STRING, 3], policy: { Statement: [{ Resource: UNKNOWN_STRING }] } };
        expect(readString(props, "name")).to.equal("alice");
        expect(readString(props, "arn")).to.equal(UNKNOWN);
        expect(readString(props, "missing")).to.equal(undefined);
        expect(readStringList(props, "groups")).to.deep.equal({ known: ["a"], hasUnknown: true });
        expect(readStringList(props, "name")).to.deep.equal({ known: ["alice"], hasUnknown: false });
        expect(readStringList(props, "arn")).to.deep.equal({ known: [], hasUnknown: true });
        // An object holding an unknown value is read in part (partialDocument.ts); unknown as a whole, it is UNKNOWN.
        const partial = readDocument(props, "policy");
        expect(partial).to.be.instanceOf(PartialDocument);
        expect({ ...(partial as PartialDocument).value }).to.deep.equal(props.policy);
        expect(readDocument({ policy: UNKNOWN_STRING }, "policy")).to.equal(UNKNOWN);
        expect(readDocument({ policy: '{"Version":"2012-10-17"}' }, "policy")).to.equal('{"Version":"2012-10-17"}');
    });

    it("every sentinel the engine and SDK use for an unknown; the raw object behind @pulumi/policy's proxy", () => {
        expect(isUnknown(UNKNOWN_STRING)).to.equal(true);
        expect(isUnknown("1c4a061d-8072-4f0a-a4cb-0ff528b18fe7")).to.equal(true);
        expect(isUnknown("alice")).to.equal(false);
        const target = { name: "x" };
        expect(rawProps({ __getSpecialProxyTarget: target })).to.equal(target);
        expect(rawProps(undefined)).to.deep.equal({});
    });
});
