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
            [{ sensitiveActionGroups: {} }, /leave it out for the default set/],
            [{ sensitiveActionGroups: { keys: { maxMfaAgeSeconds: 30, actions: ["kms:DisableKey"] } } }, /keys\.maxMfaAgeSeconds must be an integer from 60 to 43200/],
            [{ sensitiveActionGroups: { keys: { maxMfaAgeSeconds: 300, actions: ["*:DisableKey"] } } }, /keys\.actions must list action patterns/],
            [{ sensitiveActionGroups: { "bad name": { maxMfaAgeSeconds: 300, actions: ["kms:DisableKey"] } } }, /a group name is/],
            [{ sensitiveActionGroups: { sts: { maxMfaAgeSeconds: 300, actions: ["sts:*"] } } }, /"sts:\*" matches sts:GetSessionToken/],
            [{ sensitiveActionRoles: "admin" }, /sensitiveActionRoles must be a list of IAM role names/],
        ];
        for (const [raw, reason] of refused) {
            expect(() => readGuardConfig(raw), JSON.stringify(raw)).to.throw(GuardConfigError, reason);
        }
    });

    it("sensitive-action groups: the program's default set unless given, sorted by name", () => {
        const defaults = readGuardConfig(undefined).sensitiveActionGroups;
        expect(defaults.map((g) => g.name)).to.deep.equal([...defaults.map((g) => g.name)].sort());
        expect(defaults.find((g) => g.name === "kms-key-destruction")).to.deep.include({ maxMfaAgeSeconds: 300 });
        const given = readGuardConfig({ sensitiveActionGroups: { z: { maxMfaAgeSeconds: 600, actions: ["kms:*"] }, a: { maxMfaAgeSeconds: 60, actions: ["s3:DeleteBucket"] } } });
        expect(given.sensitiveActionGroups).to.deep.equal([
            { name: "a", maxMfaAgeSeconds: 60, actions: ["s3:DeleteBucket"] },
            { name: "z", maxMfaAgeSeconds: 600, actions: ["kms:*"] },
        ]);
    });

    it("each policy declares the keys it reads, with the same defaults the reader applies", () => {
        const schema = configSchema(["enforcedGroupName", "trustPolicyLengthQuota"]);
        expect(Object.keys(schema.properties)).to.deep.equal(["enforcedGroupName", "trustPolicyLengthQuota"]);
        expect((schema.properties.enforcedGroupName as { default: string }).default).to.equal(DEFAULT_ENFORCED_GROUP_NAME);
    });
});
