import { expect } from "chai";
import { AuditInputError } from "../../../account/inputs/auditInputError";

describe("account inputs — auditInputError", () => {
    it("names the file, the place when there is one, and the rule; keeps each for callers", () => {
        const err = new AuditInputError("credential-report.csv", "line 7, column mfa_active", "must be TRUE or FALSE");
        expect(err.message).to.equal("credential-report.csv: line 7, column mfa_active: must be TRUE or FALSE");
        expect([err.name, err.file, err.place, err.rule]).to.deep.equal(["AuditInputError", "credential-report.csv", "line 7, column mfa_active", "must be TRUE or FALSE"]);
        expect(err).to.be.instanceOf(Error);
        expect(new AuditInputError("f.json", "", "is empty").message).to.equal("f.json: is empty");
    });
});
