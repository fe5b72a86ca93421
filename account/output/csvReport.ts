/**
 * `--csv FILE`: one row per principal, worst first, for a spreadsheet or a GRC import. RFC 4180 (CRLF, fields
 * quoted where they hold a comma, quote or line break); a field that a spreadsheet would read as a formula (=, +, -,
 * @ first) is prefixed with `'` (OWASP's CSV-injection advice): the report's text comes from the account.
 */
import { AuditReport, PrincipalVerdict } from "../report/reportModel";

const COLUMNS: readonly [string, (p: PrincipalVerdict) => string | number | boolean | undefined][] = [
    ["type", (p) => p.type],
    ["name", (p) => p.name],
    ["arn", (p) => p.arn],
    ["path", (p) => p.path],
    ["status", (p) => p.status],
    ["role_kind", (p) => p.roleKind],
    ["reason", (p) => p.reason],
    ["fix", (p) => p.fix],
    ["witness_action", (p) => p.witness?.action],
    ["witness_resource", (p) => p.witness?.resource],
    ["witness_principal", (p) => p.witness?.principal],
    ["witness_mfa_context", (p) => p.witness?.mfaContext],
    ["witness_allowed_by", (p) => p.witness?.allowedBy],
    ["groups", (p) => p.groups?.join(";")],
    ["mfa_active", (p) => p.credentials?.mfaActive],
    ["password_enabled", (p) => p.credentials?.passwordEnabled],
    ["password_last_used", (p) => p.credentials?.passwordLastUsed],
    ["access_keys_active", (p) => p.credentials?.accessKeysActive],
    ["access_key_last_used", (p) => lastKeyUse(p)],
    ["days_without_mfa", (p) => p.credentials?.daysWithoutMfa],
    // Empty when not asked (exempt, groups, roles no person assumes); "none" when every group is covered.
    ["sensitive_action_gaps", (p) => (p.sensitiveActions ? p.sensitiveActions.gaps.map((g) => g.group).join(";") || "none" : undefined)],
];

function lastKeyUse(p: PrincipalVerdict): string | undefined {
    const dates = (p.credentials?.accessKeys ?? []).map((k) => k.lastUsedDate).filter((d): d is string => d !== undefined);
    return dates.sort().at(-1);
}

export function csvField(value: string | number | boolean | undefined): string {
    if (value === undefined) {
        return "";
    }
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) {
        text = `'${text}`;
    }
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsvReport(report: AuditReport): string {
    const lines = [COLUMNS.map(([name]) => name).join(",")];
    for (const p of report.principals) {
        lines.push(COLUMNS.map(([, get]) => csvField(get(p))).join(","));
    }
    return `${lines.join("\r\n")}\r\n`;
}
