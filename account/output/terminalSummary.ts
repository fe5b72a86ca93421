/** The terminal summary: counts, root, then each principal that fails or is set aside, worst first (with the fix), and the exemptions. */
import { AuditReport, PRINCIPAL_TYPES, PrincipalStatus, STATUSES } from "../report/reportModel";
import { rootLine, STATUS_TITLES } from "./statusWords";

/** Worst first; statuses nobody has are left out. */
export const statusCounts = (c: Record<PrincipalStatus, number>) => STATUSES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${STATUS_TITLES[s].toLowerCase()}`).join(", ") || "none";

export function renderTerminalSummary(report: AuditReport): string {
    const lines: string[] = [];
    lines.push(`Account ${report.account ?? "(unknown)"} audited at ${report.generatedAt}; enforced group "${report.enforcedGroupName}"`);
    lines.push(`${report.summary.principals} principals: ${statusCounts(report.summary.byStatus)}`);
    for (const type of PRINCIPAL_TYPES) {
        const t = report.summary.byType[type];
        lines.push(`  ${`${type}s`.padEnd(6)} ${String(t.total).padStart(4)}: ${statusCounts(t)}`);
    }
    lines.push(rootLine(report.root));
    for (const status of ["escapes", "unenforced", "locked-out", "unverifiable", "suspended", "not-applicable"] as const) {
        const listed = report.principals.filter((p) => p.status === status);
        if (listed.length === 0) {
            continue;
        }
        lines.push("", `${STATUS_TITLES[status]} (${listed.length}):`);
        for (const p of listed) {
            lines.push(`  ${p.type} ${p.name}: ${p.reason}`);
            if (p.witness) {
                lines.push(`    witness: ${p.witness.action}${p.witness.resource ? ` on ${p.witness.resource}` : ""} with ${p.witness.mfaContext}; path: ${p.witness.path.join(" + ")}`);
                if (p.witness.allowedBy) {
                    lines.push(`    allowed by: ${p.witness.allowedBy}${p.witness.boundaryAllowedBy ? `; boundary: ${p.witness.boundaryAllowedBy}` : ""}`);
                }
            }
            if (p.credentials) {
                const c = p.credentials;
                lines.push(
                    `    credentials: MFA ${c.mfaActive ? "active" : "not active"}, password ${c.passwordEnabled ? "enabled" : "disabled"}, ` +
                        `${c.accessKeysActive} active access key(s)${c.daysWithoutMfa !== undefined ? `, ${c.daysWithoutMfa} days without MFA` : ""}`,
                );
            }
            for (const note of p.notes ?? []) {
                lines.push(`    also: ${note}`);
            }
            if (p.fix) {
                lines.push(`    fix: ${p.fix}`);
            }
        }
    }
    const exempt = report.principals.filter((p) => p.status === "exempt");
    if (exempt.length > 0) {
        lines.push("", `Exempt (${exempt.length}):`);
        exempt.forEach((p) => lines.push(`  ${p.type} ${p.name}: ${p.reason}`));
    }
    const uncovered = report.principals.filter((p) => (p.sensitiveActions?.gaps.length ?? 0) > 0);
    if (uncovered.length > 0) {
        lines.push("", `Sensitive actions without fresh MFA (${uncovered.length}):`);
        for (const p of uncovered) {
            const gaps = p.sensitiveActions!.gaps;
            lines.push(`  ${p.type} ${p.name}: ${gaps.map((g) => `${g.group} (e.g. ${g.action} with ${g.mfaContext})`).join("; ")}`);
        }
    }
    if (report.findings.length > 0) {
        lines.push("", `Other findings (${report.findings.length}):`);
        report.findings.forEach((f) => lines.push(`  ${f}`));
    }
    return `${lines.join("\n")}\n`;
}
