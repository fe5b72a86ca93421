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
import { documentId } from "../iam/policyDocument";
import { MfaDenyAnalyzer } from "../iam/mfaDenyAnalysis";
import { staleMfaContexts } from "../iam/requestContexts";
import { SensitiveActionGroup } from "../iam/sensitiveActions";
import { asciiLowerCase } from "../iam/wildcard";
import { RoleEntry, unreadable, usable, userDocuments, UserDocuments, UserEntry } from "../stack/iamGraph";
import { trustedEnforcement } from "../verdicts/trustedEnforcement";
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

/** A group whose actions a principal can use without fresh MFA: the first action found, the request, and why. */
export interface SensitiveActionGap {
    readonly group: string;
    readonly maxMfaAgeSeconds: number;
    readonly action: string;
    /** The request it gets through with, e.g. `MFA 301 s old (limit 300 s)`. */
    readonly mfaContext: string;
    readonly onSomeResources: boolean;
    /** The message's text: the escape, why the denies present fall short, what could not be verified. */
    readonly description: string;
}

const questionsOf = new WeakMap<StackCheckInput, GroupQuestion[]>();

function groupQuestions(input: StackCheckInput): GroupQuestion[] {
    let questions = questionsOf.get(input);
    if (!questions) {
        questions = input.config.sensitiveActionGroups.map((group) => ({
            group,
            analyzer: input.analyzerFor({ mustDeny: group.actions, contexts: staleMfaContexts(group.maxMfaAgeSeconds) }),
        }));
        questionsOf.set(input, questions);
    }
    return questions;
}

/** A status's gap, derived once: users that share a view share their statuses (principalMfaStatus.ts). */
const gapOf = new WeakMap<MfaStatus, SensitiveActionGap | null>();

function gapFrom(group: SensitiveActionGroup, judged: MfaStatus): SensitiveActionGap | undefined {
    let gap = gapOf.get(judged);
    if (gap === undefined) {
        const escape = judged.result.escape;
        gap =
            judged.result.enforced || !escape
                ? null
                : {
                      group: group.name,
                      maxMfaAgeSeconds: group.maxMfaAgeSeconds,
                      action: escape.action,
                      mfaContext: escape.context.name,
                      onSomeResources: escape.onSomeResources === true,
                      description: describeEscape(judged),
                  };
        gapOf.set(judged, gap);
    }
    return gap ?? undefined;
}

function gaps(input: StackCheckInput, status: (analyzer: MfaDenyAnalyzer) => MfaStatus): SensitiveActionGap[] {
    return groupQuestions(input).flatMap(({ group, analyzer }) => gapFrom(group, status(analyzer)) ?? []);
}

/** The groups a user can use without fresh MFA; none for a user enforced on trust (the org's stack proves it). */
export function userSensitiveActionGaps(user: UserEntry, input: StackCheckInput): SensitiveActionGap[] {
    return gaps(input, (analyzer) => userMfaStatus(user, analyzer, input.config));
}

/** The groups a role's sessions can use without fresh MFA, from the role's permissions. */
export function roleSensitiveActionGaps(role: RoleEntry, input: StackCheckInput): SensitiveActionGap[] {
    const permissions = input.graph.permissionsOf(role);
    const sources = [...permissions.identity, ...permissions.boundary];
    const unverifiable = [...unreadable(sources), ...permissions.problems];
    return gaps(input, (analyzer): MfaStatus => ({ result: analyzeWithChoices(analyzer, usable(sources), sources), unverifiable, revoked: [] }));
}

const FIX =
    'Fix: give it a Deny of the group\'s actions with "NumericGreaterThanIfExists": {"aws:MultiFactorAuthAge": "<limit>"} — ' +
    "the force-mfa program's sensitiveActions builds it into the ForceMFA policy for users and into a managed policy for the roles it names " +
    "(an Allow with a fresh-MFA condition is bypassed by any other Allow of the action).";

const listed = (found: readonly SensitiveActionGap[]) => found.map((g) => `${g.group} (MFA at most ${g.maxMfaAgeSeconds} s old): ${g.description}`).join(" | ");

const escapeKey = (status: MfaStatus) =>
    status.result.enforced || !status.result.escape ? "-" : `${status.result.escape.action} ${status.result.escape.context.name} ${status.unverifiable.length}`;

/** Users that share a finding, by the views of documents that reach them (a view: one set of groups, usually). */
interface SharedFinding {
    readonly found: SensitiveActionGap[];
    readonly views: Map<UserDocuments, UserEntry[]>;
}

