/**
 * sensitive-actions-need-fresh-mfa: for each sensitive-action group of the config, the stack's users (not exempt)
 * and the roles named in `sensitiveActionRoles` must be explicitly denied every action of the group when their MFA
 * is absent, "false", or older than the group's limit — by evaluation of the documents that reach them, as the MFA
 * deny is proven. An allow with a fresh-MFA condition does not count: any other allow of the action bypasses it.
 * Advisory by default: it proves a hardening the program offers (`sensitiveActions`), which an org turns mandatory
 * once its stacks carry it.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../guardConfig";
import { MfaDenyAnalyzer, MfaDenyResult } from "../iam/mfaDenyAnalysis";
import { staleMfaContexts } from "../iam/requestContexts";
import { SensitiveActionGroup } from "../iam/sensitiveActions";
import { asciiLowerCase } from "../iam/wildcard";
import { RoleEntry, unreadable, usable, UserEntry } from "../stack/iamGraph";
import { exemptionName, isExempt } from "../verdicts/exemptions";
import { guardedStackValidation, StackCheckInput, Violation } from "../verdicts/guardedValidation";
import { metadata } from "../verdicts/policyMetadata";
import { analyzeWithChoices, describeEscape, MfaStatus, userMfaStatus } from "../verdicts/principalMfaStatus";

export const SENSITIVE_ACTIONS_POLICY_NAME = "sensitive-actions-need-fresh-mfa";

/** One question per group: a message names each group that falls short (principals share views, so it stays cheap). */
interface GroupQuestion {
    readonly group: SensitiveActionGroup;
    readonly analyzer: MfaDenyAnalyzer;
}

function groupQuestions({ config, analyzerFor }: StackCheckInput): GroupQuestion[] {
    return config.sensitiveActionGroups.map((group) => ({ group, analyzer: analyzerFor({ mustDeny: group.actions, contexts: staleMfaContexts(group.maxMfaAgeSeconds) }) }));
}

/** "kms-key-destruction (MFA at most 300 s old): no policy denies …", or nothing when the group holds. */
function gap({ group }: GroupQuestion, status: MfaStatus): string | undefined {
    if (status.result.enforced || !status.result.escape) {
        return undefined;
    }
    return `${group.name} (MFA at most ${group.maxMfaAgeSeconds} s old): ${describeEscape(status)}`;
}

const FIX =
    'Fix: give it a Deny of the group\'s actions with "NumericGreaterThanIfExists": {"aws:MultiFactorAuthAge": "<limit>"} — ' +
    "the force-mfa program's sensitiveActions builds it into the ForceMFA policy for users and into a managed policy for the roles it names " +
    "(an Allow with a fresh-MFA condition is bypassed by any other Allow of the action).";

function userViolation(user: UserEntry, input: StackCheckInput, questions: readonly GroupQuestion[]): Violation | undefined {
    if (!user.inStack || isExempt(input.config.exemptUsers, exemptionName(user))) {
        return undefined;
    }
    const lines = questions.map((q) => gap(q, userMfaStatus(user, q.analyzer, input.config))).filter((l): l is string => l !== undefined);
    return lines.length === 0 ? undefined : { urn: user.urn, message: `user ${user.displayName} can use sensitive actions without fresh MFA: ${lines.join(" | ")}. ${FIX}` };
}

function roleStatus(role: RoleEntry, input: StackCheckInput, analyzer: MfaDenyAnalyzer): MfaStatus {
    const permissions = input.graph.permissionsOf(role);
    const sources = [...permissions.identity, ...permissions.boundary];
    const result: MfaDenyResult = analyzeWithChoices(analyzer, usable(sources), sources);
    return { result, unverifiable: [...unreadable(sources), ...permissions.problems], revoked: [] };
}

function roleViolation(role: RoleEntry, input: StackCheckInput, questions: readonly GroupQuestion[]): Violation | undefined {
    const lines = questions.map((q) => gap(q, roleStatus(role, input, q.analyzer))).filter((l): l is string => l !== undefined);
    return lines.length === 0 ? undefined : { urn: role.urn, message: `role ${role.name}'s sessions can use sensitive actions without fresh MFA: ${lines.join(" | ")}. ${FIX}` };
}

export function sensitiveActionViolations(input: StackCheckInput): Violation[] {
    const questions = groupQuestions(input);
    const violations: Violation[] = [];
    for (const user of input.graph.users) {
        const violation = userViolation(user, input, questions);
        if (violation) {
            violations.push(violation);
        }
    }
    const named = new Set(input.config.sensitiveActionRoles.map(asciiLowerCase));
    for (const role of input.graph.roles) {
        if (role.nameKnown && named.has(asciiLowerCase(role.name))) {
            const violation = roleViolation(role, input, questions);
            if (violation) {
                violations.push(violation);
            }
        }
    }
    return violations;
}

export const sensitiveActionsNeedFreshMfa: StackValidationPolicy = {
    name: SENSITIVE_ACTIONS_POLICY_NAME,
    displayName: "Sensitive actions need fresh MFA",
    tags: ["aws", "iam", "mfa", "sensitive-actions"],
    description:
        "The stack's users and the named roles are denied each sensitive action (IAM permission and credential changes, bucket, key and log destruction, organization writes) unless their MFA is younger than its group's limit.",
    enforcementLevel: "advisory",
    ...metadata(
        SENSITIVE_ACTIONS_POLICY_NAME,
        "medium",
        'Turn on the force-mfa program\'s sensitiveActions (its denies go into the ForceMFA policy and a managed policy for the admin role and sensitiveActions.roles), or add to the principal a Deny of the listed actions with "NumericGreaterThanIfExists": {"aws:MultiFactorAuthAge": "<limit>"}. Keep this policy\'s sensitiveActionGroups equal to the program\'s sensitiveActions.groups.',
    ),
    configSchema: configSchema(["sensitiveActionGroups", "sensitiveActionRoles", "exemptUsers", "enforcedGroupName", "enforcementPolicyNames", "enrollmentAllowList"]),
    validateStack: guardedStackValidation(SENSITIVE_ACTIONS_POLICY_NAME, sensitiveActionViolations),
};
