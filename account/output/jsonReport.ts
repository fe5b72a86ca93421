/** The `--json` output: the report as documented in docs/account-audit.md (schema: auditReport.schema.json). */
import { AuditReport } from "../report/reportModel";

export const REPORT_SCHEMA_VERSION = 1;

export function renderJsonReport(report: AuditReport): string {
    return `${JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, ...report }, null, 2)}\n`;
}
