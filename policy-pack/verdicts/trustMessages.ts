/** What a role is told when its trust lets an AWS principal in without MFA: where, why, and the one fix. */
import { TrustEscape } from "../iam/trustPolicy";
import { asciiLowerCase } from "../iam/wildcard";

const MFA_CONDITION = '"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}';

/** The one change to the statement that lets the principal in without MFA; `who` names the principal in messages. */
export function trustFix(escape: TrustEscape, who: string = escape.principal): string {
    const { allow } = escape;
    const where = escape.statement;
    if (allow.notPrincipal !== undefined) {
        return `Fix: in ${where}, replace NotPrincipal by a Principal naming who may assume the role, with ${MFA_CONDITION}.`;
    }
    const others = allow.principal === "*" || allow.principal === undefined ? [] : [...allow.principal.keys()].filter((t) => asciiLowerCase(t) !== "aws");
    if (others.length > 0) {
        // An MFA condition on this statement would shut out its service or federated principals, which carry no MFA.
        return `Fix: move ${who} out of ${where} (which also trusts ${others.join(", ")} principals, who carry no MFA) into a statement of its own with ${MFA_CONDITION}.`;
    }
    if (allow.conditions.some((c) => c.key === "sts:externalid")) {
        // sts:ExternalId is the third-party pattern: a vendor's service assumes the role, and no MFA can come with it.
        return `Fix: if ${who} is a third party's account (${where} asks for sts:ExternalId), its service cannot present MFA: list the role in exemptRoles with the vendor and the reason; otherwise add ${MFA_CONDITION} to ${where}.`;
    }
    const boolIfExists = allow.conditions.find((c) => c.key === "aws:multifactorauthpresent" && asciiLowerCase(c.operator) === "boolifexists");
    if (boolIfExists) {
        return `Fix: in ${where}, use "Bool" instead of "BoolIfExists" on aws:MultiFactorAuthPresent.`;
    }
    return `Fix: add ${MFA_CONDITION} (optionally with "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}) to ${where}.`;
}

/** "statement 1 of its trust policy lets X assume it with MFA absent (…): why" */
export function letsIn(escape: TrustEscape, who: string = escape.principal): string {
    return `${escape.statement} of its trust policy lets ${who} assume it with ${escape.context.name}: ${escape.why}`;
}

/** A principal let in without MFA that is a person path on its own. */
export function escapeMessage(role: string, escape: TrustEscape): string {
    return `role ${role}: ${letsIn(escape)}. Action that gets through: sts:AssumeRole. ${trustFix(escape)}`;
}
