/**
 * iam-user-requires-mfa: every IAM user of the stack must be subject to an MFA deny — through its groups, its own
 * policies or its permissions boundary — unless it is exempt (with a reason) in the pack's config.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema, GuardConfig } from "../guardConfig";
import { MfaDenyAnalyzer } from "../iam/mfaDenyAnalysis";
import { IamGraph, UserEntry } from "../stack/iamGraph";
import { guardedStackValidation, StackCheckInput, Violation } from "../verdicts/guardedValidation";
import { exemptionName, isExempt } from "../verdicts/exemptions";
import { userFix } from "../verdicts/fixes";
import { describeEscape, userMfaStatus } from "../verdicts/principalMfaStatus";
import { orgEnforcementRevocations } from "../verdicts/orgEnforcementRevoked";
import { FSBP_IAM_19, metadata } from "../verdicts/policyMetadata";

export const USER_POLICY_NAME = "iam-user-requires-mfa";

/** A user of the stack, not exempt, that can act without MFA. */
function userViolation(user: UserEntry, graph: IamGraph, config: GuardConfig, analyzer: MfaDenyAnalyzer): Violation | undefined {
    if (!user.inStack || isExempt(config.exemptUsers, exemptionName(user))) {
        return undefined;
    }
    const status = userMfaStatus(user, analyzer, config);
    if (status.result.enforced) {
        return undefined;
    }
    const groups = [...user.groups].map((g) => g.displayName).sort();
    return {
        urn: user.urn,
        message: `user ${user.displayName}: groups [${groups.join(", ")}]; ${describeEscape(status)}. ${userFix(user, config, analyzer, graph.groups)}`,
    };
}

export function userViolations({ graph, config, analyzer }: StackCheckInput): Violation[] {
    const violations: Violation[] = [];
    for (const user of graph.users) {
        const violation = userViolation(user, graph, config, analyzer);
        if (violation) {
            violations.push(violation);
        }
    }
    for (const exclusive of graph.untracedExclusives) {
        violations.push({
            urn: exclusive.urn,
            message:
                `could not verify which principal this exclusive resource applies to (${exclusive.problem}): it sets that principal's ` +
                `policies exactly and may strip the MFA deny from the enforced group or a user. Fix: pass the group or user ` +
                `name from a resource of this stack (e.g. group.name), so the pack can follow it.`,
        });
    }
    violations.push(...orgEnforcementRevocations(graph, config, analyzer));
    return violations;
}

export const userRequiresMfa: StackValidationPolicy = {
    name: USER_POLICY_NAME,
    displayName: "IAM user requires MFA",
    tags: ["aws", "iam", "mfa", "iam-user"],
    description: "Every IAM user must be subject to a policy that denies all but MFA enrollment without MFA.",
    enforcementLevel: "mandatory",
    ...metadata(
        USER_POLICY_NAME,
        "high",
        'Put the user in the enforced group (enforcedGroupName), whose policy denies every action but MFA enrollment unless MFA is present ("Deny" + "NotAction" of the enrollment actions + "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}); if it is already there, correct the group\'s deny as the message says; if the user must act without MFA, list it in exemptUsers with a reason.',
        FSBP_IAM_19,
    ),
    configSchema: configSchema(["enforcedGroupName", "enforcementPolicyNames", "exemptUsers", "enrollmentAllowList"]),
    validateStack: guardedStackValidation(USER_POLICY_NAME, userViolations),
};
