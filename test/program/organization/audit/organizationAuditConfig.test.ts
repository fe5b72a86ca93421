/** organization.audit: its defaults (off), a full section, every rule broken at once, one line per problem naming the key. */
import { expect } from "chai";
import { checkOrganizationConfig } from "../../../../program/organization/organizationConfig";
import { DEFAULT_QUARTERLY_REPORT, DEFAULT_WEEKLY_CHECK } from "../../../../program/organization/audit/organizationAuditConfig";

const audit = (raw: unknown) => checkOrganizationConfig({ audit: raw });

describe("organization audit config (organization.audit)", () => {
    it("off by default, the whole organization, the runbook's schedules in UTC, no Security Hub import", () => {
        expect(audit(undefined).settings!.audit).to.deep.equal({
            enabled: false,
            targets: ["root"],
            roleName: "force-mfa-organization-audit",
            name: "force-mfa-org-audit",
            maxConcurrency: 40,
            toleratedFailurePercentage: 10,
            schedules: { weeklyCheck: DEFAULT_WEEKLY_CHECK, quarterlyReport: DEFAULT_QUARTERLY_REPORT, timezone: "UTC" },
            securityHub: false,
            logRetentionDays: 365,
        });
    });

    it("accepts a full section: OUs, names, limits, rate and cron schedules in a time zone, Security Hub on", () => {
        const raw = {
            enabled: true,
            targets: ["ou-ab12-cdefgh12", "ou-ab12-11112222"],
            roleName: "org-mfa-audit",
            name: "mfa-audit",
            maxConcurrency: 1000,
            toleratedFailurePercentage: 0,
            schedules: { weeklyCheck: "rate(7 days)", quarterlyReport: "cron(30 5 1 1,4,7,10 ? *)", timezone: "Europe/Berlin" },
            securityHub: true,
            logRetentionDays: 90,
        };
        expect(audit(raw)).to.deep.equal({ settings: { ...audit(undefined).settings, audit: raw }, problems: [] });
    });

    it("every broken rule reported together, naming the key and the value", () => {
        expect(
            audit({
                enabled: "yes",
                targets: ["ou-ab12-cdefgh12", "111122223333"],
                roleName: "no spaces allowed",
                name: "Upper_Case",
                maxConcurrency: 0,
                toleratedFailurePercentage: 101,
                schedules: { weeklyCheck: "cron(0 6 * *)", quarterlyReport: "at(2027-01-01T00:00:00)", timezone: "Mars/Olympus", extra: 1 },
                securityHub: 1,
                logRetentionDays: 2,
                region: "us-east-1",
            }).problems,
        ).to.deep.equal([
            'organization.audit.enabled: must be true or false, got "yes"',
            'organization.audit.targets[1]: must be "root" (the whole organization) or an OU id (ou-...), got "111122223333"',
            'organization.audit.roleName: must be an IAM role name (1-64 of letters, digits and +=,.@_-), got "no spaces allowed"',
            'organization.audit.name: must be 1-32 of lower-case letters, digits and - (not first or last): it names the state machine, its functions, roles, schedules and bucket, got "Upper_Case"',
            "organization.audit.maxConcurrency: must be an integer from 1 to 1000, got 0",
            "organization.audit.toleratedFailurePercentage: must be an integer from 0 to 100, got 101",
            'organization.audit.schedules.weeklyCheck: must be an EventBridge Scheduler expression, "cron(minutes hours day-of-month month day-of-week year)" or "rate(<n> minutes|hours|days)", got "cron(0 6 * *)"',
            'organization.audit.schedules.quarterlyReport: must be an EventBridge Scheduler expression, "cron(minutes hours day-of-month month day-of-week year)" or "rate(<n> minutes|hours|days)", got "at(2027-01-01T00:00:00)"',
            'organization.audit.schedules.timezone: must be an IANA time zone name (UTC, Europe/Berlin, America/New_York, ...), got "Mars/Olympus"',
            "organization.audit.schedules.extra: unknown key (allowed: weeklyCheck, quarterlyReport, timezone)",
            "organization.audit.securityHub: must be true or false, got 1",
            "organization.audit.logRetentionDays: must be one of CloudWatch Logs' retention values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653), got 2",
            "organization.audit.region: unknown key (allowed: enabled, targets, roleName, name, maxConcurrency, toleratedFailurePercentage, schedules, securityHub, logRetentionDays)",
        ]);
    });

    it("targets: root alone, at least one, each OU once", () => {
        expect(audit({ targets: ["root", "ou-ab12-cdefgh12"] }).problems).to.deep.equal(['organization.audit.targets: "root" covers every OU: list it alone, got ["root","ou-ab12-cdefgh12"]']);
        expect(audit({ targets: [] }).problems).to.deep.equal(['organization.audit.targets: must name at least one target ("root" for the whole organization), got []']);
        expect(audit({ targets: ["ou-ab12-cdefgh12", "ou-ab12-cdefgh12"] }).problems).to.deep.equal(['organization.audit.targets: lists an OU twice, got ["ou-ab12-cdefgh12","ou-ab12-cdefgh12"]']);
    });
});
