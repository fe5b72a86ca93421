/**
 * What an AWS error means for one account's audit: throttling is thrown again as `Throttled`, which the state machine
 * retries with backoff; a refusal is the account's failure, recorded, not a crash of the run.
 */

/** The error name the state machine's Retry matches (a Lambda function error's name is its type). */
export const THROTTLED_ERROR = "Throttled";

export class ThrottledError extends Error {
    constructor(message: string) {
        super(message);
        this.name = THROTTLED_ERROR;
    }
}

const THROTTLING = new Set(["Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "SlowDown"]);
const DENIED = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnrecognizedClientException", "InvalidClientTokenId"]);

interface AwsError {
    readonly name?: string;
    readonly message?: string;
    readonly $retryable?: { readonly throttling?: boolean };
}

export function isThrottling(err: unknown): boolean {
    const e = err as AwsError;
    return THROTTLING.has(e?.name ?? "") || e?.$retryable?.throttling === true;
}

export function isAccessDenied(err: unknown): boolean {
    return DENIED.has((err as AwsError)?.name ?? "");
}

export function errorText(err: unknown): string {
    const e = err as AwsError;
    return e?.name && e?.message ? `${e.name}: ${e.message}` : String(err);
}

/** The reason an error caught by the state machine (the item failed all its retries) is recorded with. */
export function caughtReason(errorName: string): "throttled" | "error" {
    return errorName === THROTTLED_ERROR ? "throttled" : "error";
}
