/**
 * IAM's size quotas on policy documents, in characters with whitespace not counted (IAM's own measure): AWS refuses
 * a larger document at `pulumi up` (LimitExceeded), so it is never created and denies nothing.
 */
export const QUOTAS = {
    /** A customer managed policy (also as a permissions boundary). */
    managedPolicy: 6144,
    /** All inline policies of one user together. */
    userInline: 2048,
    /** All inline policies of one group together. */
    groupInline: 5120,
    /** All inline policies of one role together. */
    roleInline: 10240,
    /** A role's trust policy: 2,048 unless the quota "Role trust policy length" is raised, to at most 4,096. */
    trustDefault: 2048,
    trustRaised: 4096,
} as const;

/** The length IAM checks against its quotas: the JSON text without whitespace; undefined when not known. */
export function documentLength(document: unknown): number | undefined {
    if (typeof document === "string") {
        return document.replace(/\s/g, "").length;
    }
    if (typeof document === "object" && document !== null) {
        // Only JSON values have a length: a class instance stands for a document read in part (values unknown).
        const prototype = Object.getPrototypeOf(document);
        if (prototype !== null && prototype !== Object.prototype && prototype !== Array.prototype) {
            return undefined;
        }
        return (JSON.stringify(document) ?? "").replace(/\s/g, "").length;
    }
    return undefined;
}

/** "6,144" */
export function characters(n: number): string {
    return n.toLocaleString("en-US");
}
