/**
 * Bucket-policy statements that make destructive operations on the Terraform state bucket require MFA that is present
 * and younger than `maxMfaAgeSeconds` (config `stateDeleteMaxMfaAge`, default 300 s). They join the state bucket's
 * policy (stateBackend.ts) when `stateDeleteGuard` is on.
 *
 * What stays allowed without MFA (given an identity policy that allows it): Terraform's normal work —
 * s3:GetObject, s3:PutObject and s3:ListBucket on the state — and the deletion of lock files. With
 * `use_lockfile = true` Terraform takes its lock by writing `<key>.tflock` and releases it with s3:DeleteObject on that
 * object; S3 object ARNs are `arn:aws:s3:::<bucket>/<key>`, so the object-delete deny lists
 * `arn:aws:s3:::<bucket>/*.tflock` in NotResource (`*` in an ARN pattern spans "/", so nested keys match too). Deleting
 * a lock file only adds a delete marker in the versioned bucket; removing a version of it still needs fresh MFA.
 *
 * Guarded beyond the five obvious actions (s3:DeleteObject, s3:DeleteObjectVersion, s3:DeleteBucket,
 * s3:PutBucketPolicy, s3:PutBucketVersioning): s3:DeleteBucketPolicy — otherwise the guard itself is one unguarded
 * call away from removal — and s3:PutLifecycleConfiguration (also the permission of DeleteBucketLifecycle), since a
 * lifecycle rule expiring every version deletes the state as surely as DeleteObjectVersion.
 *
 * Two denies per group, each sufficient on its own for requests without MFA:
 *   - `BoolIfExists aws:MultiFactorAuthPresent "false"`: sessions signed in without MFA (and, through IfExists,
 *     requests where the key is absent: long-term access keys);
 *   - `NumericGreaterThanIfExists aws:MultiFactorAuthAge <n>`: stale MFA; IfExists also denies when the key is absent
 *     (no MFA at all), so MFA must be present AND fresh.
 *
 * Lock-out: the guard applies to every principal, including the one running `pulumi up`. Changing the bucket policy,
 * versioning or lifecycle (every `pulumi up` that touches them) needs credentials obtained with MFA in the last
 * `n` seconds. The root user of the bucket-owner account can always put or delete a bucket policy, whatever it says:
 * that is the way back.
 */

export const DEFAULT_STATE_DELETE_MAX_MFA_AGE_SECONDS = 300;

/** Object deletes: guarded everywhere except on Terraform lock files. */
export const GUARDED_OBJECT_DELETE_ACTIONS = ["s3:DeleteObject"] as const;
/** Version deletes and bucket-level changes: guarded on the bucket and every object. */
export const GUARDED_BUCKET_ACTIONS = [
    "s3:DeleteObjectVersion",
    "s3:DeleteBucket",
    "s3:PutBucketPolicy",
    "s3:DeleteBucketPolicy",
    "s3:PutBucketVersioning",
    "s3:PutLifecycleConfiguration",
] as const;

export const LOCK_FILE_SUFFIX = ".tflock";

export interface GuardStatement {
    Sid: string;
    Effect: "Deny";
    Principal: "*";
    Action: string[];
    Resource?: string[];
    NotResource?: string[];
    Condition: Record<string, Record<string, string>>;
}

export interface StateDeleteGuardOptions {
    bucketName: string;
    /** MFA older than this many seconds is stale. */
    maxMfaAgeSeconds?: number;
}

export function stateDeleteGuardStatements(options: StateDeleteGuardOptions): GuardStatement[] {
    const maxAge = options.maxMfaAgeSeconds ?? DEFAULT_STATE_DELETE_MAX_MFA_AGE_SECONDS;
    if (!Number.isInteger(maxAge) || maxAge <= 0) {
        throw new Error(`stateDeleteMaxMfaAge must be a positive integer number of seconds, got ${maxAge}`);
    }
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(options.bucketName)) {
        throw new Error(`"${options.bucketName}" is not an S3 bucket name`);
    }
    const bucket = `arn:aws:s3:::${options.bucketName}`;
    const lockFiles = `${bucket}/*${LOCK_FILE_SUFFIX}`;
    const noMfa = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } };
    const staleMfa = { NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": String(maxAge) } };
    return [
        {
            Sid: "DenyStateObjectDeleteWithoutMfa",
            Effect: "Deny",
            Principal: "*",
            Action: [...GUARDED_OBJECT_DELETE_ACTIONS],
            NotResource: [lockFiles],
            Condition: noMfa,
        },
        {
            Sid: "DenyStateObjectDeleteWithStaleMfa",
            Effect: "Deny",
            Principal: "*",
            Action: [...GUARDED_OBJECT_DELETE_ACTIONS],
            NotResource: [lockFiles],
            Condition: staleMfa,
        },
        {
            Sid: "DenyStateVersionDeleteAndBucketChangesWithoutMfa",
            Effect: "Deny",
            Principal: "*",
            Action: [...GUARDED_BUCKET_ACTIONS],
            Resource: [bucket, `${bucket}/*`],
            Condition: noMfa,
        },
        {
            Sid: "DenyStateVersionDeleteAndBucketChangesWithStaleMfa",
            Effect: "Deny",
            Principal: "*",
            Action: [...GUARDED_BUCKET_ACTIONS],
            Resource: [bucket, `${bucket}/*`],
            Condition: staleMfa,
        },
    ];
}
