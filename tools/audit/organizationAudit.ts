/**
 * `force-mfa-audit --organization DIR`: every member account's folder judged with the account audit's own code
 * (judgeAccountExport), one account at a time — its export read, judged, reduced to its entry and dropped — so memory
 * stays that of the largest account, not of the organization. An account that cannot be audited is recorded with why
 * and said on stderr as it happens; the others are judged.
 */
import * as fs from "fs";
import * as path from "path";
import { judgeAccountExport, organizationAccount, OrganizationAccount, organizationFailures, OrganizationFailOnCondition, organizationReportOf } from "../../account";
import { organizationJsonChunks, renderOrganizationAsffFindings, renderOrganizationHtml, renderOrganizationSummary } from "../../account";
import { CliIo } from "./commandLine";
import { readAccountFolder, readOrganizationFolder } from "./readOrganizationFolder";

export interface OrganizationAuditOptions {
    readonly dir: string;
    readonly now: Date;
    readonly failOn: readonly OrganizationFailOnCondition[];
    readonly enforcedGroupName?: string;
    readonly suspendedGroupName?: string;
    readonly json?: boolean;
    readonly html?: string;
    readonly asff?: { readonly file: string; readonly region: string; readonly importerAccountId?: string };
}

export async function runOrganizationAudit(options: OrganizationAuditOptions, io: CliIo): Promise<0 | 1> {
    const members = readOrganizationFolder(options.dir, io.cwd);
    const entries: OrganizationAccount[] = [];
    for (const member of members) {
        const input = readAccountFolder(member, io.cwd, options.now, { enforcedGroupName: options.enforcedGroupName, suspendedGroupName: options.suspendedGroupName });
        const result = "status" in input ? input : await judgeAccountExport(input);
        if (result.status === "failed") {
            io.stderr(`force-mfa-audit: account ${result.accountId} not audited (${result.reason}): ${result.detail}\n`);
        }
        entries.push(organizationAccount(result));
    }
    const report = organizationReportOf(entries, options.now);
    if (options.html) {
        fs.writeFileSync(path.resolve(io.cwd, options.html), renderOrganizationHtml(report));
    }
    if (options.asff) {
        const { file, ...asff } = options.asff;
        fs.writeFileSync(path.resolve(io.cwd, file), renderOrganizationAsffFindings(report, asff));
    }
    const failed = organizationFailures(report, options.failOn);
    const failOn = options.failOn.join(",") || "none";
    if (options.json) {
        for (const chunk of organizationJsonChunks(report)) {
            io.stdout(chunk);
        }
    } else {
        io.stdout(renderOrganizationSummary(report));
        io.stdout(failed.length > 0 ? `\nFAIL (--fail-on ${failOn}): ${failed.length} finding(s) — ${failed.slice(0, 10).join("; ")}${failed.length > 10 ? "; …" : ""}\n` : `\nPASS (--fail-on ${failOn})\n`);
    }
    return failed.length > 0 ? 1 : 0;
}
