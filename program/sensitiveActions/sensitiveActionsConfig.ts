/**
 * Sensitive actions' part of the stack config, `sensitiveActions`: named groups of actions (wildcards as IAM reads
 * them) that need MFA younger than the group's limit, the managed policy roles carry for them, and the roles that
 * carry it besides the admin role. `groups` left out means the documented default set.
 */
import { z } from "zod";
import { ACTION_PATTERN, actionMatches, DEFAULT_ENROLLMENT_ALLOW_LIST, DEFAULT_SENSITIVE_ACTION_GROUPS, MFA_AGE_LIMITS, SensitiveActionGroup, sensitiveActionGroupList } from "../../account";
import { IAM_POLICY_NAME, IAM_USER_OR_ROLE_NAME } from "../aws/iamNames";
import { broken, configPart, flag, integer, list, section, text } from "../configParts";

export const DEFAULT_SENSITIVE_ACTIONS_POLICY_NAME = "ForceMFASensitiveActions";

const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Enrollment must work without MFA, so no group may name (or match) one of its actions, whatever a switch says. */
function enrollmentActionMatched(pattern: string): string | undefined {
    return DEFAULT_ENROLLMENT_ALLOW_LIST.find((action) => actionMatches(pattern, action));
}

const actionPattern = text(ACTION_PATTERN, 'must be an action pattern "service:Action" (wildcards * and ? in the action part only)').superRefine((pattern, ctx) => {
    const enrollment = ACTION_PATTERN.test(pattern) ? enrollmentActionMatched(pattern) : undefined; // else reported for its format
    if (enrollment !== undefined) {
        ctx.addIssue({
            code: "custom",
            message: `"${pattern}" matches ${enrollment}, which users need without MFA to enroll a device; list the sensitive actions more narrowly`,
        });
    }
});

const group = section(
    {
        maxMfaAgeSeconds: integer(MFA_AGE_LIMITS.min, MFA_AGE_LIMITS.max),
        actions: list(actionPattern, "must be a list of action patterns").min(1, broken("must list at least one action")),
    },
    "an object {maxMfaAgeSeconds, actions}",
);

const groups = z
    .record(z.string(), group, broken("must be a map of group names to {maxMfaAgeSeconds, actions}"))
    .superRefine((map, ctx) => {
        for (const name of Object.keys(map)) {
            if (!GROUP_NAME.test(name)) {
                ctx.addIssue({ code: "custom", path: [name], message: "a group name is 1-64 of letters, digits, _ . - (starting with a letter or digit)" });
            }
        }
        if (Object.keys(map).length === 0) {
            ctx.addIssue({ code: "custom", message: "must name at least one group (leave the key out for the default set)" });
        }
    });

const roleNames = list(text(IAM_USER_OR_ROLE_NAME, "must be an IAM role name (1-64 of letters, digits, + = , . @ _ -)"), "must be a list of IAM role names").superRefine(
    (names, ctx) => {
        const seen = new Set<string>();
        names.forEach((name, i) => {
            if (typeof name === "string" && seen.has(name.toLowerCase())) {
                ctx.addIssue({ code: "custom", path: [i], message: `"${name}" is listed twice (IAM role names are case-insensitive)` });
            }
            seen.add(String(name).toLowerCase());
        });
    },
    { when: (payload) => Array.isArray(payload.value) },
);

const sensitiveActions = section({
    enabled: flag(false),
    policyName: text(IAM_POLICY_NAME, "must be an IAM policy name (1-128 of letters, digits and +=,.@_-)").default(DEFAULT_SENSITIVE_ACTIONS_POLICY_NAME),
    /** Roles of the account (by name) that carry the managed policy, besides the admin role. */
    roles: roleNames.default([]),
    groups: groups.optional(),
});

export const sensitiveActionsConfig = configPart({ sensitiveActions: sensitiveActions.prefault({}) });

export type SensitiveActionsSettings = z.output<typeof sensitiveActions>;

/** The groups in force: none while off; the configured ones, or the default set. Sorted by name for stable documents. */
export function sensitiveActionGroups(settings: SensitiveActionsSettings): SensitiveActionGroup[] {
    if (!settings.enabled) {
        return [];
    }
    return sensitiveActionGroupList(settings.groups ?? DEFAULT_SENSITIVE_ACTION_GROUPS);
}
