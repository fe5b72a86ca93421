/**
 * Enforcement's part of the stack config: the enforced group, the ForceMFA policy, the users this stack creates and
 * the exemptions, each with its default and its rule.
 */
import { z } from "zod";
import { DEFAULT_ENFORCED_GROUP_NAME, DEFAULT_ENFORCEMENT_POLICY_NAME } from "../../account";
import { broken, configPart, flag, integer, list, section, tagMap, text } from "../configParts";
import { isCalendarDate, ISO_DATE } from "../../account";
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

const date = (what: string) => text(ISO_DATE, `must be an ISO date (YYYY-MM-DD), ${what}`).refine((v) => !ISO_DATE.test(v) || isCalendarDate(v), broken("must be a date that exists")); // a wrong shape is reported once, above

const exemption = section(
    {
        name: text(IAM_USER_OR_ROLE_NAME, "must be an IAM user name"),
        // Judged with the name (the message names whom the exemption is for), below.
        reason: z.unknown().optional(),
        /** Who approved it and the ticket that records it: shown to auditors with the reason. */
        approvedBy: text(/\S/, "must be a non-empty name").optional(),
        ticket: text(/\S/, "must be a non-empty ticket reference").optional(),
        grantedOn: date("the day the exemption was granted").optional(),
        /** The last day it counts; left out, the exemption is permanent (a warning at every deploy). */
        expiresOn: date("the last day the exemption counts").optional(),
    },
    "an object {name, reason, approvedBy?, ticket?, grantedOn?, expiresOn?}",
)
    .superRefine(
        (item, ctx) => {
            if (typeof item.name === "string" && IAM_USER_OR_ROLE_NAME.test(item.name) && (typeof item.reason !== "string" || item.reason.trim() === "")) {
                ctx.addIssue({ code: "custom", path: ["reason"], message: `an exemption of "${item.name}" needs a non-empty reason (it is shown to auditors)` });
            }
            if (typeof item.grantedOn === "string" && typeof item.expiresOn === "string" && isCalendarDate(item.grantedOn) && isCalendarDate(item.expiresOn) && item.expiresOn < item.grantedOn) {
                ctx.addIssue({ code: "custom", path: ["expiresOn"], message: `the exemption of "${item.name}" would end (${item.expiresOn}) before it was granted (${item.grantedOn})` });
            }
        },
        { when: (payload) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value) },
    )
    .transform((item) => ({
        name: item.name,
        reason: String(item.reason).trim(),
        // Only the terms given, so an exemption without dates reads as before.
        ...(item.approvedBy !== undefined ? { approvedBy: item.approvedBy.trim() } : {}),
        ...(item.ticket !== undefined ? { ticket: item.ticket.trim() } : {}),
        ...(item.grantedOn !== undefined ? { grantedOn: item.grantedOn } : {}),
        ...(item.expiresOn !== undefined ? { expiresOn: item.expiresOn } : {}),
    }));

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
