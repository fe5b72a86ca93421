/**
 * The sensitive-action denies, built by pure functions: one Deny per distinct MFA age, for every group of that age.
 *
 * Why a deny and why `NumericGreaterThanIfExists`: an Allow with `NumericLessThan aws:MultiFactorAuthAge` (the pattern
 * in common circulation) is bypassed by any other Allow of the action. The deny's condition must hold both when the
 * MFA is older than the limit and when there was no MFA at all: IAM leaves `aws:MultiFactorAuthAge` out of requests
 * signed with long-term access keys and of sessions signed in without MFA, and a plain `NumericGreaterThan` never
 * matches a missing key — those requests would pass. `IfExists` makes a missing key match. The documents that carry
 * no other MFA deny (the roles' managed policy) add `BoolIfExists aws:MultiFactorAuthPresent "false"` as well, so a
 * session that says "no MFA" is refused whatever age it might carry; for users the ForceMFA policy's own deny does it.
 */
import { SensitiveActionGroup } from "../../account";
import { PolicyDocument, PolicyStatement } from "../enforcement/forceMfaPolicyDocument";

export type { SensitiveActionGroup } from "../../account";

/** The condition of the age deny, shared with the SCP. */
export function staleOrAbsentMfa(maxMfaAgeSeconds: number) {
    return { NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": String(maxMfaAgeSeconds) } };
}

export const WITHOUT_MFA_CONDITION = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } };

/** Each distinct age with the actions of every group of that age, each listed once (first spelling kept), shortest first. */
export function actionsByAge(groups: readonly SensitiveActionGroup[]): { maxMfaAgeSeconds: number; actions: string[] }[] {
    const byAge = new Map<number, Map<string, string>>();
    for (const group of groups) {
        const actions = byAge.get(group.maxMfaAgeSeconds) ?? new Map<string, string>();
        group.actions.forEach((action) => actions.has(action.toLowerCase()) || actions.set(action.toLowerCase(), action));
        byAge.set(group.maxMfaAgeSeconds, actions);
    }
    return [...byAge.entries()].sort(([a], [b]) => a - b).map(([maxMfaAgeSeconds, actions]) => ({ maxMfaAgeSeconds, actions: [...actions.values()] }));
}

function allActions(groups: readonly SensitiveActionGroup[]): string[] {
    return actionsByAge(groups).flatMap((age) => age.actions).filter((a, i, all) => all.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i);
}

/** The age denies (one per distinct age); none for no groups. */
export function sensitiveActionDenyStatements(groups: readonly SensitiveActionGroup[]): PolicyStatement[] {
    return actionsByAge(groups).map(({ maxMfaAgeSeconds, actions }) => ({
        Sid: `DenySensitiveActionsMfaOlderThan${maxMfaAgeSeconds}s`,
        Effect: "Deny",
        Action: actions,
        Resource: "*",
        Condition: staleOrAbsentMfa(maxMfaAgeSeconds),
    }));
}

/** The managed policy the admin role and the named roles carry: the age denies and the no-MFA deny. */
export function sensitiveActionsPolicyDocument(groups: readonly SensitiveActionGroup[]): PolicyDocument {
    if (groups.length === 0) {
        throw new Error("the sensitive-actions policy needs at least one group of actions");
    }
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenySensitiveActionsWithoutMfa", Effect: "Deny", Action: allActions(groups), Resource: "*", Condition: WITHOUT_MFA_CONDITION },
            ...sensitiveActionDenyStatements(groups),
        ],
    };
}
