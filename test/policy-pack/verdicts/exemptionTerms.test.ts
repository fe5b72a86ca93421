import { expect } from "chai";
import { activeExemptions, exemptionStatus, isCalendarDate, utcDate } from "../../../policy-pack/verdicts/exemptionTerms";

describe("exemptionTerms: when an exemption counts", () => {
    it("through its expiresOn day (UTC), not after; one without an end is permanent", () => {
        expect(exemptionStatus({ name: "a", expiresOn: "2026-12-07" }, "2026-12-07")).to.equal("active");
        expect(exemptionStatus({ name: "a", expiresOn: "2026-12-06" }, "2026-12-07")).to.equal("expired");
        expect(exemptionStatus({ name: "a" }, "2026-12-07")).to.equal("permanent");
        expect(activeExemptions([{ name: "a", expiresOn: "2026-01-01" }, { name: "b" }], "2026-12-07").map((e) => e.name)).to.deep.equal(["b"]);
    });

    it("dates that exist, written YYYY-MM-DD; today in UTC", () => {
        expect(["2026-02-28", "2024-02-29"].map(isCalendarDate)).to.deep.equal([true, true]);
        expect(["2026-02-29", "2026-2-28", "28/02/2026", ""].map(isCalendarDate)).to.deep.equal([false, false, false, false]);
        expect(utcDate(new Date("2026-12-07T23:30:00-05:00"))).to.equal("2026-12-08");
    });
});