const groupsLabel = (user: UserEntry) => `[${[...user.groups].map((g) => g.displayName).sort().join(", ")}]`;

/** "user alice", or "9,500 users (alice, bob, … and 9,495 more; in groups [developers], [ops] …)". */
function whoShares({ views }: SharedFinding): string {
    const all = [...views.values()];
    const count = all.reduce((n, users) => n + users.length, 0);
    if (count === 1) {
        return `user ${all[0][0].displayName}`;
    }
    const shown = all.flat().slice(0, 5).map((u) => u.displayName);
    const more = count - shown.length;
    const sets = [...new Set(all.map((users) => groupsLabel(users[0])))];
    const named = sets.length <= 3 ? sets.join(", ") : `${sets.slice(0, 3).join(", ")} and ${(sets.length - 3).toLocaleString("en-US")} other sets`;
    return `${count.toLocaleString("en-US")} users (${shown.join(", ")}${more > 0 ? ` and ${more.toLocaleString("en-US")} more` : ""}; in groups ${named})`;
}

/** Users of the stack (not exempt, not enforced on trust) by the view of documents that reaches them. */
function usersByView(input: StackCheckInput): Map<UserDocuments, UserEntry[]> {
    const byView = new Map<UserDocuments, UserEntry[]>();
    // In URN order: the engine sends a stack's resources in any order, and the verdict must not depend on it.
    const users = [...input.graph.users].sort((a, b) => ((a.urn ?? "") < (b.urn ?? "") ? -1 : (a.urn ?? "") > (b.urn ?? "") ? 1 : 0));
    for (const user of users) {
        if (!user.inStack || isExempt(input.config.exemptUsers, exemptionName(user)) || trustedEnforcement(user, input.config)) {
            continue;
        }
        const view = userDocuments(user);
        const users = byView.get(view);
        if (users) {
            users.push(user);
        } else {
            byView.set(view, [user]);
        }
    }
    return byView;
}

/**
 * Users with the same finding — the same documents reach them, with the same escapes — are reported once, on the
 * first of them (the documents named as they reach that one): a stack of thousands of users is told once what their
 * policies lack, not once per user or per group. Users of one view share their statuses unless the documents read
 * who asks, or a user has links of its own that could not be traced.
 */
export function sensitiveActionViolations(input: StackCheckInput): Violation[] {
    const questions = groupQuestions(input);
    const byFinding = new Map<string, SharedFinding>();
    const note = (view: UserDocuments, users: UserEntry[]) => {
        const statuses = questions.map((q) => userMfaStatus(users[0], q.analyzer, input.config));
        if (statuses.every((st) => st.result.enforced)) {
            return;
        }
        const key = `${statuses.map(escapeKey).join(",")}|${view.usable.map((d) => documentId(d.document)).sort((a, b) => a - b).join(",")}`;
        let shared = byFinding.get(key);
        if (!shared) {
            shared = { found: questions.flatMap((q, i) => gapFrom(q.group, statuses[i]) ?? []), views: new Map() };
            byFinding.set(key, shared);
        }
        const known = shared.views.get(view);
        if (known) {
            known.push(...users);
        } else {
            shared.views.set(view, [...users]);
        }
    };
    for (const [view, users] of usersByView(input)) {
        const perUser = questions.some((q) => q.analyzer.readsUser(view.usable));
        const alike: UserEntry[] = [];
        for (const user of users) {
            if (!perUser && user.problems.length === 0 && user.revoked.length === 0) {
                alike.push(user);
            } else {
                note(view, [user]);
            }
        }
        if (alike.length > 0) {
            note(view, alike);
        }
    }
    const violations: Violation[] = [...byFinding.values()].map((shared) => ({
        urn: shared.views.values().next().value![0].urn,
        message: `${whoShares(shared)} can use sensitive actions without fresh MFA: ${listed(shared.found)}. ${FIX}`,
    }));
    const named = new Set(input.config.sensitiveActionRoles.map(asciiLowerCase));
    for (const role of input.graph.roles) {
        if (role.nameKnown && named.has(asciiLowerCase(role.name))) {
            const found = roleSensitiveActionGaps(role, input);
            if (found.length > 0) {
                violations.push({ urn: role.urn, message: `role ${role.name}'s sessions can use sensitive actions without fresh MFA: ${listed(found)}. ${FIX}` });
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
