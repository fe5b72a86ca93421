/**
 * The organization's part of the stack config, `organization` (zod): present only in the stack of the management
 * account (or a delegated administrator). Every broken rule is one problem, `organization.<key>: <rule>, got <value>`.
 * What depends on the organization itself (the root, enabled policy types, the SCP's size) is checked at deploy,
 * before anything is created (organizationStack.ts).
 */
import { z } from "zod";
import { broken, configPart, flag, InputProblem, isObject, list, problemLines, section, text } from "../configParts";
import { EXECUTION_FREQUENCIES } from "../detection/configRules";
import { EXEMPTION_TERMS_KEYS, exemptionTermsOf, exemptionTermsProblems, exemptionTermsShape, whenObject } from "../enforcement/exemptionTermsConfig";
import { organizationAuditSection } from "./audit/organizationAuditConfig";

/** The target naming the organization's root, looked up with getOrganization. */
export const ROOT_TARGET = "root";

export const DEFAULT_SCP_NAME = "force-mfa-deny-without-mfa";

const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
/** ArnLike patterns: an account id or `*`, then the user's (or role's) path and name, wildcards allowed. */
const USER_ARN = /^arn:aws:iam::(?:\d{12}|\*):user\/[\x21-\x7e]{1,512}$/;
const ROLE_ARN = /^arn:aws:iam::(?:\d{12}|\*):role\/[\x21-\x7e]{1,512}$/;
/** IAM tag keys: 1-128 of letters, digits, spaces and _ . : / = + - @; `aws:` is reserved. */
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/iu;
const SCP_NAME = /^[\x20-\x7e]{1,128}$/;

/** A list whose items are compared without case, each listed once. */
function uniqueList(item: z.ZodType<string>, what: string) {
    return list(item, `must be a list of ${what}`).superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((value, i) => {
            if (typeof value === "string" && seen.has(value.toLowerCase())) {
                ctx.addIssue({ code: "custom", path: [i], message: `"${value}" is listed twice` });
            }
            seen.add(String(value).toLowerCase());
        });
    });
}

const target = z.union([z.literal(ROOT_TARGET), text(OU_ID, "x"), text(ACCOUNT_ID, "x")], broken(`must be "${ROOT_TARGET}", an OU id (ou-...) or a 12-digit account id`));

const attachTo = uniqueList(target, `targets ("${ROOT_TARGET}", OU ids, account ids)`)
    .min(1, broken(`must name at least one target ("${ROOT_TARGET}" for the whole organization)`))
    .refine((targets) => !targets.includes(ROOT_TARGET) || targets.length === 1, broken(`"${ROOT_TARGET}" covers every OU and account: list it alone`));

const exemptUserArn = text(USER_ARN, "must be an IAM user ARN pattern (arn:aws:iam::<account or *>:user/<path and name>)").refine(
    (arn) => !/:user\/\*+$/.test(arn),
    broken("would exempt every IAM user"),
);

/** An ARN pattern with the terms of every exemption (enforcement's exemptionTermsConfig.ts): a reason, an end. */
const exemptUserArnWithTerms = section({ arn: exemptUserArn, ...exemptionTermsShape }, `an object {arn, ${EXEMPTION_TERMS_KEYS}}`)
    .superRefine((item, ctx) => {
        if (typeof item.arn === "string" && USER_ARN.test(item.arn)) {
            exemptionTermsProblems(item, item.arn).forEach((problem) => ctx.addIssue({ code: "custom", ...problem }));
        }
    }, whenObject)
    .transform((item) => ({ arn: item.arn, ...exemptionTermsOf(item) }));

/**
 * A plain pattern, as written before exemptions had terms (permanent, and reported so), or a pattern with its terms;
 * judged by the form it is written in, so a broken term is named, not the whole entry.
 */
