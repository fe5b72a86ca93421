import { expect } from "chai";
import { DEFAULT_FAIL_ON, exitCode, FAIL_ON_CONDITIONS, FailOnError, failures, parseFailOn } from "../../../account/report/failOn";
import { sampleReport } from "../output/sampleReport";

describe("account report — failOn: which findings make the audit exit 1", () => {
    it("parses a comma-separated list (spaces and repeats allowed) or none", () => {
        expect(parseFailOn("escapes, locked-out,escapes")).to.deep.equal(["escapes", "locked-out"]);
        expect(parseFailOn("none")).to.deep.equal([]);
        expect(parseFailOn("root-virtual-mfa,")).to.deep.equal(["root-virtual-mfa"]);
    });

    it("refuses an unknown condition, an empty list, and none beside a condition", () => {
        expect(() => parseFailOn("escape")).to.throw(FailOnError, /^--fail-on: "escape" is not a condition; use "none" or a comma-separated list of escapes, /);
        expect(() => parseFailOn(" , ")).to.throw(FailOnError, /^--fail-on: names no condition;/);
        expect(() => parseFailOn("none,escapes")).to.throw(FailOnError, /"none" is not a condition/);
    });

    it("fails closed by default: unenforced and unverifiable fail like escapes; suspension does not", () => {
        expect(DEFAULT_FAIL_ON).to.include.members(["escapes", "unenforced", "locked-out", "unverifiable", "root-without-mfa"]);
        expect(DEFAULT_FAIL_ON).to.not.include("suspended");
        expect(DEFAULT_FAIL_ON.every((c) => (FAIL_ON_CONDITIONS as readonly string[]).includes(c))).to.equal(true);
    });

    it("one line per chosen condition the report holds, counting principals; exit 1 when any", () => {
        const report = sampleReport();
        expect(failures(report, ["escapes", "unenforced", "locked-out", "suspended"])).to.deep.equal(["escapes: 2 principal(s)", "unenforced: 1 principal(s)"]);
        expect(exitCode(report, ["escapes"])).to.equal(1);
        expect(exitCode(report, ["locked-out", "suspended"])).to.equal(0);
        expect(exitCode(report, [])).to.equal(0);
        expect(failures(report, ["sensitive-actions"])).to.deep.equal([]);
        const gaps = { ...report, summary: { ...report.summary, sensitiveActionGaps: 3 } };
        expect(failures(gaps, ["sensitive-actions"])).to.deep.equal(["sensitive-actions: 3 principal(s) can use a sensitive action without fresh MFA"]);
    });

    it("root: without MFA (unless its credentials are removed), with access keys, with a virtual device", () => {
        const root = (facts: Parameters<typeof sampleReport>[1]) => failures(sampleReport([], facts), ["root-without-mfa", "root-access-keys", "root-virtual-mfa"]);
        expect(root({ mfaActive: false, mfaType: "none", accessKeysPresent: true, reason: "r" })).to.deep.equal(["root-without-mfa: the root user has no MFA", "root-access-keys: the root user has active access keys"]);
        expect(root({ credentialsRemoved: true, mfaActive: false, mfaType: "none", reason: "r" })).to.deep.equal([]);
        expect(root({ mfaActive: true, mfaType: "virtual-totp", accessKeysPresent: false, reason: "r" })).to.deep.equal(["root-virtual-mfa: the root user's MFA is a virtual device"]);
        // without a credential report root's MFA is not known: not a failure of root-without-mfa
        expect(root({ mfaType: "unknown", reason: "no credential report" })).to.deep.equal([]);
    });
});
