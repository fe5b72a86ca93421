/**
 * What one Deny statement covers in one request context: the actions it denies everywhere, or somewhere, and why not
 * more; and the marks the deny analysis adds them up in.
 */

export interface StatementCoverage {
    /** 1 where the statement denies the action for every resource in the context; undefined when it never applies. */
    readonly denied?: Uint8Array;
    /** 1 where the statement denies the action on SOME resources only (it applies, but its resources are scoped). */
    readonly deniedSomewhere?: Uint8Array;
    /**
     * For naming an escaping action only, never for verdicts: 1 where the scoped statement probably denies the action
     * on all of its resources, judged by the service of the ARN patterns (a deny on `arn:aws:s3:::prod-*` does not
     * touch ec2:RunInstances; a deny on everything but `arn:aws:s3:::logs/*` leaves only s3 actions a way through).
     */
    readonly probablyDenied?: Uint8Array;
    /** Why the statement does not (fully) apply in this context. */
    readonly gap?: string;
}

/** Every coverage in one shape (absent parts undefined): compute reads thousands of them. */
export function coverage(parts: StatementCoverage): StatementCoverage {
    return { denied: parts.denied, deniedSomewhere: parts.deniedSomewhere, probablyDenied: parts.probablyDenied, gap: parts.gap };
}

/** Per action of the catalog, 1 where some statement of the documents under evaluation denies it. */
export interface DenyMarks {
    readonly denied: Uint8Array;
    readonly deniedSomewhere: Uint8Array;
    readonly probablyDenied: Uint8Array;
}

export function orInto(target: Uint8Array, bits: Uint8Array): void {
    for (let i = 0; i < bits.length; i++) {
        target[i] |= bits[i];
    }
}
