import { expect } from "chai";
import { characters, documentLength, QUOTAS } from "../../../policy-pack/iam/policyQuotas";

describe("policyQuotas: IAM's size limits, whitespace not counted", () => {
    it("counts a JSON text or an object without whitespace; nothing for what is not a document", () => {
        expect(documentLength('{ "Version": "2012-10-17" }')).to.equal('{"Version":"2012-10-17"}'.length);
        expect(documentLength({ Version: "2012-10-17" })).to.equal('{"Version":"2012-10-17"}'.length);
        expect(documentLength(undefined)).to.equal(undefined);
        expect(documentLength(42)).to.equal(undefined);
    });

    it("AWS's documented quotas, written as people read them", () => {
        expect([QUOTAS.managedPolicy, QUOTAS.userInline, QUOTAS.groupInline, QUOTAS.roleInline, QUOTAS.trustDefault, QUOTAS.trustRaised]).to.deep.equal([6144, 2048, 5120, 10240, 2048, 4096]);
        expect(characters(10240)).to.equal("10,240");
    });
});
