/**
 * The enrollment window's CLI, `npm run lifecycle` (the script keeps its first name): what the daily job would do to
 * each user, offline. Exit code 0: the plan was printed; 2: bad usage or bad input (one line: the file, the place,
 * the rule).
 */
import { DEFAULT_THRESHOLDS, EnrollmentThresholds } from "../../program/enrollmentWindow/decisionTable";
import { DEFAULT_SUSPENDED_GROUP_NAME } from "../../program/enrollmentWindow/jobPolicies";
import { CliIo, parseOptions, readNow, reportBadInput, UsageError } from "../audit/commandLine";
import { AuditInputError } from "../../account";
import { readAuditInputs } from "../audit/readAuditInputs";
import { enrollmentWindowPlan, renderEnrollmentWindowPlan } from "./enrollmentWindowPlan";

const USAGE = `Usage: npm run lifecycle -- --authorization-details FILE --credential-report FILE --now ISO-8601 [options]

Prints what the enrollment window's daily job would do to each IAM user: none, remind, flag or suspend.

  --authorization-details FILE  aws iam get-account-authorization-details > FILE (required)
  --credential-report FILE      the credential report: its CSV, or the JSON of aws iam get-credential-report (required)
  --now ISO-8601                the day to decide for (required); days without MFA are counted to it
  --exemptions FILE             exemptions: [{name, reason}], {"users": [...]} or the pack's config
  --remind-after-days N         default ${DEFAULT_THRESHOLDS.remindAfterDays}
  --flag-after-days N           default ${DEFAULT_THRESHOLDS.flagAfterDays}
  --suspend-after-days N        default ${DEFAULT_THRESHOLDS.suspendAfterDays}; 0 switches suspension off
  --suspended-group NAME        the suspension group (default ${DEFAULT_SUSPENDED_GROUP_NAME})
  --json                        {"actions": [{"user", "action", "daysWithoutMfa", "reason", "suspended"}]} on stdout
  --help                        this text

Exit code: 0 the plan was printed, 2 bad usage or input.`;

function days(value: string | undefined, flag: string, fallback: number): number {
    if (value === undefined) {
        return fallback;
    }
    if (!/^\d{1,4}$/.test(value) || Number(value) > 3650) {
        throw new UsageError(`--${flag}: must be a whole number of days from 0 to 3650, got "${value}"`);
    }
    return Number(value);
}

function thresholdsOf(values: Record<string, string | boolean | undefined>): EnrollmentThresholds {
    const thresholds = {
        remindAfterDays: days(values["remind-after-days"] as string | undefined, "remind-after-days", DEFAULT_THRESHOLDS.remindAfterDays),
        flagAfterDays: days(values["flag-after-days"] as string | undefined, "flag-after-days", DEFAULT_THRESHOLDS.flagAfterDays),
        suspendAfterDays: days(values["suspend-after-days"] as string | undefined, "suspend-after-days", DEFAULT_THRESHOLDS.suspendAfterDays),
    };
    if (thresholds.flagAfterDays < thresholds.remindAfterDays) {
        throw new UsageError(`--flag-after-days: must not be before --remind-after-days (${thresholds.remindAfterDays}), got ${thresholds.flagAfterDays}`);
    }
    if (thresholds.suspendAfterDays !== 0 && thresholds.suspendAfterDays < thresholds.flagAfterDays) {
        throw new UsageError(`--suspend-after-days: must be 0 (off) or not before --flag-after-days (${thresholds.flagAfterDays}), got ${thresholds.suspendAfterDays}`);
    }
    return thresholds;
}

export function runEnrollmentWindowCli(argv: readonly string[], io: CliIo): 0 | 2 {
    try {
        const values = parseOptions(argv, {
            "authorization-details": { type: "string" },
            "credential-report": { type: "string" },
            now: { type: "string" },
            exemptions: { type: "string" },
            "remind-after-days": { type: "string" },
            "flag-after-days": { type: "string" },
            "suspend-after-days": { type: "string" },
            "suspended-group": { type: "string" },
            json: { type: "boolean" },
            help: { type: "boolean" },
        });
        if (values.help) {
            io.stdout(`${USAGE}\n`);
            return 0;
        }
        for (const [flag, hint] of [
            ["authorization-details", "aws iam get-account-authorization-details > FILE"],
            ["credential-report", "aws iam generate-credential-report, then aws iam get-credential-report > FILE"],
            ["now", "e.g. 2026-12-01T06:00:00Z"],
        ] as const) {
            if (!values[flag]) {
                throw new UsageError(`--${flag} is required (${hint})`);
            }
        }
        const now = readNow(values.now!);
        const thresholds = thresholdsOf(values);
        const inputs = readAuditInputs({
            authorizationDetails: values["authorization-details"]!,
            credentialReport: values["credential-report"],
            exemptions: values.exemptions,
            cwd: io.cwd,
        });
        const plan = enrollmentWindowPlan(inputs, { now, thresholds, suspendedGroupName: values["suspended-group"] });
        io.stdout(values.json ? `${JSON.stringify({ actions: plan.actions }, null, 2)}\n` : renderEnrollmentWindowPlan(plan));
        return 0;
    } catch (err) {
        if (err instanceof UsageError || err instanceof AuditInputError) {
            return reportBadInput("force-mfa-lifecycle", err, io);
        }
        throw err;
    }
}

/** The process entry: arguments from argv, relative paths from where `npm run lifecycle` was typed. */
export function main(): void {
    process.exitCode = runEnrollmentWindowCli(process.argv.slice(2), {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        cwd: process.env.INIT_CWD ?? process.cwd(),
    });
}

if (require.main === module) {
    main();
}
