/** A step's AWS throttling, once the SDK's own retries are spent, thrown as `Throttled` for the state machine's longer backoff. */
import { errorText, isThrottling, ThrottledError } from "./auditErrors";

export async function throttledAsRetryable<T>(what: string, step: () => Promise<T>): Promise<T> {
    try {
        return await step();
    } catch (err) {
        throw isThrottling(err) ? new ThrottledError(`${what}: ${errorText(err)}`) : err;
    }
}
