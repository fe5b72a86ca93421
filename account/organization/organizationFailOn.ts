/**
 * `--fail-on` over an organization: the account audit's conditions, each checked in every audited account, and
 * `not-audited` — an account whose audit failed. Fails closed: by default an account nobody could audit fails the run
 * like an escape does.
 */
import { DEFAULT_FAIL_ON, FAIL_ON_CONDITIONS, FailOnCondition, FailOnError, failures, parseFailOn } from "../report/failOn";
import { OrganizationReport } from "./organizationModel";

export const NOT_AUDITED = "not-audited";
export type OrganizationFailOnCondition = FailOnCondition | typeof NOT_AUDITED;
export const ORGANIZATION_FAIL_ON_CONDITIONS: readonly OrganizationFailOnCondition[] = [...FAIL_ON_CONDITIONS, NOT_AUDITED];
export const DEFAULT_ORGANIZATION_FAIL_ON: readonly OrganizationFailOnCondition[] = [...DEFAULT_FAIL_ON, NOT_AUDITED];

/** A comma-separated list of ORGANIZATION_FAIL_ON_CONDITIONS, or `none`. */
export function parseOrganizationFailOn(text: string): OrganizationFailOnCondition[] {
    const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
    const rest = items.filter((i) => i !== NOT_AUDITED);
    const notAudited: OrganizationFailOnCondition[] = items.includes(NOT_AUDITED) ? [NOT_AUDITED] : [];
    if (notAudited.length > 0 && rest.length === 0) {
        return notAudited;
    }
    try {
        return [...parseFailOn(rest.join(",")), ...notAudited];
    } catch (err) {
        throw new FailOnError((err as Error).message.replace(FAIL_ON_CONDITIONS.join(", "), ORGANIZATION_FAIL_ON_CONDITIONS.join(", ")));
    }
}

/** What the report holds of the chosen conditions, one line per account and condition; empty when the audit passes. */
export function organizationFailures(report: OrganizationReport, failOn: readonly OrganizationFailOnCondition[]): string[] {
    const accountConditions = failOn.filter((c): c is FailOnCondition => c !== NOT_AUDITED);
    return report.accounts.flatMap((a) => {
        if (a.status === "failed") {
            return failOn.includes(NOT_AUDITED) ? [`${a.accountId}: not-audited (${a.failure.reason})`] : [];
        }
        return failures(a, accountConditions).map((line) => `${a.accountId}: ${line}`);
    });
}
