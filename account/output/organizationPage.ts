/**
 * `--organization DIR --html FILE`: one self-contained page for the organization — totals, the accounts riskiest
 * first in a table that sorts by any column and filters by text and risk, and a drill-down per account: its root
 * user, counts, findings, why it was not audited, and the principals that need attention in the account page's own
 * table rows. Loads nothing (its content security policy forbids it).
 */
import { OrganizationAccount, OrganizationReport, Risk, RISKS } from "../organization/organizationModel";
import { PrincipalStatus, STATUSES } from "../report/reportModel";
import { escapeHtml as e, filterableTable, pageHead, principalRow, PRINCIPAL_HEADERS } from "./htmlPage";
import { PAGE_STYLE } from "./htmlPageAssets";
import { ORGANIZATION_PAGE_SCRIPT, ORGANIZATION_PAGE_STYLE } from "./organizationPageAssets";
import { rootLine, STATUS_TITLES } from "./statusWords";

export const RISK_TITLES: Record<Risk, string> = { critical: "Critical", high: "High", "not-audited": "Not audited", medium: "Medium", low: "Low" };

const COUNTED: readonly PrincipalStatus[] = ["escapes", "unenforced", "locked-out", "unverifiable"];

const ACCOUNT_HEADERS: readonly [string, string, string?][] = [
    ["Account", "c-account"],
    ["Risk", "c-risk", "number"],
    ["Why", "c-why"],
    ...COUNTED.map((s): [string, string, string] => [STATUS_TITLES[s], "c-count", "number"]),
    ["Root user", "c-root"],
    ["Principals", "c-count", "number"],
];

const anchor = (a: OrganizationAccount) => `account-${a.accountId}`;
const label = (a: OrganizationAccount) => `${a.accountId}${a.accountName ? ` (${a.accountName})` : ""}`;

function rootCell(a: OrganizationAccount): string {
    if (a.status !== "audited") {
        return "";
    }
    const r = a.root;
    const text = r.credentialsRemoved ? "no credentials" : r.mfaActive === undefined ? "not known" : `${r.mfaActive ? "MFA" : "NO MFA"}${r.accessKeysPresent ? ", access keys" : ""}`;
    const fails = !r.credentialsRemoved && (r.mfaActive === false || r.accessKeysPresent);
    return `<span class="${fails ? "status-escapes" : ""}">${e(text)}</span>`;
}

function accountRow(a: OrganizationAccount): string {
    const count = (s: PrincipalStatus) => (a.status === "audited" ? a.summary.byStatus[s] : -1);
    const cells = [
        `<td><a class="drill" href="#${anchor(a)}">${e(a.accountId)}</a>${a.accountName ? `<div class="small">${e(a.accountName)}</div>` : ""}</td>`,
        `<td class="risk-${a.risk}" data-value="${RISKS.indexOf(a.risk)}">${e(RISK_TITLES[a.risk])}</td>`,
        `<td>${a.riskReasons.map((r) => `<div>${e(r)}</div>`).join("")}</td>`,
        ...COUNTED.map((s) => `<td data-value="${count(s)}">${count(s) < 0 ? "" : count(s)}</td>`),
        `<td>${rootCell(a)}</td>`,
        `<td data-value="${a.status === "audited" ? a.summary.principals : -1}">${a.status === "audited" ? a.summary.principals : ""}</td>`,
    ];
    return `<tr data-risk="${a.risk}">${cells.join("")}</tr>`;
}

