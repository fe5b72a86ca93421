import { expect } from "chai";
import { coverage, orInto } from "../../../policy-pack/iam/statementCoverage";

describe("statementCoverage", () => {
    it("coverage: every part in one shape, absent parts undefined", () => {
        const denied = Uint8Array.of(1, 0);
        const c = coverage({ denied, gap: "its condition needs MFA" });
        expect(Object.keys(c)).to.deep.equal(["denied", "deniedSomewhere", "probablyDenied", "gap"]);
        expect(c).to.deep.equal({ denied, deniedSomewhere: undefined, probablyDenied: undefined, gap: "its condition needs MFA" });
    });

    it("orInto adds marks up: a 1 stays a 1", () => {
        const target = Uint8Array.of(0, 1, 0, 1);
        orInto(target, Uint8Array.of(0, 0, 1, 1));
        expect([...target]).to.deep.equal([0, 1, 1, 1]);
    });
});
