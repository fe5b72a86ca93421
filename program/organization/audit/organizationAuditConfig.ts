/**
 * The organization audit's part of the organization section, `organization.audit` (zod): off by default. Which
 * accounts are audited (the whole organization, or OUs and the OUs under them), the audit role's name in every member
 * account, how many accounts are read at once, which share of them may fail before the run does, when the runs start
 * (EventBridge Scheduler: the runbook's weekly check and quarterly report) and whether the findings go to Security Hub.
 */
import { z } from "zod";
import { broken, flag, integer, list, section, text } from "../../configParts";
import { IAM_USER_OR_ROLE_NAME } from "../../aws/iamNames";
import { logRetentionDays } from "../../aws/logRetention";

/** The target naming the organization's root: every account of the organization. */
export const WHOLE_ORGANIZATION = "root";

export const DEFAULT_AUDIT_NAME = "force-mfa-org-audit";
export const DEFAULT_AUDIT_ROLE_NAME = "force-mfa-organization-audit";
/** Mondays, 06:00: the runbook's weekly check. */
export const DEFAULT_WEEKLY_CHECK = "cron(0 6 ? * MON *)";
/** The first day of each quarter, 07:00: the auditor's quarterly report. */
export const DEFAULT_QUARTERLY_REPORT = "cron(0 7 1 1,4,7,10 ? *)";

const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
/** EventBridge Scheduler's recurring expressions: cron with its six fields, or a rate of whole units. */
const SCHEDULE = /^(cron\(\S+ \S+ \S+ \S+ \S+ \S+\)|rate\([1-9]\d* (minute|minutes|hour|hours|day|days)\))$/;
/** Lower-case, so that the audit bucket `<name>-<account>-<region>` follows S3's rules; 32 keeps it within 63. */
const AUDIT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

const target = text(new RegExp(`^(?:${WHOLE_ORGANIZATION}|${OU_ID.source.slice(1, -1)})$`), `must be "${WHOLE_ORGANIZATION}" (the whole organization) or an OU id (ou-...)`);

const targets = list(target, `must be a list of "${WHOLE_ORGANIZATION}" or OU ids`)
    .min(1, broken(`must name at least one target ("${WHOLE_ORGANIZATION}" for the whole organization)`))
    .refine((items) => !items.includes(WHOLE_ORGANIZATION) || items.length === 1, broken(`"${WHOLE_ORGANIZATION}" covers every OU: list it alone`))
    .refine((items) => new Set(items).size === items.length, broken("lists an OU twice"));

const expression = (fallback: string) =>
    text(SCHEDULE, 'must be an EventBridge Scheduler expression, "cron(minutes hours day-of-month month day-of-week year)" or "rate(<n> minutes|hours|days)"').default(fallback);

export const organizationAuditSection = section({
    enabled: flag(false),
    /** The accounts audited, and where the StackSet puts the audit role: the root, or OUs (the OUs under them too). */
    targets: targets.default([WHOLE_ORGANIZATION]),
    /** The read-only role in every member account. */
    roleName: text(IAM_USER_OR_ROLE_NAME, "must be an IAM role name (1-64 of letters, digits and +=,.@_-)").default(DEFAULT_AUDIT_ROLE_NAME),
    /** The state machine, its functions, roles, schedules, StackSet and bucket (`<name>-<account>-<region>`) are named from it. */
    name: text(AUDIT_NAME, "must be 1-32 of lower-case letters, digits and - (not first or last): it names the state machine, its functions, roles, schedules and bucket").default(DEFAULT_AUDIT_NAME),
    /** The Distributed Map's MaxConcurrency: accounts read at once (each account's IAM quota is its own). */
    maxConcurrency: integer(1, 1000).default(40),
    /** The share of accounts whose item may fail outright (after its retries and its failure record) before the run fails. */
    toleratedFailurePercentage: integer(0, 100).default(10),
    schedules: section({
        weeklyCheck: expression(DEFAULT_WEEKLY_CHECK),
        quarterlyReport: expression(DEFAULT_QUARTERLY_REPORT),
        timezone: z
            .string(broken("must be an IANA time zone name"))
            .refine(isTimeZone, broken("must be an IANA time zone name (UTC, Europe/Berlin, America/New_York, ...)"))
            .default("UTC"),
    }).prefault({}),
    /** Import the findings into Security Hub in this (the administrator) account, in the stack's region. */
    securityHub: flag(false),
    logRetentionDays: logRetentionDays(365),
});

export type OrganizationAuditSettings = z.output<typeof organizationAuditSection>;
