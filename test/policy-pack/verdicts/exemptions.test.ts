import { expect } from "chai";
import { exemptionName, isExempt } from "../../../policy-pack/verdicts/exemptions";

describe("exemptions: matched by the principal's real IAM name", () => {
    it("whatever its ASCII case; never for an unknown or stand-in name", () => {
        const exemptions = [{ name: "BreakGlass", reason: "r" }];
        expect(isExempt(exemptions, "breakglass")).to.equal(true);
        expect(isExempt(exemptions, "breakglass2")).to.equal(false);
        expect(isExempt(exemptions, undefined)).to.equal(false);
        expect(exemptionName({ name: "breakglass", nameKnown: false })).to.equal(undefined);
        expect(exemptionName({ name: "breakglass" })).to.equal("breakglass");
    });
});
