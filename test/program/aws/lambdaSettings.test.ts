import { expect } from "chai";
import { jobExemption, SettingsReader } from "../../../program/aws/lambdaSettings";

describe("program aws — lambdaSettings: a job's settings read from one environment variable", () => {
    const reader = new SettingsReader("FORCE_MFA_JOB");

    it("reads the variable's JSON; unset or not JSON fails naming the variable", () => {
        expect(reader.read({ FORCE_MFA_JOB: '{"a": 1}' })).to.deep.equal({ a: 1 });
        expect(() => reader.read({})).to.throw("FORCE_MFA_JOB: is not set");
        expect(() => reader.read({ FORCE_MFA_JOB: "nope" })).to.throw("FORCE_MFA_JOB: is not JSON");
    });

    it("text: a non-empty string, else the key and what it got", () => {
        expect(reader.text("x", "topicArn")).to.equal("x");
        expect(() => reader.text("", "topicArn")).to.throw('FORCE_MFA_JOB: topicArn must be a non-empty string, got ""');
        expect(() => reader.text(5, "topicArn")).to.throw("FORCE_MFA_JOB: topicArn must be a non-empty string, got 5");
    });

    it("exemptions: {name, reason, expiresOn?} with a calendar date, copied without other keys", () => {
        expect(reader.exemptions([{ name: "a", reason: "r", expiresOn: "2027-02-28", approvedBy: "x" }, { name: "b", reason: "r" }])).to.deep.equal([
            { name: "a", reason: "r", expiresOn: "2027-02-28" },
            { name: "b", reason: "r" },
        ]);
        for (const bad of [undefined, {}, [{ name: "a" }], [{ reason: "r" }], [{ name: "a", reason: "r", expiresOn: "2027-02-30" }], [{ name: "a", reason: "r", expiresOn: 20270101 }], [null]]) {
            expect(() => reader.exemptions(bad), JSON.stringify(bad)).to.throw("FORCE_MFA_JOB: exemptions must be a list of {name, reason, expiresOn?} (expiresOn a YYYY-MM-DD date)");
        }
        expect(jobExemption({ name: "a", reason: "r", expiresOn: "" })).to.deep.equal({ name: "a", reason: "r" });
    });
});
