/**
 * IAM ARNs as AWS resolves them when something is attached: a managed policy's ARN names its account (or `aws` for
 * AWS managed policies), its path and its name, and AWS attaches it only if that very policy exists. Names are unique
 * in an account whatever the path, so an ARN with the right name and another path names no policy at all.
 */

export interface PolicyArn {
    readonly partition: string;
    /** Twelve digits, or `aws` for an AWS managed policy. */
    readonly account: string;
    /** `/`, or `/a/b/`. */
    readonly path: string;
    readonly name: string;
}

const POLICY_ARN = /^arn:([\w-]+):iam::(\d{12}|aws):policy(\/(?:[^/]+\/)*)([\w+=,.@-]+)$/;

export function parsePolicyArn(arn: string): PolicyArn | undefined {
    const match = POLICY_ARN.exec(arn);
    return match ? { partition: match[1], account: match[2], path: match[3], name: match[4] } : undefined;
}

/** The account an IAM or STS ARN lives in, when it names one. */
export function accountOfArn(arn: string | undefined): string | undefined {
    return arn === undefined ? undefined : /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

/** An IAM path as AWS stores it: `/` or `/a/b/` (the providers default to `/`). */
export function normalizedIamPath(path: string | undefined): string {
    if (!path || path === "/") {
        return "/";
    }
    return `${path.startsWith("/") ? "" : "/"}${path}${path.endsWith("/") ? "" : "/"}`;
}
