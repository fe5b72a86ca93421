/** Reading JSON input field by field: every rule it breaks is an AuditInputError naming the file and the place. */
import { AuditInputError } from "./auditInputError";

/** Helpers that read a JSON value field by field and name the place of whatever is wrong. */
export class JsonReader {
    constructor(readonly file: string) {}

    fail(place: string, rule: string): never {
        throw new AuditInputError(this.file, place, rule);
    }

    object(value: unknown, place: string): Record<string, unknown> {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            this.fail(place, `must be an object, found ${describe(value)}`);
        }
        return value as Record<string, unknown>;
    }

    /** A list, or [] when absent. */
    list(value: unknown, place: string): unknown[] {
        if (value === undefined || value === null) {
            return [];
        }
        if (!Array.isArray(value)) {
            this.fail(place, `must be a list, found ${describe(value)}`);
        }
        return value;
    }

    string(value: unknown, place: string): string {
        if (typeof value !== "string" || value === "") {
            this.fail(place, `must be a non-empty string, found ${describe(value)}`);
        }
        return value;
    }

    optionalString(value: unknown, place: string): string | undefined {
        return value === undefined || value === null ? undefined : this.string(value, place);
    }

    /** A timestamp: an ISO 8601 string (the AWS CLI) or a Date (AWS SDK v3); returned as ISO 8601. */
    optionalDate(value: unknown, place: string): string | undefined {
        if (value === undefined || value === null) {
            return undefined;
        }
        const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
        if (!date || Number.isNaN(date.getTime())) {
            this.fail(place, `must be an ISO 8601 date-time, found ${describe(value)}`);
        }
        return date.toISOString();
    }

    boolean(value: unknown, place: string): boolean {
        if (typeof value !== "boolean") {
            this.fail(place, `must be true or false, found ${describe(value)}`);
        }
        return value;
    }
}

export function describe(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (value === undefined) {
        return "nothing";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    if (typeof value === "string") {
        return value === "" ? "an empty string" : `"${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
    }
    return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

/** JSON.parse that reports the file and the position of a syntax error. */
export function parseJson(text: string, file: string): unknown {
    try {
        return JSON.parse(text);
    } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        throw new AuditInputError(file, "", `is not valid JSON (${detail})`);
    }
}
