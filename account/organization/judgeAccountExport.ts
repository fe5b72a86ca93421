/**
 * One member account judged from what AWS returned for it — the same parsers and the same buildAuditReport as the
 * account audit's CLI, so an account's verdicts are identical whether judged alone, offline as part of an
 * organization, or by the organization's Step Functions item. Bad input becomes a failed account (reason `error`,
 * the file, place and rule as detail), never an exception: one broken export must not stop an organization's audit.
 */
import { AuditInputError } from "../inputs/auditInputError";
import { parseAuthorizationDetails } from "../inputs/authorizationDetails";
import { parseCredentialReport } from "../inputs/credentialReport";
import { Exemptions } from "../inputs/exemptions";
import { parseRootCredentials } from "../inputs/rootCredentials";
import { parseVirtualMfaDevices } from "../inputs/virtualMfaDevices";
import { REPORT_SCHEMA_VERSION } from "../output/jsonReport";
import { buildAuditReport } from "../report/buildAuditReport";
import { AccountAuditResult, accountAuditFailure } from "./accountAuditResult";

export interface AccountExportInput {
    readonly accountId: string;
    readonly accountName?: string;
    /** GetAccountAuthorizationDetails: the AWS CLI's JSON answer, or an SDK paginator's pages (a list), as parsed JSON. */
    readonly export: unknown;
    /** The credential report: its CSV (text or bytes), or the JSON text of `aws iam get-credential-report`. */
    readonly credentialReport?: string | Uint8Array;
    /** ListVirtualMFADevices: the AWS CLI's JSON answer or the SDK's pages, as parsed JSON. */
    readonly virtualMfaDevices?: unknown;
    /** What a root session reports of root's credentials (docs/account-audit.md), as parsed JSON. */
    readonly rootCredentials?: unknown;
    readonly exemptions?: Exemptions;
    readonly enforcedGroupName?: string;
    readonly suspendedGroupName?: string;
    /** The audit's time. */
    readonly now: Date;
    /** Names of the sources for errors (default: `<account>/authorization-details` and so on). */
    readonly sources?: { readonly export?: string; readonly credentialReport?: string; readonly virtualMfaDevices?: string; readonly rootCredentials?: string };
}

export async function judgeAccountExport(input: AccountExportInput): Promise<AccountAuditResult> {
    const { accountId, accountName } = input;
    const named = (key: keyof NonNullable<AccountExportInput["sources"]>, fallback: string) => input.sources?.[key] ?? `${accountId}/${fallback}`;
    try {
        const detailsSource = named("export", "authorization-details");
        const reportSource = named("credentialReport", "credential-report");
        const authorizationDetails = parseAuthorizationDetails(input.export, detailsSource);
        const credentialReport = input.credentialReport !== undefined ? parseCredentialReport(input.credentialReport, reportSource) : undefined;
        // An export of another account under this account's name would put its verdicts on the wrong account.
        for (const [source, account] of [
            [detailsSource, authorizationDetails.account],
            [reportSource, credentialReport?.account],
        ] as const) {
            if (account !== undefined && account !== accountId) {
                throw new AuditInputError(source, "", `is of account ${account}, not of ${accountId}`);
            }
        }
        const report = await buildAuditReport(
            {
                authorizationDetails,
                credentialReport,
                virtualMfaDevices: input.virtualMfaDevices !== undefined ? parseVirtualMfaDevices(input.virtualMfaDevices, named("virtualMfaDevices", "virtual-mfa-devices")) : undefined,
                rootCredentials: input.rootCredentials !== undefined ? parseRootCredentials(input.rootCredentials, named("rootCredentials", "root-credentials")) : undefined,
                exemptions: input.exemptions,
                sources: { authorizationDetails: detailsSource, credentialReport: reportSource },
            },
            { now: input.now, enforcedGroupName: input.enforcedGroupName, suspendedGroupName: input.suspendedGroupName },
        );
        // An export with no principal and no credential report names no account: the folder's (or item's) id does.
        return { accountId, ...(accountName !== undefined ? { accountName } : {}), status: "audited", report: { schemaVersion: REPORT_SCHEMA_VERSION, ...report, account: report.account ?? accountId } };
    } catch (err) {
        // Anything else is a fault of this tool on that account's data: recorded with its message, the other accounts judged.
        const detail = err instanceof AuditInputError ? err.message : `the audit failed: ${err instanceof Error ? err.message : String(err)}`;
        return accountAuditFailure(accountId, "error", detail, accountName);
    }
}
