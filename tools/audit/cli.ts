/**
 * `npm run audit` / `force-mfa-audit`: judges every IAM principal of a live account, from what the AWS CLI gives,
 * with force-mfa-guard's evaluator. Exit code 0: nothing the --fail-on conditions name; 1: something they name;
 * 2: bad usage or bad input (one line: the file, the place, the rule).
 */
import * as fs from "fs";
import * as path from "path";
import { CliIo, parseOptions, readNow, reportBadInput, UsageError } from "./commandLine";
import { AuditInputError } from "../../account";
import { readAuditInputs } from "./readAuditInputs";
import { renderAsffFindings, renderCsvReport, renderHtmlReport } from "../../account";
import { renderJsonReport } from "../../account";
import { renderTerminalSummary } from "../../account";
import { buildAuditReport } from "../../account";
import { DEFAULT_FAIL_ON, failures, FAIL_ON_CONDITIONS, FailOnError, parseFailOn } from "../../account";
import { ACCOUNT_ID, DEFAULT_ORGANIZATION_FAIL_ON, NOT_AUDITED, parseOrganizationFailOn } from "../../account";
import { runOrganizationAudit } from "./organizationAudit";
import { ACCOUNT_FILES, ACCOUNTS_FILE } from "./readOrganizationFolder";
// The enrollment window's own default, so the audit and `npm run lifecycle` name the same users suspended.
import { DEFAULT_SUSPENDED_GROUP_NAME } from "../../program/enrollmentWindow/jobPolicies";

const USAGE = `Usage: npm run audit -- --authorization-details FILE [options]
       npm run audit -- --organization DIR [--json] [--html FILE] [--asff FILE] [--fail-on LIST] ...

Judges every IAM user, group and role of an account with the force-mfa-guard evaluator.

  --authorization-details FILE  aws iam get-account-authorization-details > FILE (required)
  --credential-report FILE      the credential report: its CSV, or the JSON of aws iam get-credential-report
  --virtual-mfa-devices FILE    aws iam list-virtual-mfa-devices > FILE (tells root's virtual MFA from the others)
  --root-credentials FILE       what a root session reports (get-login-profile, list-access-keys, list-mfa-devices,
                                list-signing-certificates, merged): no credentials passes; MFA device kinds
  --exemptions FILE             exemptions: [{name, reason}], {"users": [...], "roles": [...]} or the pack's config
  --stack NAME                  or: the exemptions of Pulumi.NAME.yaml (force-mfa:exemptions)
  --stack-dir DIR               where Pulumi.NAME.yaml is (default: the current directory)
  --enforced-group NAME         the enforced group (default: the stack's force-mfa:enforcedGroupName, else mfa-enforced)
  --suspended-group NAME        the enrollment window's suspension group (default ${DEFAULT_SUSPENDED_GROUP_NAME})
  --json                        the report as JSON on stdout instead of the summary
  --html FILE                   also write the report as one self-contained HTML page
  --csv FILE                    also write one row per principal as CSV
  --asff FILE                   also write the failing principals as AWS Security Finding Format findings, for
                                aws securityhub batch-import-findings --findings file://FILE (100 a call)
  --region REGION               the Security Hub Region of the ASFF findings (default: $AWS_REGION, $AWS_DEFAULT_REGION)
  --fail-on LIST                exit 1 on these (default ${DEFAULT_FAIL_ON.join(",")}); "none", or any of
                                ${FAIL_ON_CONDITIONS.join(", ")}
  --now ISO-8601                the audit's time (default: now); days without MFA are counted to it
  --help                        this text

  --organization DIR            instead: every member account of an organization, each in DIR/<account id>/ with
                                ${ACCOUNT_FILES.authorizationDetails} and, if taken, ${ACCOUNT_FILES.credentialReport.join(" or ")},
                                ${ACCOUNT_FILES.virtualMfaDevices}, ${ACCOUNT_FILES.rootCredentials}, ${ACCOUNT_FILES.exemptions[0]} (or .yaml);
                                DIR/${ACCOUNTS_FILE} (aws organizations list-accounts) names them, and an active account
                                without a folder is not audited. --json, --html, --asff write the organization report;
                                --fail-on also takes ${NOT_AUDITED} (in the default): an account that could not be audited
  --asff-account ID             with --organization --asff: every finding as account ID's (the Security Hub
                                administrator that imports them all), the member account in ProductFields

Exit code: 0 nothing --fail-on names, 1 something it names, 2 bad usage or input.`;

/** The Region of the ASFF findings' product ARN, required with --asff. */
function asffRegion(values: { asff?: string; region?: string }): string | undefined {
    const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (values.asff && !region) {
        throw new UsageError("--asff needs the Region the findings are imported in: --region REGION (or AWS_REGION)");
    }
    if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
        throw new UsageError(`--region: "${region}" is not an AWS Region such as eu-west-1`);
    }
    return region;
}

const OPTIONS = {
    "authorization-details": { type: "string" },
    "credential-report": { type: "string" },
    "virtual-mfa-devices": { type: "string" },
    "root-credentials": { type: "string" },
    exemptions: { type: "string" },
    stack: { type: "string" },
    "stack-dir": { type: "string" },
    "enforced-group": { type: "string" },
    "suspended-group": { type: "string" },
    json: { type: "boolean" },
    html: { type: "string" },
    csv: { type: "string" },
    asff: { type: "string" },
    region: { type: "string" },
    "fail-on": { type: "string" },
    now: { type: "string" },
    organization: { type: "string" },
    "asff-account": { type: "string" },
    help: { type: "boolean" },
} as const;
type AuditValues = ReturnType<typeof parseOptions<typeof OPTIONS>>;

