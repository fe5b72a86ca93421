/**
 * Privileged access's part of the stack config, `adminRole`: the role for administrative work, whom it trusts, how
 * fresh their MFA must be. Whether the trusted users exist is an account fact, checked before anything is registered
 * (privilegedAccessStack.ts).
 */
import { z } from "zod";
import { broken, configPart, InputProblem, integer, isObject, list, section, text } from "../configParts";
import { IAM_USER_OR_ROLE_NAME } from "../aws/iamNames";
import { DEFAULT_ADMIN_MAX_MFA_AGE_SECONDS, DEFAULT_ADMIN_POLICY_ARN } from "./adminRole";

/** Trusted users of the admin role: a list of user names, or every member of the enforced group. */
export const ENFORCED_GROUP_USERS = "enforcedGroup";

const POLICY_ARN = /^arn:aws:iam::(?:aws|\d{12}):policy\/[\x21-\x7e]+$/;

const TRUSTED_USERS_RULE = broken(`must be "${ENFORCED_GROUP_USERS}" (every member of the enforced group) or a non-empty list of IAM user names`);

const trustedUserNames = list(text(IAM_USER_OR_ROLE_NAME, "must be an IAM user name (1-64 of letters, digits, + = , . @ _ -)"))
    .min(1, TRUSTED_USERS_RULE)
    .superRefine(
        (names, ctx) => {
            // IAM user names are unique regardless of case.
            const seen = new Set<string>();
            names.forEach((name, i) => {
                if (typeof name !== "string" || !IAM_USER_OR_ROLE_NAME.test(name)) {
                    return;
                }
                if (seen.has(name.toLowerCase())) {
                    ctx.addIssue({ code: "custom", path: [i], message: `"${name}" is listed twice` });
                }
                seen.add(name.toLowerCase());
            });
        },
        { when: (payload) => Array.isArray(payload.value) },
    );

const adminRole = section({
    enabled: z.boolean(broken("must be true or false")).default(false),
    name: text(IAM_USER_OR_ROLE_NAME, "must be an IAM role name (1-64 of letters, digits, + = , . @ _ -)").default("mfa-admin"),
    /**
     * User names (IAM user names are unique in an account whatever their path; the ARN, path included, is looked up
     * among the users declared in config and those found in the account), or ENFORCED_GROUP_USERS as an explicit
     * choice. Required while the role is enabled; empty (nobody) while it is off and unset.
     */
    trustedUsers: z.union([z.literal(ENFORCED_GROUP_USERS), trustedUserNames], TRUSTED_USERS_RULE).default([]),
    maxMfaAgeSeconds: integer(60, 129600).default(DEFAULT_ADMIN_MAX_MFA_AGE_SECONDS),
    maxSessionDurationSeconds: integer(3600, 43200).default(3600),
    policyArn: text(POLICY_ARN, "must be an IAM policy ARN (arn:aws:iam::aws:policy/... or arn:aws:iam::<account>:policy/...)").default(DEFAULT_ADMIN_POLICY_ARN),
});

/**
 * No default for trustedUsers while the role is on: trusting "every enrolled user" by default would let any IAM user of
 * the account assume an AdministratorAccess role.
 */
function trustedUsersRequired(input: Readonly<Record<string, unknown>>): InputProblem[] {
    const given = input.adminRole;
    return isObject(given) && given.enabled === true && given.trustedUsers === undefined
        ? [
              {
                  path: ["adminRole", "trustedUsers"],
                  message: `required while adminRole.enabled is true — list the administrators' IAM user names, or write "${ENFORCED_GROUP_USERS}" to trust every enrolled user (every member of the enforced group)`,
              },
          ]
        : [];
}

export const privilegedAccessConfig = configPart({ adminRole: adminRole.prefault({}) }, trustedUsersRequired);

export type AdminRoleSettings = z.output<typeof adminRole>;

export const ADMIN_ROLE_FIELDS = Object.keys(adminRole.shape);
