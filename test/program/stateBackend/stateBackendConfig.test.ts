/**
 * The state backend's part of the stack config: the delete guard's keys, one clear message naming the key and the rule
 * for each bad value (the bucket, key and lock keys are checked through the whole program in forceMfaStack.test.ts).
 */
import { expect } from "chai";
import { checkStackConfig } from "../../../program/stackConfig";

function parse(raw: Record<string, unknown>) {
    const { config, problems } = checkStackConfig(raw);
    return { settings: config!, problems };
}

const WITH_LOG_GROUP = { detection: { cloudTrailLogGroupName: "org-trail" } };

describe("config of the state backend", () => {
    const bad: [string, Record<string, unknown>, RegExp][] = [
        ["a guard switch not a boolean", { ...WITH_LOG_GROUP, stateDeleteGuard: "on" }, /^stateDeleteGuard: must be true or false/],
        ["a state MFA age too long", { ...WITH_LOG_GROUP, stateDeleteMaxMfaAge: 7200 }, /^stateDeleteMaxMfaAge: must be an integer from 60 to 3600/],
        ["a state MFA age not a number", { ...WITH_LOG_GROUP, stateDeleteMaxMfaAge: "300" }, /^stateDeleteMaxMfaAge: must be an integer from 60 to 3600/],
    ];
    for (const [what, raw, message] of bad) {
        it(`rejects ${what} with one message naming the key and the rule`, () => {
            const { problems } = parse(raw);
            expect(problems).to.have.length(1, JSON.stringify(problems));
            expect(problems[0]).to.match(message);
        });
    }
});
