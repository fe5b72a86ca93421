/** The organization audit's JSON: the report as documented in docs/organization-audit.md (schema: organizationReport.schema.json). */
import { OrganizationReport } from "../organization/organizationModel";
import { REPORT_SCHEMA_VERSION } from "./jsonReport";

export const ORGANIZATION_REPORT_SCHEMA_VERSION = 1;

/**
 * The JSON in pieces, an account at a time, the same text as one JSON.stringify of the whole report: the report of a
 * large organization is never held as one string beside the report itself. The account entries' principals, root
 * and summary are those of the account report's schema version, named too.
 */
export function* organizationJsonChunks(report: OrganizationReport): Generator<string> {
    const { accounts, ...rest } = report;
    const head = JSON.stringify({ schemaVersion: ORGANIZATION_REPORT_SCHEMA_VERSION, accountReportSchemaVersion: REPORT_SCHEMA_VERSION, ...rest, accounts: [] }, null, 2);
    if (accounts.length === 0) {
        yield `${head}\n`;
        return;
    }
    yield `${head.slice(0, -"[]\n}".length)}[\n`;
    for (const [i, account] of accounts.entries()) {
        yield `    ${JSON.stringify(account, null, 2).replace(/\n/g, "\n    ")}${i < accounts.length - 1 ? "," : ""}\n`;
    }
    yield "  ]\n}\n";
}

export function renderOrganizationJson(report: OrganizationReport): string {
    return [...organizationJsonChunks(report)].join("");
}
