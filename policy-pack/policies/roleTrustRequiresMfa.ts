/**
 * iam-role-trust-requires-mfa: a role's trust policy must not let an AWS principal (an account, a user, a role or
 * `*`) assume it with MFA absent or "false". Service and federated principals carry no MFA and are out of scope.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, GuardConfig } from "../guardConfig";
import { UnverifiableConditionError } from "../iam/conditions";
import { findTrustEscape } from "../iam/trustPolicy";
import { documentSource, IAM_TYPES, StackResource } from "../stack/iamGraph";
import { rawProps, readDocument, readString } from "../stack/knownValues";
import { guardedResourceValidation, isExempt } from "./guardRuntime";

export const ROLE_POLICY_NAME = "iam-role-trust-requires-mfa";

const FIX =
    'Fix: add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} (optionally with ' +
    '"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}) to the statement, or list the role in exemptRoles with a reason.';

export function roleTrustViolations(resource: StackResource, config: GuardConfig): string[] {
    const props = rawProps(resource.props);
    const name = readString(props, "name");
    const roleName = typeof name === "string" ? name : resource.name;
    // Only a known IAM name can match an exemption: an auto-named or not-yet-known role is judged.
    if (isExempt(config.exemptRoles, typeof name === "string" ? name : undefined)) {
        return [];
    }
    const trust = documentSource(`trust policy of role ${roleName}`, readDocument(props, "assumeRolePolicy"), "trust");
    if (!trust.document) {
        return [`role ${roleName}: its trust policy could not be verified (${trust.problem}), so it is not passed. ${FIX}`];
    }
    try {
        const escape = findTrustEscape(trust.document);
        if (!escape) {
            return [];
        }
        return [
            `role ${roleName}: ${escape.statement} of its trust policy lets ${escape.principal} assume it with ` +
                `${escape.context.name}: ${escape.why}. Action that gets through: sts:AssumeRole. ${FIX}`,
        ];
    } catch (err) {
        if (err instanceof UnverifiableConditionError) {
            return [`role ${roleName}: its trust policy could not be verified (${err.message}), so it is not passed. ${FIX}`];
        }
        throw err;
    }
}

export const roleTrustRequiresMfa: ResourceValidationPolicy = {
    name: ROLE_POLICY_NAME,
    description: "A role's trust policy must require MFA of every AWS principal it trusts.",
    enforcementLevel: "mandatory",
    configSchema: configSchema(["exemptRoles"]),
    validateResource: guardedResourceValidation(ROLE_POLICY_NAME, IAM_TYPES.role, roleTrustViolations),
};