function drillDown(a: OrganizationAccount): string {
    const head = `<details class="account" id="${anchor(a)}"><summary>${e(label(a))} — <span class="risk-${a.risk}">${e(RISK_TITLES[a.risk])}</span></summary>`;
    if (a.status === "failed") {
        return `${head}<p>Not audited (${e(a.failure.reason)}): ${e(a.failure.detail)}</p></details>`;
    }
    const counts = STATUSES.filter((s) => a.summary.byStatus[s] > 0)
        .map((s) => `<span class="status-${s}">${a.summary.byStatus[s]} ${e(STATUS_TITLES[s].toLowerCase())}</span>`)
        .join(", ");
    const t = a.summary.byType;
    const table =
        a.principals.length === 0
            ? "<p>No principal needs attention: every one is enforced or not applicable.</p>"
            : `<table class="principals"><colgroup>${PRINCIPAL_HEADERS.map(([, c]) => `<col class="${c}">`).join("")}</colgroup>` +
              `<thead><tr>${PRINCIPAL_HEADERS.map(([h]) => `<th scope="col">${e(h)}</th>`).join("")}</tr></thead>` +
              `<tbody>${a.principals.map((p) => principalRow(p, new Map())).join("\n")}</tbody></table>`;
    return (
        `${head}<p>Audited ${e(a.generatedAt)}; enforced group "${e(a.enforcedGroupName)}"${a.credentialReportGeneratedAt ? `; credential report of ${e(a.credentialReportGeneratedAt)}` : ""}.</p>` +
        `<p>${a.summary.principals} principals (${t.user.total} users, ${t.group.total} groups, ${t.role.total} roles): ${counts || "none"}; ` +
        `${a.summary.sensitiveActionGaps} can use a sensitive action without fresh MFA.</p>` +
        `<p>${e(rootLine(a.root))}</p>` +
        (a.findings.length > 0 ? `<ul>${a.findings.map((f) => `<li>${e(f)}</li>`).join("")}</ul>` : "") +
        `${table}</details>`
    );
}

export function renderOrganizationHtml(report: OrganizationReport): string {
    const t = report.totals;
    const riskButtons = RISKS.map(
        (r) =>
            `<button type="button" class="count" id="risk-${r}" data-risk="${r}" aria-pressed="false" title="Show only: ${e(RISK_TITLES[r])}">` +
            `<b class="risk-${r}">${t.byRisk[r]}</b>${e(RISK_TITLES[r])}</button>`,
    ).join("");
    const statusTotals = STATUSES.map((s) => `<li><span class="status-${s}">${t.byStatus[s]}</span> ${e(STATUS_TITLES[s].toLowerCase())}</li>`).join("");
    const failures = Object.entries(t.failuresByReason).filter(([, n]) => n > 0);
    return `${pageHead("MFA audit of the organization", PAGE_STYLE + ORGANIZATION_PAGE_STYLE)}
<body>
<h1>MFA audit of the organization</h1>
<p>Generated ${e(report.generatedAt)} by force-mfa's organization audit, with the force-mfa-guard evaluator.</p>
<h2>Summary</h2>
<p id="total">${t.accounts} accounts: ${t.audited} audited, ${t.failed} not audited${failures.length > 0 ? ` (${failures.map(([r, n]) => `${n} ${e(r)}`).join(", ")})` : ""}. Click a risk to show only those accounts.</p>
<div class="counts">${riskButtons}</div>
<p id="roots">Root users: ${t.rootWithoutMfa} without MFA, ${t.rootAccessKeys} with access keys, ${t.rootUnknown} not known (no credential report).</p>
<p>${t.principals} principals in the audited accounts:</p>
<ul class="totals" id="status-totals">${statusTotals}</ul>
<p id="sensitive">${t.sensitiveActionGaps} users and roles can use a sensitive action without fresh MFA (sensitive-action groups: the stack's, else the pack's default set).</p>
<h2>Accounts</h2>
${filterableTable({
    id: "accounts",
    placeholder: "account id, name, reason...",
    select: { id: "filter-risk", label: "Risk", options: RISKS.map((r) => [r, RISK_TITLES[r]]) },
    headers: ACCOUNT_HEADERS,
    sortedBy: 1,
    rows: report.accounts.map(accountRow),
})}
<h2>Account by account</h2>
<p>Each account's principals that need attention (not enforced, not applicable), worst first, with witness and fix.</p>
${report.accounts.map(drillDown).join("\n")}
<script>${ORGANIZATION_PAGE_SCRIPT}</script>
</body>
</html>
`;
}
