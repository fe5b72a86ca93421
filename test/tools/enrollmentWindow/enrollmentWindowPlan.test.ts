/** The offline plan: the job's decision table over the account's exports, and its terminal rendering. */
import { expect } from "chai";
import { parseAuthorizationDetails, parseCredentialReport } from "../../../account";
import { enrollmentWindowPlan, renderEnrollmentWindowPlan } from "../../../tools/enrollmentWindow/enrollmentWindowPlan";
import { buildAuditReport, DEFAULT_SUSPENDED_GROUP_NAME } from "../../../account";
import { DEFAULT_SUSPENDED_GROUP_NAME as WINDOW_DEFAULT } from "../../../program/enrollmentWindow/jobPolicies";
import { truthInputs } from "../../account/truthFixtures";
import { authorizationDetails, credentialReportCsv, FixtureUser } from "../../program/enrollmentWindow/accountFixture";

const NOW = new Date("2026-12-01T06:00:00Z");
const USERS: FixtureUser[] = [
    { name: "alice", createdDaysAgo: 30, mfa: true },
    { name: "dan", createdDaysAgo: 14, mfa: false },
    { name: "eve", createdDaysAgo: 20, mfa: true, groups: ["mfa-enforced", "mfa-suspended"] },
];
const INPUTS = {
    authorizationDetails: parseAuthorizationDetails([authorizationDetails(USERS, NOW)], "details.json"),
    credentialReport: parseCredentialReport(credentialReportCsv(USERS, NOW), "report.csv"),
};

describe("enrollmentWindowPlan", () => {
    it("decides every user with the default thresholds and suspension group", () => {
        const { actions } = enrollmentWindowPlan(INPUTS, { now: NOW });
        expect(actions.map((a) => [a.user, a.action])).to.deep.equal([
            ["alice", "none"],
            ["dan", "suspend"],
            ["eve", "none"],
        ]);
        expect(actions[2].reason).to.equal("MFA active, still in mfa-suspended: an administrator reinstates the user");
    });

    it("given thresholds and another suspension group", () => {
        const { actions } = enrollmentWindowPlan(INPUTS, { now: NOW, thresholds: { remindAfterDays: 0, flagAfterDays: 7, suspendAfterDays: 0 }, suspendedGroupName: "quarantine" });
        expect(actions.find((a) => a.user === "dan")!.action).to.equal("flag");
        expect(actions.find((a) => a.user === "eve")!.reason).to.equal("MFA active");
    });

    it("needs the credential report", () => {
        expect(() => enrollmentWindowPlan({ authorizationDetails: INPUTS.authorizationDetails }, { now: NOW })).to.throw("the credential report is required");
    });

    it("renders one aligned line per user, then the counts", () => {
        const text = renderEnrollmentWindowPlan(enrollmentWindowPlan(INPUTS, { now: NOW }));
        const lines = text.trimEnd().split("\n");
        expect(lines[1]).to.match(/^suspend {1}dan {2}\s+14 days {2}no MFA device 14 days after creation/);
        expect(lines.at(-1)).to.equal("3 users: 1 suspend, 0 flag, 0 remind, 2 none; 1 suspended now");
    });

    it("marks the users suspended today, and the account audit reports exactly those users suspended", async () => {
        const inputs = truthInputs();
        const plan = enrollmentWindowPlan(inputs, { now: NOW });
        const audit = await buildAuditReport(inputs, { now: NOW });
        const planned = plan.actions.filter((a) => a.suspended).map((a) => a.user);
        const audited = audit.principals.filter((p) => p.type === "user" && p.status === "suspended").map((p) => p.name);
        expect(planned).to.deep.equal(["left-behind"]);
        expect(DEFAULT_SUSPENDED_GROUP_NAME).to.equal(WINDOW_DEFAULT); // the library's default is the window's
        expect(audited).to.deep.equal(planned);
        expect(renderEnrollmentWindowPlan(plan)).to.match(/left-behind .*\(suspended already\)/);
        // Neither calls a suspended user locked out: the audit passes on it unless --fail-on names suspended.
        expect(audit.principals.filter((p) => p.status === "locked-out").map((p) => p.name)).to.not.include("left-behind");
    });
});
