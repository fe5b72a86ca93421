import { expect } from "chai";
import { noFindings } from "../../program/capability";

describe("program — capability", () => {
    it("no findings: no problems, no warnings, a fresh object each time (a capability adds to its own)", () => {
        const a = noFindings();
        expect(a).to.deep.equal({ problems: [], warnings: [] });
        a.problems.push("x");
        expect(noFindings().problems).to.deep.equal([]);
    });
});
