/**
 * `--html FILE`: one self-contained page for auditors — counts that filter when clicked, the root user, the fixes
 * with the principals each one applies to ("add these 40 users to mfa-enforced"), and the principals in a table that
 * sorts (worst first by default) and filters, usable by keyboard, fitting a 1,400-pixel screen, and printable. Its
 * content security policy forbids loading anything.
 */
import { AuditReport, PrincipalVerdict, STATUSES } from "../report/reportModel";
import { PAGE_SCRIPT, PAGE_STYLE } from "./htmlPageAssets";
import { rootLine, STATUS_TITLES } from "./statusWords";

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const e = escapeHtml;
const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : "");

/** The fixes, each with the principals that take it: the page lists a fix once, the rows point at it. */
function fixGroups(principals: readonly PrincipalVerdict[]): { text: string; members: PrincipalVerdict[] }[] {
    const groups = new Map<string, PrincipalVerdict[]>();
    for (const p of principals) {
        const text = p.fixSummary ?? p.fix;
        if (text && !["enforced", "exempt", "not-applicable"].includes(p.status)) {
            groups.set(text, [...(groups.get(text) ?? []), p]);
        }
    }
    return [...groups].map(([text, members]) => ({ text, members })).sort((a, b) => b.members.length - a.members.length);
}

function plural(members: readonly PrincipalVerdict[]): string {
    const types = [...new Set(members.map((m) => m.type))];
    return `${members.length} ${types.length === 1 ? `${types[0]}${members.length === 1 ? "" : "s"}` : members.length === 1 ? "principal" : "principals"}`;
}

/** A principal's row of the table: the account page's, and the organization page's drill-down. */
export function principalRow(p: PrincipalVerdict, fixIndex: ReadonlyMap<string, number>): string {
    const c = p.credentials;
    const keyUse = (c?.accessKeys ?? []).map((k) => k.lastUsedDate).filter((d): d is string => d !== undefined).sort().at(-1);
    const w = p.witness;
    const witness = w
        ? `<code>${e(w.action)}</code>${w.resource ? ` on <code>${e(w.resource)}</code>` : ""}${w.principal && w.principal !== p.arn ? ` by <code>${e(w.principal)}</code>` : ""} — ${e(w.mfaContext)}` +
          `${w.allowedBy ? `<div class="small">allowed by ${e(w.allowedBy)}${w.boundaryAllowedBy ? `; boundary: ${e(w.boundaryAllowedBy)}` : ""}</div>` : ""}`
        : "";
    const fixKey = p.fixSummary ?? p.fix;
    const fix = fixKey && fixIndex.has(fixKey) ? `<a href="#fix-${fixIndex.get(fixKey)}">Fix ${fixIndex.get(fixKey)}</a>${p.fix !== fixKey ? `<div class="small">${e(p.fix!)}</div>` : ""}` : e(p.fix ?? "");
    const sensitive = (p.sensitiveActions?.gaps ?? []).map((g) => `<div class="small">sensitive actions without fresh MFA: ${e(g.group)} (e.g. <code>${e(g.action)}</code> with ${e(g.mfaContext)})</div>`);
    const notes = [...(p.notes ?? []).map((n) => `<div class="small">also: ${e(n)}</div>`), ...sensitive].join("");
    const cells = [
        `<td>${e(p.type)}${p.roleKind && p.roleKind !== "iam" ? `<div class="small">${e(p.roleKind)}</div>` : ""}</td>`,
        `<td class="name">${e(p.name)}</td>`,
        `<td class="arn"><code>${e(p.arn ?? "")}</code></td>`,
        `<td class="status-${p.status}" data-value="${STATUSES.indexOf(p.status)}">${e(STATUS_TITLES[p.status])}</td>`,
        `<td class="reason">${e(p.reason)}${notes}</td>`,
        `<td class="witness">${witness}</td>`,
        `<td class="fix">${fix}</td>`,
        `<td>${e((p.groups ?? []).join(", "))}</td>`,
        `<td>${c === undefined ? "" : c.mfaActive ? "yes" : "no"}</td>`,
        `<td data-value="${day(c?.passwordLastUsed)}">${c?.passwordEnabled === false ? "no password" : day(c?.passwordLastUsed)}</td>`,
        `<td data-value="${day(keyUse)}">${c ? `${c.accessKeysActive} active${keyUse ? `<div class="small">${day(keyUse)}</div>` : ""}` : ""}</td>`,
        `<td data-value="${c?.daysWithoutMfa ?? ""}">${c?.daysWithoutMfa ?? ""}</td>`,
    ];
    return `<tr data-status="${p.status}" data-name="${e(p.name)}">${cells.join("")}</tr>`;
}

/** The principals table's columns: header, column class, `number` when it sorts numerically. */
export const PRINCIPAL_HEADERS: readonly [string, string, string?][] = [
    ["Type", "c-type"],
    ["Name", "c-name"],
    ["ARN", "c-arn"],
    ["Status", "c-status", "number"],
    ["Reason", "c-reason"],
    ["Witness", "c-witness"],
    ["Fix", "c-fix"],
    ["Groups", "c-groups"],
    ["MFA", "c-mfa"],
    ["Password last used", "c-date"],
    ["Access keys, last used", "c-date"],
    ["Days without MFA", "c-days", "number"],
];

