import { expect } from "chai";
import { fail } from "../../../tools/preview/policyDocumentModel";

describe("preview — policyDocumentModel", () => {
    it("the provider's errors name the invoke that raised them", () => {
        expect(() => fail("Sid A is used twice")).to.throw(Error, /^aws\.iam\.getPolicyDocument: Sid A is used twice$/);
    });
});
