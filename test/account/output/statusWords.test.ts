import { expect } from "chai";
import { rootLine, STATUS_TITLES } from "../../../account/output/statusWords";
import { STATUSES } from "../../../account/report/reportModel";

describe("account output — statusWords", () => {
    it("every status has a title of its own", () => {
        expect(Object.keys(STATUS_TITLES).sort()).to.deep.equal([...STATUSES].sort());
        expect(new Set(Object.values(STATUS_TITLES)).size).to.equal(STATUSES.length);
        expect(STATUS_TITLES["locked-out"]).to.equal("Locked out");
    });

    it("root's line: removed credentials pass; otherwise its MFA, its kind and its keys, shouting what fails", () => {
        expect(rootLine({ credentialsRemoved: true, mfaType: "none", reason: "centralized root access" })).to.equal("root: NO CREDENTIALS (pass) — centralized root access");
        expect(rootLine({ mfaType: "unknown", reason: "no credential report given" })).to.equal("root: no credential report given");
        expect(rootLine({ mfaActive: true, mfaType: "fido", accessKeysPresent: false, reason: "ok" })).to.equal("root: MFA active (FIDO security key or passkey), no access keys — ok");
        expect(rootLine({ mfaActive: true, mfaType: "virtual-totp", accessKeysPresent: true, reason: "r" })).to.equal("root: MFA active (virtual TOTP), access keys PRESENT — r");
        expect(rootLine({ mfaActive: false, mfaType: "none", reason: "r" })).to.equal("root: NO MFA, no access keys — r");
    });
});
