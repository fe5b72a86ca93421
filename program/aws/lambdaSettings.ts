/**
 * The settings a Lambda job of the program receives in one environment variable (JSON), read on every invocation
 * with errors that name the variable and the rule, so a broken deployment fails loudly instead of acting.
 */
import { isCalendarDate } from "../../account";

export class SettingsReader {
    constructor(readonly variable: string) {}

    fail(rule: string): never {
        throw new Error(`${this.variable}: ${rule}`);
    }

    /** The variable's JSON value. */
    read(environment: Readonly<Record<string, string | undefined>>): any {
        const raw = environment[this.variable];
        if (raw === undefined) {
            this.fail("is not set");
        }
        try {
            return JSON.parse(raw);
        } catch {
            this.fail("is not JSON");
        }
    }

    text(value: unknown, key: string): string {
        if (typeof value !== "string" || value === "") {
            this.fail(`${key} must be a non-empty string, got ${JSON.stringify(value)}`);
        }
        return value;
    }

    /** A list of {name, reason, expiresOn?}, copied without other keys: the judgement decides whether one has expired. */
    exemptions(value: unknown): JobExemption[] {
        if (
            !Array.isArray(value) ||
            value.some((e) => typeof e?.name !== "string" || typeof e?.reason !== "string" || (e.expiresOn !== undefined && (typeof e.expiresOn !== "string" || !isCalendarDate(e.expiresOn))))
        ) {
            this.fail("exemptions must be a list of {name, reason, expiresOn?} (expiresOn a YYYY-MM-DD date)");
        }
        return value.map(jobExemption);
    }
}

/** A stack exemption as a job receives it: whom, why, and until when (absent: no end). */
export interface JobExemption {
    readonly name: string;
    readonly reason: string;
    readonly expiresOn?: string;
}

export function jobExemption(e: JobExemption): JobExemption {
    return { name: e.name, reason: e.reason, ...(e.expiresOn ? { expiresOn: e.expiresOn } : {}) };
}
