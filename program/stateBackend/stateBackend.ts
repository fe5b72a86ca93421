/**
 * A Terraform-style remote state backend: a hardened, versioned S3 bucket and (for lockMode "dynamodb") a DynamoDB
 * lock table. Both are `protect`ed: deleting the state by accident is the one mistake that cannot be undone.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { stateDeleteGuardStatements } from "./stateDeleteGuard";
import { LockMode } from "./terraformBackendBlock";

export interface StateBackendArgs {
    readonly bucketName: string;
    /** SSE-KMS with this key; SSE-S3 when absent. */
    readonly kmsKeyArn?: string;
    readonly noncurrentVersionExpirationDays: number;
    readonly lockMode: LockMode;
    readonly lockTableName: string;
    /** Deletes and bucket-policy changes need fresh MFA (the state delete guard); undefined switches the guard off. */
    readonly deleteGuardMaxMfaAgeSeconds?: number;
    readonly tags: Readonly<Record<string, string>>;
}

/**
 * The bucket policy: TLS only, and no upload encrypted otherwise than the bucket's default. The upload rules deny a
 * header that is PRESENT (`Null` = "false") and different: Terraform sends the header only with `encrypt = true`,
 * and S3 applies the default encryption to uploads without it, so denying a missing header would break clients for
 * nothing (`StringNotEqualsIfExists` would: IfExists makes an absent key match), while a different algorithm or
 * key would weaken the encryption.
 */
export function stateBucketPolicyDocument(args: Pick<StateBackendArgs, "bucketName" | "kmsKeyArn" | "deleteGuardMaxMfaAgeSeconds">) {
    const bucket = `arn:aws:s3:::${args.bucketName}`;
    const statements: object[] = [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucket, `${bucket}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "DenyUploadsNotUsingTheBucketEncryption",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: `${bucket}/*`,
            Condition: {
                StringNotEquals: { "s3:x-amz-server-side-encryption": args.kmsKeyArn ? "aws:kms" : "AES256" },
                Null: { "s3:x-amz-server-side-encryption": "false" },
            },
        },
    ];
    if (args.kmsKeyArn) {
        statements.push({
            Sid: "DenyUploadsWithAnotherKmsKey",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: `${bucket}/*`,
            Condition: {
                StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": args.kmsKeyArn },
                Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
            },
        });
    }
    if (args.deleteGuardMaxMfaAgeSeconds !== undefined) {
        statements.push(...stateDeleteGuardStatements({ bucketName: args.bucketName, maxMfaAgeSeconds: args.deleteGuardMaxMfaAgeSeconds }));
    }
    return { Version: "2012-10-17", Statement: statements };
}

export class StateBackend extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly lockTable?: aws.dynamodb.Table;

    constructor(name: string, args: StateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:state:StateBackend", name, {}, opts);
        const tags = { ...args.tags };
        const child = { parent: this };
        this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: args.bucketName, forceDestroy: false, tags }, { parent: this, protect: true });
        const bucket = this.bucket.id;
        const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            child,
        );
        const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, child);
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket,
                rules: [
                    {
                        applyServerSideEncryptionByDefault: args.kmsKeyArn ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn } : { sseAlgorithm: "AES256" },
                        bucketKeyEnabled: true, // fewer KMS calls; harmless with SSE-S3
                    },
                ],
            },
            child,
        );
        const lifecycle = new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket,
                rules: [
                    {
                        id: "expire-noncurrent-state-versions",
                        status: "Enabled",
                        filter: {},
                        noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionExpirationDays },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            { parent: this, dependsOn: [versioning] },
        );
        new aws.s3.BucketPolicy(
            `${name}-policy`,
            { bucket, policy: JSON.stringify(stateBucketPolicyDocument(args)) },
            // Last: with the delete guard on, the policy denies PutBucketVersioning and PutLifecycleConfiguration
            // without fresh MFA, so on a first deployment versioning and lifecycle must be in place before it lands.
            { parent: this, dependsOn: [publicAccess, ownership, versioning, lifecycle] },
        );
        if (args.lockMode === "dynamodb") {
            this.lockTable = new aws.dynamodb.Table(
                `${name}-lock-table`,
                {
                    name: args.lockTableName,
                    billingMode: "PAY_PER_REQUEST",
                    hashKey: "LockID",
                    attributes: [{ name: "LockID", type: "S" }],
                    pointInTimeRecovery: { enabled: true },
                    serverSideEncryption: args.kmsKeyArn ? { enabled: true, kmsKeyArn: args.kmsKeyArn } : { enabled: true },
                    deletionProtectionEnabled: true,
                    tags,
                },
                { parent: this, protect: true },
            );
        }
        this.registerOutputs({ bucket: this.bucket.bucket, lockTable: this.lockTable?.name });
    }
}
