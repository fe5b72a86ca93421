/** The job's settings in its one environment variable: round trip, every broken field named, Lambda's size limit. */
import { expect } from "chai";
import { JOB_SETTINGS } from "./jobFixtures";
import { encodeJobSettings, JobSettings, jobSettingsSizeProblem, parseJobSettings, SETTINGS_VARIABLE } from "../../../../program/enrollmentWindow/job/jobSettings";

const SETTINGS: JobSettings = JOB_SETTINGS;

const parse = (value: unknown) => parseJobSettings({ [SETTINGS_VARIABLE]: typeof value === "string" ? value : JSON.stringify(value) });

describe("job settings", () => {
    it("what the program encodes, the job reads back unchanged; enforcedGroupName is optional", () => {
        expect(parse(encodeJobSettings(SETTINGS))).to.deep.equal(SETTINGS);
        const { enforcedGroupName, ...without } = SETTINGS;
        expect(parse(without)).to.deep.equal(without);
    });

    it("extra fields of an exemption are dropped", () => {
        expect(parse({ ...SETTINGS, exemptions: [{ name: "a", reason: "b", extra: 1 }] }).exemptions).to.deep.equal([{ name: "a", reason: "b" }]);
    });

    const broken: [string, unknown, string][] = [
        ["not set", undefined, "is not set"],
        ["not JSON", "{", "is not JSON"],
        ["an unknown mode", { ...SETTINGS, mode: "fix" }, 'mode must be "report" or "enforce", got "fix"'],
        ["a fractional threshold", { ...SETTINGS, thresholds: { ...SETTINGS.thresholds, flagAfterDays: 1.5 } }, "thresholds.flagAfterDays must be a whole number of days, got 1.5"],
        ["a missing threshold", { ...SETTINGS, thresholds: {} }, "thresholds.remindAfterDays must be a whole number of days, got undefined"],
        ["an exemption without a reason", { ...SETTINGS, exemptions: [{ name: "a" }] }, "exemptions must be a list of {name, reason, expiresOn?}"],
        ["an empty group name", { ...SETTINGS, suspendedGroupName: "" }, 'suspendedGroupName must be a non-empty string, got ""'],
        ["no topic", { ...SETTINGS, topicArn: undefined }, "topicArn must be a non-empty string, got undefined"],
    ];
    for (const [what, value, rule] of broken) {
        it(`fails loudly, naming the variable and the rule: ${what}`, () => {
            const environment = value === undefined ? {} : { [SETTINGS_VARIABLE]: typeof value === "string" ? value : JSON.stringify(value) };
            expect(() => parseJobSettings(environment)).to.throw(`${SETTINGS_VARIABLE}: ${rule}`);
        });
    }

    it("settings over Lambda's 4 KB of environment are a problem naming the cure; the usual ones fit", () => {
        expect(jobSettingsSizeProblem(SETTINGS)).to.equal(undefined);
        const many = { ...SETTINGS, exemptions: Array.from({ length: 40 }, (_, i) => ({ name: `user${i}`, reason: "x".repeat(100) })) };
        expect(jobSettingsSizeProblem(many)).to.match(/^compliance: the job's settings, exemptions with their reasons included, take \d+ bytes, over the 4096 Lambda allows .*shorten the exemption reasons$/);
    });
});