/** --organization DIR: the single account's input flags have no place; each account's files are in its folder. */
function organizationAudit(dir: string, values: AuditValues, io: CliIo): Promise<0 | 1> {
    const single = ["authorization-details", "credential-report", "virtual-mfa-devices", "root-credentials", "exemptions", "stack", "stack-dir", "csv"] as const;
    const misplaced = single.filter((f) => values[f] !== undefined);
    if (misplaced.length > 0) {
        throw new UsageError(
            `--organization DIR takes each account's files from DIR/<account id>/ (${ACCOUNT_FILES.authorizationDetails}, ${ACCOUNT_FILES.exemptions[0]}...), not --${misplaced[0]}${misplaced[0] === "csv" ? " (the organization report is JSON, HTML and ASFF)" : ""}`,
        );
    }
    const importerAccountId = values["asff-account"];
    if (importerAccountId !== undefined && !ACCOUNT_ID.test(importerAccountId)) {
        throw new UsageError(`--asff-account: "${importerAccountId}" is not a 12-digit account id`);
    }
    if (importerAccountId !== undefined && !values.asff) {
        throw new UsageError("--asff-account needs --asff FILE");
    }
    const region = asffRegion(values);
    return runOrganizationAudit(
        {
            dir,
            now: values.now === undefined ? new Date() : readNow(values.now),
            failOn: values["fail-on"] === undefined ? DEFAULT_ORGANIZATION_FAIL_ON : parseOrganizationFailOn(values["fail-on"]),
            enforcedGroupName: values["enforced-group"],
            suspendedGroupName: values["suspended-group"] ?? DEFAULT_SUSPENDED_GROUP_NAME,
            json: values.json === true,
            html: values.html,
            ...(values.asff ? { asff: { file: values.asff, region: region!, ...(importerAccountId ? { importerAccountId } : {}) } } : {}),
        },
        io,
    );
}

export async function runAuditCli(argv: readonly string[], io: CliIo): Promise<0 | 1 | 2> {
    try {
        const values = parseOptions(argv, OPTIONS);
        if (values.help) {
            io.stdout(`${USAGE}\n`);
            return 0;
        }
        if (values.organization !== undefined) {
            return await organizationAudit(values.organization, values, io);
        }
        if (values["asff-account"] !== undefined) {
            throw new UsageError("--asff-account is for --organization: a single account's findings are that account's");
        }
        if (!values["authorization-details"]) {
            throw new UsageError("--authorization-details FILE is required (aws iam get-account-authorization-details > FILE)");
        }
        if (values.exemptions && values.stack) {
            throw new UsageError("give --exemptions FILE or --stack NAME, not both");
        }
        if (values["stack-dir"] && !values.stack) {
            throw new UsageError("--stack-dir needs --stack NAME");
        }
        const region = asffRegion(values);
        const now = values.now === undefined ? new Date() : readNow(values.now);
        const failOn = values["fail-on"] === undefined ? DEFAULT_FAIL_ON : parseFailOn(values["fail-on"]);
        const inputs = readAuditInputs({
            authorizationDetails: values["authorization-details"],
            credentialReport: values["credential-report"],
            virtualMfaDevices: values["virtual-mfa-devices"],
            rootCredentials: values["root-credentials"],
            exemptions: values.exemptions,
            stack: values.stack,
            stackDir: values["stack-dir"],
            cwd: io.cwd,
        });
        const report = await buildAuditReport(inputs, {
            now,
            enforcedGroupName: values["enforced-group"],
            suspendedGroupName: values["suspended-group"] ?? DEFAULT_SUSPENDED_GROUP_NAME,
        });
        if (values.html) {
            fs.writeFileSync(path.resolve(io.cwd, values.html), renderHtmlReport(report));
        }
        if (values.csv) {
            fs.writeFileSync(path.resolve(io.cwd, values.csv), renderCsvReport(report));
        }
        if (values.asff) {
            fs.writeFileSync(path.resolve(io.cwd, values.asff), renderAsffFindings(report, { region: region! }));
        }
        const failed = failures(report, failOn);
        if (values.json) {
            io.stdout(renderJsonReport(report));
        } else {
            io.stdout(renderTerminalSummary(report));
            io.stdout(failed.length > 0 ? `\nFAIL (--fail-on ${failOn.join(",") || "none"}): ${failed.join("; ")}\n` : `\nPASS (--fail-on ${failOn.join(",") || "none"})\n`);
        }
        return failed.length > 0 ? 1 : 0;
    } catch (err) {
        if (err instanceof UsageError || err instanceof FailOnError || err instanceof AuditInputError) {
            return reportBadInput("force-mfa-audit", err, io);
        }
        throw err;
    }
}

/** The process entry: arguments from argv, relative paths from where `npm run audit` was typed. */
export function main(): void {
    runAuditCli(process.argv.slice(2), {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        cwd: process.env.INIT_CWD ?? process.cwd(),
    }).then(
        (code) => {
            process.exitCode = code;
        },
        (err) => {
            process.stderr.write(`force-mfa-audit: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
            process.exitCode = 2;
        },
    );
}

if (require.main === module) {
    main();
}
