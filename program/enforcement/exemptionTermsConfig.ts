/**
 * The terms every exemption of the stack config may carry — a reason, who approved it, its ticket, when it was granted
 * and the last day it counts — written once: the users' `exemptions` and the organization SCP's `exemptUserArns`
 * both build their entries from it, so an auditor reads the same terms, checked by the same rules, everywhere.
 * What the dates mean is the pack's (verdicts/exemptionTerms.ts).
 */
import { z } from "zod";
import { isCalendarDate, ISO_DATE } from "../../account";
import { broken, text } from "../configParts";

const date = (what: string) => text(ISO_DATE, `must be an ISO date (YYYY-MM-DD), ${what}`).refine((v) => !ISO_DATE.test(v) || isCalendarDate(v), broken("must be a date that exists")); // a wrong shape is reported once, above

/** The keys of the terms, beside the key that names whom the exemption is for. */
export const exemptionTermsShape = {
    // Judged with the name (the message names whom the exemption is for), by exemptionTermsProblems.
    reason: z.unknown().optional(),
    /** Who approved it and the ticket that records it: shown to auditors with the reason. */
    approvedBy: text(/\S/, "must be a non-empty name").optional(),
    ticket: text(/\S/, "must be a non-empty ticket reference").optional(),
    grantedOn: date("the day the exemption was granted").optional(),
    /** The last day it counts; left out, the exemption is permanent (a warning at every deploy). */
    expiresOn: date("the last day the exemption counts").optional(),
};

/** The keys of an exemption's object form, for messages: `reason, approvedBy?, ticket?, grantedOn?, expiresOn?`. */
export const EXEMPTION_TERMS_KEYS = "reason, approvedBy?, ticket?, grantedOn?, expiresOn?";

type WrittenTerms = { reason?: unknown; approvedBy?: string; ticket?: string; grantedOn?: string; expiresOn?: string };

export interface ExemptionTermsText {
    readonly reason: string;
    readonly approvedBy?: string;
    readonly ticket?: string;
    readonly grantedOn?: string;
    readonly expiresOn?: string;
}

/** The rules across the terms: a non-empty reason (auditors read it), an end not before the start. `whom` is quoted. */
export function exemptionTermsProblems(item: WrittenTerms, whom: string): { path: string[]; message: string }[] {
    const problems: { path: string[]; message: string }[] = [];
    if (typeof item.reason !== "string" || item.reason.trim() === "") {
        problems.push({ path: ["reason"], message: `an exemption of "${whom}" needs a non-empty reason (it is shown to auditors)` });
    }
    if (typeof item.grantedOn === "string" && typeof item.expiresOn === "string" && isCalendarDate(item.grantedOn) && isCalendarDate(item.expiresOn) && item.expiresOn < item.grantedOn) {
        problems.push({ path: ["expiresOn"], message: `the exemption of "${whom}" would end (${item.expiresOn}) before it was granted (${item.grantedOn})` });
    }
    return problems;
}

/** The terms as the program keeps them: the reason trimmed, and only the terms given, so an undated one reads as before. */
export function exemptionTermsOf(item: WrittenTerms): ExemptionTermsText {
    return {
        reason: String(item.reason).trim(),
        ...(item.approvedBy !== undefined ? { approvedBy: item.approvedBy.trim() } : {}),
        ...(item.ticket !== undefined ? { ticket: item.ticket.trim() } : {}),
        ...(item.grantedOn !== undefined ? { grantedOn: item.grantedOn } : {}),
        ...(item.expiresOn !== undefined ? { expiresOn: item.expiresOn } : {}),
    };
}

/** The refinement's `when`: the terms are judged once the entry is an object (a non-object is refused by its shape). */
export const whenObject = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value) };
