/**
 * A private, encrypted, versioned S3 bucket for audit evidence: detection's CloudTrail trail and AWS Config delivery
 * channel, the enrollment window's records and reports. The service-specific statements come from the caller; this
 * file adds the TLS-only deny and all the hardening settings every such bucket shares.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal: unknown;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface AuditBucketArgs {
    /** Bucket name: a plain value (config, or derived from the account id and region, which invokes return during preview). */
    bucketName: pulumi.Input<string>;
    /**
     * Statements granting the delivering service access, built by the caller from plain values (bucket name, account id
     * from an invoke, region) so that the policy is known during preview.
     */
    serviceStatements: pulumi.Input<PolicyStatement[]>;
    /** Days after which noncurrent object versions expire. */
    noncurrentVersionExpirationDays: number;
    tags?: Record<string, string>;
}

export function bucketArn(bucketName: string): string {
    return `arn:aws:s3:::${bucketName}`;
}

/** The full bucket policy document: the caller's service statements plus a deny of every non-TLS request. */
export function auditBucketPolicyDocument(bucketName: string, serviceStatements: PolicyStatement[]): { Version: string; Statement: PolicyStatement[] } {
    const arn = bucketArn(bucketName);
    return {
        Version: "2012-10-17",
        Statement: [
            ...serviceStatements,
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [arn, `${arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}

/**
 * The bucket and its settings, registered as children of `parent`. Returns the resources so that the caller can make
 * the service resource (trail, delivery channel) depend on the policy: both services check the bucket policy when
 * they are created and refuse to be created without it.
 */
export function createAuditBucket(name: string, args: AuditBucketArgs, parent: pulumi.Resource) {
    // Retained when removed from the program (createTrail / createRecorder / detection switched off, or destroy): the
    // logs are audit evidence, and a versioned bucket holding objects (forceDestroy false) cannot be deleted anyway —
    // the update would fail with BucketNotEmpty. The settings are retained with it: deleting them would suspend
    // versioning, lift the public access block and drop the TLS-only policy of the bucket that stays.
    const opts: pulumi.CustomResourceOptions = { parent, retainOnDelete: true };
    const bucket = new aws.s3.Bucket(name, { bucket: args.bucketName, forceDestroy: false, tags: args.tags }, opts);
    const ownership = new aws.s3.BucketOwnershipControls(
        `${name}-ownership`,
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        opts,
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access-block`,
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        opts,
    );
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }] },
        opts,
    );
    const lifecycle = new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "expire-noncurrent-versions",
                    status: "Enabled",
                    filter: {},
                    noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionExpirationDays },
                },
            ],
        },
        { ...opts, dependsOn: [versioning] },
    );
    const policy = new aws.s3.BucketPolicy(
        `${name}-policy`,
        {
            bucket: bucket.id,
            policy: pulumi
                .all([args.bucketName, args.serviceStatements])
                .apply(([bucketName, statements]) => JSON.stringify(auditBucketPolicyDocument(bucketName, statements as PolicyStatement[]))),
        },
        // The public access block first: a policy naming a service principal is not public, but ordering keeps a
        // failed first deployment from ever leaving the bucket without its blocks.
        { ...opts, dependsOn: [publicAccessBlock, ownership] },
    );
    return { bucket, ownership, publicAccessBlock, versioning, encryption, lifecycle, policy };
}
