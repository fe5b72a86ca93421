/** The organization audit's JSON: the report as documented in docs/organization-audit.md (schema: organizationReport.schema.json). */
import { OrganizationReport } from "../organization/organizationModel";
import { REPORT_SCHEMA_VERSION } from "./jsonReport";

export const ORGANIZATION_REPORT_SCHEMA_VERSION = 1;

/** The account entries' principals, root and summary are those of the account report's schema version, named too. */
export function renderOrganizationJson(report: OrganizationReport): string {
    return `${JSON.stringify({ schemaVersion: ORGANIZATION_REPORT_SCHEMA_VERSION, accountReportSchemaVersion: REPORT_SCHEMA_VERSION, ...report }, null, 2)}\n`;
}
