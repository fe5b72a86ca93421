/**
 * Each principal's sensitive-action coverage, as force-mfa-guard's sensitive-actions-need-fresh-mfa proves it on a
 * stack: for every user (not exempt) and every role people assume, the groups whose actions it could use with MFA
 * absent, "false" or older than the group's limit. Reported, not judged: a gap is a hardening not yet applied, so it
 * changes no status and fails the audit only with `--fail-on sensitive-actions`.
 */
import { IamGraph, roleSensitiveActionGaps, StackCheckInput, userSensitiveActionGaps } from "../../policy-pack/evaluator";
import { PrincipalVerdict, SensitiveActionCoverage } from "../report/reportModel";

const NOT_ASKED = new Set(["exempt", "not-applicable"]);

function coverage(groups: readonly string[], gaps: ReturnType<typeof userSensitiveActionGaps>): SensitiveActionCoverage {
    return {
        groups: [...groups],
        gaps: gaps.map((g) => ({ group: g.group, maxMfaAgeSeconds: g.maxMfaAgeSeconds, action: g.action, mfaContext: g.mfaContext, why: g.description })),
    };
}

/** The verdicts with `sensitiveActions` added to the users and the roles people assume. */
export function withSensitiveActionCoverage(verdicts: readonly PrincipalVerdict[], graph: IamGraph, check: StackCheckInput): PrincipalVerdict[] {
    const groups = check.config.sensitiveActionGroups.map((g) => g.name);
    const users = new Map(graph.users.filter((u) => u.inStack).map((u) => [u.name?.toLowerCase(), u]));
    const roles = new Map(graph.roles.map((r) => [r.name.toLowerCase(), r]));
    return verdicts.map((v) => {
        if (NOT_ASKED.has(v.status) || groups.length === 0) {
            return v;
        }
        if (v.type === "user") {
            const user = users.get(v.name.toLowerCase());
            return user ? { ...v, sensitiveActions: coverage(groups, userSensitiveActionGaps(user, check)) } : v;
        }
        if (v.type === "role" && v.roleKind === "iam") {
            const role = roles.get(v.name.toLowerCase());
            return role ? { ...v, sensitiveActions: coverage(groups, roleSensitiveActionGaps(role, check)) } : v;
        }
        return v;
    });
}
