/**
 * When an exemption counts: the pack, the program, the audit and the daily job read it here (the account library
 * through the pack's evaluator module). An exemption may carry `grantedOn` and `expiresOn` (ISO dates, `YYYY-MM-DD`, UTC) and
 * who approved it: through its `expiresOn` day it counts; from the next day it is no exemption at all, and the user is
 * enrolled and judged like everyone. One without `expiresOn` is permanent — still honoured, so stacks written before
 * dates existed keep working, but reported (a warning at deploy) so it is reviewed and given an end.
 */

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date that exists: `2026-02-30` is refused. */
export function isCalendarDate(text: string): boolean {
    if (!ISO_DATE.test(text)) {
        return false;
    }
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Today in UTC, as exemptions write dates. */
export function utcDate(now: Date = new Date()): string {
    return now.toISOString().slice(0, 10);
}

export interface ExemptionTerms {
    readonly name: string;
    readonly expiresOn?: string;
}

export type ExemptionStatus = "active" | "expired" | "permanent";

export function exemptionStatus(exemption: ExemptionTerms, today: string): ExemptionStatus {
    if (exemption.expiresOn === undefined) {
        return "permanent";
    }
    // ISO dates compare as strings.
    return exemption.expiresOn < today ? "expired" : "active";
}

/** The exemptions that count today: every one not past its expiry. */
export function activeExemptions<E extends ExemptionTerms>(exemptions: readonly E[], today: string): E[] {
    return exemptions.filter((e) => exemptionStatus(e, today) !== "expired");
}
