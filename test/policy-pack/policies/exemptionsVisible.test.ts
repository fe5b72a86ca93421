import { expect } from "chai";
import { exemptionsVisible } from "../../../policy-pack/policies/exemptionsVisible";
import { resource, role, runStackPolicy, user } from "../stackFixtures";

describe("mfa-exemptions-visible", () => {
    it("names every exemption with its reason and terms, on the principal when the stack declares it", async () => {
        const config = {
            exemptUsers: [{ name: "BreakGlass", reason: "sealed credentials", approvedBy: "ciso", expiresOn: "2099-12-31" }],
            exemptRoles: [{ name: "vendor", reason: "a SaaS integration" }],
        };
        const breakglass = user("breakglass");
        const reported = await runStackPolicy(exemptionsVisible, [breakglass], config);
        expect(reported).to.deep.equal([
            { urn: breakglass.urn, message: "user BreakGlass is exempt from MFA enforcement: sealed credentials (approved by ciso; expires 2099-12-31)" },
            { urn: undefined, message: "role vendor may be assumed without MFA: a SaaS integration (not declared in this stack); permanent: no expiresOn" },
        ]);
    });

    it("names every user counted as enforced on trust", async () => {
        const svc = user("svc");
        const reported = await runStackPolicy(exemptionsVisible, [svc, resource("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "svc", groups: ["mfa-enforced"] })]);
        expect(reported.map((r) => r.message)).to.deep.equal([
            "user svc: enforced by the org's group mfa-enforced, declared in another stack — trusted by this pack's configuration, not proven in this stack",
        ]);
        expect(await runStackPolicy(exemptionsVisible, [role("fn", { Version: "2012-10-17", Statement: [] })])).to.deep.equal([]);
    });
});
