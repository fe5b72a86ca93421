/** The `--json` output: the report as documented in docs/account-audit.md (schema: auditReport.schema.json). */
import { AuditReport } from "../report/reportModel";

/** 2: the statuses unenforced, suspended and not-applicable, the witness's request fields, root's device kinds. */
export const REPORT_SCHEMA_VERSION = 2;

export function renderJsonReport(report: AuditReport): string {
    return `${JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, ...report }, null, 2)}\n`;
}