/**
 * The start of an audit page up to <body>: its content security policy forbids loading anything, so the page works
 * offline and as evidence. `title` is HTML (escaped by the caller).
 */
export function pageHead(title: string, style: string): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${title}</title>
<style>${style}</style>
</head>`;
}

/**
 * A table that sorts and filters (tableScript): the text filter, the select of `select.options` ([value, title]),
 * the count shown, the headers as buttons, `sortedBy` the column the rows come sorted by.
 */
export function filterableTable(t: {
    readonly id: string;
    readonly placeholder: string;
    readonly select: { readonly id: string; readonly label: string; readonly options: readonly (readonly [string, string])[] };
    readonly headers: readonly [string, string, string?][];
    readonly sortedBy: number;
    readonly rows: readonly string[];
}): string {
    return `<div class="filters">
<label>Filter <input id="filter-text" type="search" placeholder="${e(t.placeholder)}"></label>
<label>${e(t.select.label)} <select id="${t.select.id}"><option value="">all</option>${t.select.options.map(([v, title]) => `<option value="${e(v)}">${e(title)}</option>`).join("")}</select></label>
<span><span id="shown">${t.rows.length}</span> shown</span>
</div>
<table id="${t.id}">
<colgroup>${t.headers.map(([, c]) => `<col class="${c}">`).join("")}</colgroup>
<thead><tr>${t.headers.map(([h, , type], i) => `<th scope="col"${type ? ` data-type="${type}"` : ""}${i === t.sortedBy ? ' aria-sort="ascending"' : ""}><button type="button">${e(h)}</button></th>`).join("")}</tr></thead>
<tbody>
${t.rows.join("\n")}
</tbody>
</table>`;
}

export function renderHtmlReport(report: AuditReport): string {
    const account = e(report.account ?? "(unknown account)");
    const counts = STATUSES.map(
        (s) =>
            `<button type="button" class="count" id="count-${s}" data-status="${s}" aria-pressed="false" title="Show only: ${e(STATUS_TITLES[s])}">` +
            `<b class="status-${s}">${report.summary.byStatus[s]}</b>${e(STATUS_TITLES[s])}</button>`,
    ).join("");
    const exemptions = report.principals.filter((p) => p.status === "exempt");
    const fixes = fixGroups(report.principals);
    const fixIndex = new Map(fixes.map((f, i) => [f.text, i + 1]));
    const rootFails = !report.root.credentialsRemoved && (report.root.mfaActive === false || report.root.accessKeysPresent);
    return `${pageHead(`MFA audit of account ${account}`, PAGE_STYLE)}
<body>
<h1>MFA audit of account ${account}</h1>
<p>Generated ${e(report.generatedAt)} by force-mfa's account audit, with the force-mfa-guard evaluator; enforced group "${e(report.enforcedGroupName)}".
${report.credentialReportGeneratedAt ? `Credential report of ${e(report.credentialReportGeneratedAt)}.` : ""}</p>
<h2>Summary</h2>
<p id="total">${report.summary.principals} principals (${report.summary.byType.user.total} users, ${report.summary.byType.group.total} groups, ${report.summary.byType.role.total} roles). Click a count to show only those.</p>
<div class="counts">${counts}</div>
<h2>Root user</h2>
<p id="root" class="${rootFails ? "status-escapes" : ""}">${e(rootLine(report.root))}</p>
<h2>Fixes</h2>
${
    fixes.length === 0
        ? '<p id="fixes">None: nothing to fix.</p>'
        : `<ol id="fixes">${fixes
              .map(
                  (f, i) =>
                      `<li id="fix-${i + 1}"><b>${e(f.text)}</b> — ${plural(f.members)}: ` +
                      `<span class="members">${f.members.map((m) => e(m.name)).join(", ")}</span></li>`,
              )
              .join("")}</ol>`
}
<h2>Exemptions</h2>
${
    exemptions.length === 0
        ? '<p id="exemptions">None.</p>'
        : `<ul id="exemptions">${exemptions.map((p) => `<li><b>${e(p.type)} ${e(p.name)}</b>: ${e(p.reason)}</li>`).join("")}</ul>`
}
${report.findings.length > 0 ? `<h2>Other findings</h2>\n<ul id="findings">${report.findings.map((f) => `<li>${e(f)}</li>`).join("")}</ul>` : ""}
<h2>Principals</h2>
${filterableTable({
    id: "principals",
    placeholder: "name, ARN, reason, action...",
    select: { id: "filter-status", label: "Status", options: STATUSES.map((s) => [s, STATUS_TITLES[s]]) },
    headers: PRINCIPAL_HEADERS,
    sortedBy: 3,
    rows: report.principals.map((p) => principalRow(p, fixIndex)),
})}
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
