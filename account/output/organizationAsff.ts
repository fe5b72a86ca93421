/**
 * The organization report's failing principals and root users as ASFF findings, made by the account audit's own
 * asffFindings from each audited account's entry (which keeps every failing principal), so a principal's finding —
 * Id, severity, controls, witness — is the same whether its account was audited alone or with the organization.
 *
 * Security Hub's BatchImportFindings with the default product ARN takes only findings whose AwsAccountId is the
 * calling account. So by default each finding carries its member account (import it from that account, or let the
 * account audit there do it); with `importerAccountId` (the Security Hub administrator's, say) every finding is the
 * importer's, the member's IAM principal stays the finding's resource, and ProductFields name the member account —
 * one import from one account for the whole organization.
 */
import { AuditReport } from "../report/reportModel";
import { OrganizationReport } from "../organization/organizationModel";
import { AsffOptions, asffFindings } from "./asffFindings";

export interface OrganizationAsffOptions extends AsffOptions {
    /** The account that imports every finding (its default product ARN); default: each finding's member account. */
    readonly importerAccountId?: string;
}

export function organizationAsffFindings(report: OrganizationReport, options: OrganizationAsffOptions): Record<string, unknown>[] {
    const { importerAccountId, ...asff } = options;
    return report.accounts.flatMap((a) => {
        if (a.status !== "audited") {
            return [];
        }
        const accountReport: AuditReport = {
            account: a.accountId,
            generatedAt: a.generatedAt,
            enforcedGroupName: a.enforcedGroupName,
            principals: a.principals,
            root: a.root,
            findings: a.findings,
            summary: a.summary,
        };
        const findings = asffFindings(accountReport, asff);
        if (importerAccountId === undefined || importerAccountId === a.accountId) {
            return findings;
        }
        return findings.map((f) => ({
            ...f,
            AwsAccountId: importerAccountId,
            ProductArn: (f.ProductArn as string).replace(`:${a.accountId}:product/${a.accountId}/`, `:${importerAccountId}:product/${importerAccountId}/`),
            ProductFields: { ...(f.ProductFields as Record<string, string>), "force-mfa/account": a.accountId, ...(a.accountName ? { "force-mfa/accountName": a.accountName } : {}) },
        }));
    });
}

export function renderOrganizationAsffFindings(report: OrganizationReport, options: OrganizationAsffOptions): string {
    return `${JSON.stringify(organizationAsffFindings(report, options), null, 2)}\n`;
}
