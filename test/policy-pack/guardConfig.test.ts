import { expect } from "chai";
import { configSchema, DEFAULT_ENFORCED_GROUP_NAME, DEFAULT_ENROLLMENT_ALLOW_LIST, GuardConfigError, readGuardConfig } from "../../policy-pack/guardConfig";

describe("guardConfig: the pack's config, defaults applied, bad input refused", () => {
    it("defaults: the program's group, policy name and enrollment allow-list, IAM's trust quota", () => {
        const config = readGuardConfig(undefined);
        expect(config).to.deep.include({ enforcedGroupName: DEFAULT_ENFORCED_GROUP_NAME, enforcementPolicyNames: ["ForceMFA"], trustPolicyLengthQuota: 2048, exemptUsers: [] });
        expect(config.enrollmentAllowList).to.deep.equal(DEFAULT_ENROLLMENT_ALLOW_LIST);
    });

    it("refuses what would silently turn the pack off or cannot be what the user meant", () => {
        const refused: [Record<string, unknown>, RegExp][] = [
            [{ enforcedGroupName: "" }, /enforcedGroupName/],
            [{ enrollmentAllowList: ["*:*"] }, /names every service/],
            [{ enrollmentAllowList: ["EnableMFADevice"] }, /enrollmentAllowList must be a list of actions/],
            [{ exemptUsers: [{ name: "breakglass" }] }, /needs a non-empty "reason"/],
            [{ exemptRoles: "ci" }, /exemptRoles must be a list/],
            [{ enforcementPolicyNames: ["Force MFA"] }, /enforcementPolicyNames/],
            [{ trustPolicyLengthQuota: 8192 }, /from 2048 to 4096/],
        ];
        for (const [raw, reason] of refused) {
            expect(() => readGuardConfig(raw), JSON.stringify(raw)).to.throw(GuardConfigError, reason);
        }
    });

    it("each policy declares the keys it reads, with the same defaults the reader applies", () => {
        const schema = configSchema(["enforcedGroupName", "trustPolicyLengthQuota"]);
        expect(Object.keys(schema.properties)).to.deep.equal(["enforcedGroupName", "trustPolicyLengthQuota"]);
        expect((schema.properties.enforcedGroupName as { default: string }).default).to.equal(DEFAULT_ENFORCED_GROUP_NAME);
    });
});
