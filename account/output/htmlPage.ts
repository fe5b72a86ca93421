/**
 * `--html FILE`: one self-contained page for auditors — summary counts, the principals in a table that sorts and
 * filters, the exemptions with their reasons, the root user. Its content security policy forbids loading anything.
 */
import { AuditReport, PrincipalVerdict, STATUSES } from "../report/reportModel";
import { PAGE_SCRIPT, PAGE_STYLE } from "./htmlPageAssets";
import { rootLine, STATUS_TITLES } from "./statusWords";

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const e = escapeHtml;

function row(p: PrincipalVerdict): string {
    const c = p.credentials;
    const yesNo = (v: boolean | undefined) => (v === undefined ? "" : v ? "yes" : "no");
    const witness = p.witness ? `${p.witness.action}${p.witness.resource ? ` on ${p.witness.resource}` : ""} (${p.witness.mfaContext}); path: ${p.witness.path.join(" + ")}` : "";
    const cells = [
        `<td>${e(p.type)}</td>`,
        `<td>${e(p.name)}</td>`,
        `<td class="status-${p.status}" data-value="${STATUSES.indexOf(p.status)}">${e(STATUS_TITLES[p.status])}</td>`,
        `<td class="reason">${e(p.reason)}${p.fix ? `<div class="fix">Fix: ${e(p.fix)}</div>` : ""}</td>`,
        `<td>${e(witness)}</td>`,
        `<td>${yesNo(c?.mfaActive)}</td>`,
        `<td>${yesNo(c?.passwordEnabled)}</td>`,
        `<td data-value="${c ? c.accessKeysActive : -1}">${c ? c.accessKeysActive : ""}</td>`,
        `<td data-value="${c?.daysWithoutMfa ?? ""}">${c?.daysWithoutMfa ?? ""}</td>`,
    ];
    return `<tr data-status="${p.status}" data-name="${e(p.name)}">${cells.join("")}</tr>`;
}

export function renderHtmlReport(report: AuditReport): string {
    const account = e(report.account ?? "(unknown account)");
    const counts = STATUSES.map(
        (s) => `<div class="count" id="count-${s}"><b class="status-${s}">${report.summary.byStatus[s]}</b>${e(STATUS_TITLES[s])}</div>`,
    ).join("");
    const exemptions = report.principals.filter((p) => p.status === "exempt");
    const headers: [string, string?][] = [["Type"], ["Name"], ["Status", "number"], ["Reason and fix"], ["Witness"], ["MFA"], ["Password"], ["Active keys", "number"], ["Days without MFA", "number"]];
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>MFA audit of account ${account}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<h1>MFA audit of account ${account}</h1>
<p>Generated ${e(report.generatedAt)} by force-mfa's account audit, with the force-mfa-guard evaluator; enforced group "${e(report.enforcedGroupName)}".
${report.credentialReportGeneratedAt ? `Credential report of ${e(report.credentialReportGeneratedAt)}.` : ""}</p>
<h2>Summary</h2>
<p id="total">${report.summary.principals} principals (${report.summary.byType.user.total} users, ${report.summary.byType.group.total} groups, ${report.summary.byType.role.total} roles)</p>
<div class="counts">${counts}</div>
<h2>Root user</h2>
<p id="root" class="${!report.root.credentialsRemoved && (report.root.mfaActive === false || report.root.accessKeysPresent) ? "status-escapes" : ""}">${e(rootLine(report.root))}</p>
<h2>Exemptions</h2>
${
    exemptions.length === 0
        ? "<p id=\"exemptions\">None.</p>"
        : `<ul id="exemptions">${exemptions.map((p) => `<li><b>${e(p.type)} ${e(p.name)}</b>: ${e(p.reason)}</li>`).join("")}</ul>`
}
${report.findings.length > 0 ? `<h2>Other findings</h2>\n<ul id="findings">${report.findings.map((f) => `<li>${e(f)}</li>`).join("")}</ul>` : ""}
<h2>Principals</h2>
<div class="filters">
<label>Filter <input id="filter-text" type="search" placeholder="name, reason, action..."></label>
<label>Status <select id="filter-status"><option value="">all</option>${STATUSES.map((s) => `<option value="${s}">${e(STATUS_TITLES[s])}</option>`).join("")}</select></label>
<span><span id="shown">${report.principals.length}</span> shown</span>
</div>
<table id="principals">
<thead><tr>${headers.map(([h, type]) => `<th${type ? ` data-type="${type}"` : ""}>${e(h)}</th>`).join("")}</tr></thead>
<tbody>
${report.principals.map(row).join("\n")}
</tbody>
</table>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
