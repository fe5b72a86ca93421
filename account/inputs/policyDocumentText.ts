/**
 * A policy document as get-account-authorization-details gives it: an object (the AWS CLI decodes documents), or a
 * string — URL-encoded JSON (RFC 3986) as the IAM API and AWS SDK v3 return it, or plain JSON text.
 */
import { AuditInputError } from "./auditInputError";
import { describe } from "./jsonReader";

export function decodePolicyDocument(value: unknown, file: string, place: string): Record<string, unknown> {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        return value as Record<string, unknown>;
    }
    if (typeof value !== "string" || value.trim() === "") {
        throw new AuditInputError(file, place, `must be a policy document (an object or URL-encoded JSON text), found ${describe(value)}`);
    }
    const trimmed = value.trim();
    let text = trimmed;
    if (!trimmed.startsWith("{")) {
        try {
            text = decodeURIComponent(trimmed);
        } catch {
            throw new AuditInputError(file, place, "is neither JSON nor URL-encoded JSON (a malformed %-escape)");
        }
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        throw new AuditInputError(file, place, `is not valid JSON once decoded (${detail})`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new AuditInputError(file, place, `must decode to a JSON object, found ${describe(parsed)}`);
    }
    return parsed as Record<string, unknown>;
}
