/**
 * Enforcement's part of the stack config: the enforced group, the ForceMFA policy, the users this stack creates and
 * the exemptions, each with its default and its rule.
 */
import { z } from "zod";
import { DEFAULT_ENFORCED_GROUP_NAME, DEFAULT_ENFORCEMENT_POLICY_NAME } from "../../account";
import { configPart, flag, integer, list, section, tagMap, text } from "../configParts";
import { EXEMPTION_TERMS_KEYS, exemptionTermsOf, exemptionTermsProblems, exemptionTermsShape, whenObject } from "./exemptionTermsConfig";
import { DEFAULT_MAX_MFA_AGE_SECONDS } from "./forceMfaPolicyDocument";
import { IAM_GROUP_NAME, IAM_PATH, IAM_POLICY_NAME, IAM_USER_OR_ROLE_NAME } from "../aws/iamNames";

const declaredUser = section(
    {
        name: text(IAM_USER_OR_ROLE_NAME, "must be an IAM user name (1-64 of letters, digits and +=,.@_-)"),
        path: text(IAM_PATH, 'must start and end with "/" (e.g. "/eng/")').default("/"),
        tags: tagMap().default({}),
    },
    "an object {name, path?, tags?}",
);

/** IAM user names are unique regardless of case: "Bob" and "bob" are the same user. */
function firstSeen<T>(items: readonly T[], nameOf: (item: T) => unknown, report: (index: number, name: string) => void): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
        const name = nameOf(item);
        if (typeof name !== "string" || !IAM_USER_OR_ROLE_NAME.test(name)) {
            return; // reported for its format
        }
        if (seen.has(name.toLowerCase())) {
            report(i, name);
        }
        seen.add(name.toLowerCase());
    });
}

const declaredUsers = list(declaredUser).superRefine(
    (users, ctx) =>
        firstSeen(
            users,
            (u) => u?.name,
            (i, name) => ctx.addIssue({ code: "custom", path: [i, "name"], message: `"${name}" is declared twice (IAM user names are case-insensitive)` }),
        ),
    { when: (payload) => Array.isArray(payload.value) },
);

const exemption = section(
    { name: text(IAM_USER_OR_ROLE_NAME, "must be an IAM user name"), ...exemptionTermsShape },
    `an object {name, ${EXEMPTION_TERMS_KEYS}}`,
)
    .superRefine((item, ctx) => {
        if (typeof item.name === "string" && IAM_USER_OR_ROLE_NAME.test(item.name)) {
            exemptionTermsProblems(item, item.name).forEach((problem) => ctx.addIssue({ code: "custom", ...problem }));
        }
    }, whenObject)
    .transform((item) => ({ name: item.name, ...exemptionTermsOf(item) }));

const exemptions = list(exemption).superRefine(
    (items, ctx) =>
        firstSeen(
            items,
            (e) => e?.name,
            (i, name) => ctx.addIssue({ code: "custom", path: [i, "name"], message: `"${name}" is exempted twice` }),
        ),
    { when: (payload) => Array.isArray(payload.value) },
);

export const enforcementConfig = configPart({
    enforcedGroupName: text(IAM_GROUP_NAME, "must be an IAM group name (1-128 of letters, digits and +=,.@_-)").default(DEFAULT_ENFORCED_GROUP_NAME),
    policyName: text(IAM_POLICY_NAME, "must be an IAM policy name (1-128 of letters, digits and +=,.@_-)").default(DEFAULT_ENFORCEMENT_POLICY_NAME),
    users: declaredUsers.default([]),
    exemptions: exemptions.prefault([]),
    allowPasswordChangeWithoutMfa: flag(true),
    maxMfaAgeSeconds: integer(900, 129600).default(DEFAULT_MAX_MFA_AGE_SECONDS),
});

export type DeclaredUser = z.output<typeof declaredUser>;
export type Exemption = z.output<typeof exemption>;
