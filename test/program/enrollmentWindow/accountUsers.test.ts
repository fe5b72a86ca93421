/** The users the window decides on, from the two account exports: who exists, since when, with MFA, suspended. */
import { expect } from "chai";
import { parseAuthorizationDetails, parseCredentialReport } from "../../../account";
import { usersOfAccount } from "../../../program/enrollmentWindow/accountUsers";
import { authorizationDetails, credentialReportCsv, FixtureUser } from "./accountFixture";

const NOW = new Date("2026-12-01T06:00:00Z");
const DAY = 86_400_000;

function facts(users: FixtureUser[], report: FixtureUser[] = users) {
    const details = parseAuthorizationDetails([authorizationDetails(users, NOW)], "details.json");
    return usersOfAccount(details, parseCredentialReport(credentialReportCsv(report, NOW), "report.csv"), "MFA-Suspended");
}

describe("usersOfAccount", () => {
    it("one entry per user of the authorization details, its creation and MFA status from the credential report", () => {
        const [alice, dan] = facts([
            { name: "alice", createdDaysAgo: 3, mfa: true },
            { name: "dan", createdDaysAgo: 20, mfa: false },
        ]);
        expect(alice).to.deep.equal({ name: "alice", createdAt: new Date(NOW.getTime() - 3 * DAY - 3_600_000), mfaActive: true, suspended: false });
        expect(dan).to.deep.include({ name: "dan", mfaActive: false, suspended: false });
    });

    it("a user not yet in the report: MFA status unknown, creation date from the authorization details", () => {
        const [newbie] = facts([{ name: "newbie", createdDaysAgo: 0, mfa: false, inReport: false }]);
        expect(newbie.mfaActive).to.equal(undefined);
        expect(newbie.createdAt?.getTime()).to.equal(NOW.getTime() - 3_600_000);
    });

    it("a report row of a user deleted since is ignored: the account is what the authorization details say", () => {
        const users = facts([{ name: "alice", createdDaysAgo: 3, mfa: true }], [
            { name: "alice", createdDaysAgo: 3, mfa: true },
            { name: "gone", createdDaysAgo: 30, mfa: false },
        ]);
        expect(users.map((u) => u.name)).to.deep.equal(["alice"]);
    });

    it("suspended: a member of the suspension group, whatever the case of its name", () => {
        const [eve] = facts([{ name: "eve", createdDaysAgo: 20, mfa: true, groups: ["mfa-enforced", "mfa-suspended"] }]);
        expect(eve.suspended).to.equal(true);
    });
});
