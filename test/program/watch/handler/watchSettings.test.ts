import { expect } from "chai";
import { encodeWatchSettings, parseWatchSettings, WATCH_SETTINGS_VARIABLE, WatchJobSettings } from "../../../../program/watch/handler/watchSettings";

const SETTINGS: WatchJobSettings = {
    topicArn: "arn:aws:sns:eu-central-1:123456789012:force-mfa-alerts",
    tableName: "force-mfa-watch",
    enforcedGroupName: "mfa-enforced",
    mode: "enforce",
    exemptions: [{ name: "breakglass", reason: "in the safe", expiresOn: "2027-01-31" }],
};
const env = (value: unknown) => ({ [WATCH_SETTINGS_VARIABLE]: typeof value === "string" ? value : JSON.stringify(value) });

describe("watch — watchSettings: what the function is told, checked on every invocation", () => {
    it("what the program encodes, the function reads back", () => {
        expect(parseWatchSettings(env(encodeWatchSettings(SETTINGS)))).to.deep.equal(SETTINGS);
    });

    it("refuses, naming the variable and the rule: unset, not JSON, a missing field, an unknown mode", () => {
        expect(() => parseWatchSettings({})).to.throw("FORCE_MFA_WATCH: is not set");
        expect(() => parseWatchSettings(env("{"))).to.throw("FORCE_MFA_WATCH: is not JSON");
        expect(() => parseWatchSettings(env({ ...SETTINGS, tableName: "" }))).to.throw('FORCE_MFA_WATCH: tableName must be a non-empty string, got ""');
        expect(() => parseWatchSettings(env({ ...SETTINGS, mode: "revert" }))).to.throw('FORCE_MFA_WATCH: mode must be one of report, enforce, got "revert"');
        expect(() => parseWatchSettings(env(null))).to.throw("FORCE_MFA_WATCH: topicArn must be a non-empty string, got undefined");
    });
});