const exemptUser = z.unknown().transform((value, ctx): string | z.output<typeof exemptUserArnWithTerms> => {
    if (typeof value !== "string" && (typeof value !== "object" || value === null || Array.isArray(value))) {
        ctx.addIssue({ code: "custom", message: `must be an IAM user ARN pattern, or an object {arn, ${EXEMPTION_TERMS_KEYS}}, got ${JSON.stringify(value)}` });
        return z.NEVER;
    }
    const parsed = typeof value === "string" ? exemptUserArn.safeParse(value) : exemptUserArnWithTerms.safeParse(value);
    if (!parsed.success) {
        parsed.error.issues.forEach((issue) => ctx.addIssue(issue as never)); // as found, so an unknown key is named
        return z.NEVER;
    }
    return parsed.data;
});

/** Each pattern once, compared without case, whether written plain or with its terms. */
const exemptUsers = list(exemptUser, "must be a list of IAM user ARN patterns or {arn, ...} objects").superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
        const arn = (typeof item === "string" ? item : item?.arn)?.toLowerCase();
        if (arn !== undefined && seen.has(arn)) {
            ctx.addIssue({ code: "custom", path: typeof item === "string" ? [i] : [i, "arn"], message: `"${typeof item === "string" ? item : item.arn}" is listed twice` });
        }
        if (arn !== undefined) {
            seen.add(arn);
        }
    });
});

export const organizationSection = section({
    serviceControlPolicyName: text(SCP_NAME, "must be a policy name (1-128 printable ASCII characters)").default(DEFAULT_SCP_NAME),
    attachTo: attachTo.default([ROOT_TARGET]),
    exemptionTagKey: text(TAG_KEY, "must be an IAM tag key (1-128 of letters, digits, spaces, _ . : / = + - @; not aws:...)").optional(),
    exemptUserArns: exemptUsers.prefault([]),
    deployerRoleArns: uniqueList(text(ROLE_ARN, "must be an IAM role ARN pattern (arn:aws:iam::<account or *>:role/<path and name>)"), "IAM role ARN patterns").default([]),
    centralRootAccess: section({ credentialsManagement: flag(false), sessions: flag(false) }).prefault({}),
    configRules: section({
        enabled: flag(false),
        maximumExecutionFrequency: z.enum(EXECUTION_FREQUENCIES, broken(`must be one of ${EXECUTION_FREQUENCIES.join(", ")}`)).default("TwentyFour_Hours"),
        excludedAccountIds: uniqueList(text(ACCOUNT_ID, "must be a 12-digit account id"), "account ids").default([]),
    }).prefault({}),
    /** The organization audit on AWS (audit/): off by default. */
    audit: organizationAuditSection.prefault({}),
});

/** Only the deployer roles may set the exemption tag: without one, nobody in a member account could. */
function exemptionTagNeedsDeployers(input: Readonly<Record<string, unknown>>): InputProblem[] {
    const given = input.organization;
    if (!isObject(given) || given.exemptionTagKey === undefined) {
        return [];
    }
    const deployers = given.deployerRoleArns;
    return Array.isArray(deployers) && deployers.length > 0
        ? []
        : [
              {
                  path: ["organization", "exemptionTagKey"],
                  message: "needs organization.deployerRoleArns: the tag is denied to everyone but the deployer roles, so without one nobody in a member account could set it",
              },
          ];
}

/** The stack config keys this capability adds: present only in the management account's stack. */
export const organizationConfig = configPart({ organization: organizationSection.optional() }, exemptionTagNeedsDeployers);

export type OrganizationSettings = z.output<typeof organizationSection>;

const alone = z.strictObject(organizationConfig.keys);

/** The section judged on its own, with the root's messages: the settings, or one line per problem. */
export function checkOrganizationConfig(raw: unknown): { settings?: OrganizationSettings; problems: string[] } {
    const input = { organization: raw };
    const parsed = alone.safeParse(input);
    const problems = problemLines(parsed.error?.issues ?? [], organizationConfig.rules.flatMap((rule) => rule(input)));
    return problems.length === 0 && parsed.success ? { settings: parsed.data.organization, problems } : { problems };
}
