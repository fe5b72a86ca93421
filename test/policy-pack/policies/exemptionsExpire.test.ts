/**
 * Exemptions that expire, in force-mfa-guard: the terms are read and checked, an exemption past its expiresOn exempts
 * nobody (the mandatory policies judge the principal like any other), and mfa-exemptions-visible names it with its
 * dates; one without an end is called permanent.
 */
import { expect } from "chai";
import { readGuardConfig } from "../../../policy-pack/guardConfig";
import { exemptionsVisible } from "../../../policy-pack/policies/exemptionsVisible";
import { userRequiresMfa } from "../../../policy-pack/policies/userRequiresMfa";
import { role, runPolicy, runStackPolicy, user } from "../stackFixtures";

const TERMS = { approvedBy: "ciso", ticket: "SEC-7", grantedOn: "2020-01-01" };
const EXPIRED = { name: "contractor", reason: "migration", ...TERMS, expiresOn: "2020-03-31" };
const ACTIVE = { name: "breakglass", reason: "emergency access", ...TERMS, expiresOn: "2099-12-31" };

describe("force-mfa-guard: exemptions that expire", () => {
    it("splits exemptions by the day: through expiresOn in force, after it expired", () => {
        const config = readGuardConfig({ exemptUsers: [EXPIRED, ACTIVE], exemptRoles: [{ ...EXPIRED, name: "vendor" }] }, "2020-03-31");
        expect(config.exemptUsers.map((e) => e.name)).to.deep.equal(["contractor", "breakglass"]);
        const later = readGuardConfig({ exemptUsers: [EXPIRED, ACTIVE], exemptRoles: [{ ...EXPIRED, name: "vendor" }] }, "2020-04-01");
        expect(later.exemptUsers).to.deep.equal([ACTIVE]);
        expect(later.expiredUsers).to.deep.equal([EXPIRED]);
        expect(later.exemptRoles).to.deep.equal([]);
        expect(later.expiredRoles.map((e) => e.name)).to.deep.equal(["vendor"]);
    });

    it("refuses a date that is not one, or an empty term, naming the entry", () => {
        expect(() => readGuardConfig({ exemptUsers: [{ ...ACTIVE, expiresOn: "2099-02-30" }] })).to.throw(/exemptUsers\[0\] \(breakglass\): "expiresOn" must be a date that exists/);
        expect(() => readGuardConfig({ exemptUsers: [{ ...ACTIVE, approvedBy: "" }] })).to.throw(/"approvedBy" must be a non-empty string/);
    });

    it("an expired exemption exempts nobody: a user outside the enforced group is blocked again", async () => {
        const contractor = user("contractor");
        expect(await runPolicy(userRequiresMfa, [contractor], { exemptUsers: [{ ...EXPIRED, expiresOn: "2099-12-31" }] })).to.deep.equal([]);
        const reported = await runPolicy(userRequiresMfa, [contractor], { exemptUsers: [EXPIRED] });
        expect(reported).to.have.length(1);
        expect(reported[0].message).to.match(/contractor/);
    });

    it("mfa-exemptions-visible: each exemption with its terms, the expired ones as expired, the undated as permanent", async () => {
        const contractor = user("contractor");
        const notices = await runStackPolicy(exemptionsVisible, [contractor, role("other", { Statement: [] })], {
            exemptUsers: [EXPIRED, ACTIVE, { name: "legacy", reason: "old entry" }],
            exemptRoles: [{ ...EXPIRED, name: "vendor" }],
        });
        expect(notices).to.deep.equal([
            {
                urn: undefined,
                message: "user breakglass is exempt from MFA enforcement: emergency access (approved by ciso; ticket SEC-7; granted 2020-01-01; expires 2099-12-31) (not declared in this stack)",
            },
            { urn: undefined, message: "user legacy is exempt from MFA enforcement: old entry (not declared in this stack); permanent: no expiresOn" },
            {
                urn: contractor.urn,
                message:
                    "user contractor: its exemption expired on 2020-03-31 and no longer counts — the user is judged like every other (migration (approved by ciso; ticket SEC-7; granted 2020-01-01; expires 2020-03-31)); renew it with a new expiresOn, or remove it",
            },
            {
                urn: undefined,
                message:
                    "role vendor: its exemption expired on 2020-03-31 and no longer counts — its trust must require MFA (migration (approved by ciso; ticket SEC-7; granted 2020-01-01; expires 2020-03-31)); renew it with a new expiresOn, or remove it",
            },
        ]);
    });
});
