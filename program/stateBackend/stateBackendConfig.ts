/**
 * The state backend's part of the stack config: the state bucket, its key and lock, and the delete guard.
 */
import { z } from "zod";
import { broken, configPart, flag, integer, InputProblem, text } from "../configParts";
import { bucketNameProblem } from "../aws/s3BucketNames";
import { DEFAULT_STATE_DELETE_MAX_MFA_AGE_SECONDS } from "./stateDeleteGuard";

const KMS_KEY_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const DYNAMODB_TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

const stateBucketName = z.string(broken("must be a string")).superRefine((name, ctx) => {
    const rule = bucketNameProblem(name);
    if (rule) {
        ctx.addIssue({ code: "custom", message: `an S3 bucket name ${rule}, got ${JSON.stringify(name)}` });
    }
});

/** As lockTableName with lockMode s3: a key that would silently do nothing is an error. */
function lockTableWithS3Lock(input: Readonly<Record<string, unknown>>): InputProblem[] {
    return input.lockMode === "s3" && input.lockTableName !== undefined
        ? [{ path: ["lockTableName"], message: 'not used with lockMode "s3" (Terraform >= 1.10 locks in S3); remove it or use lockMode "dynamodb"' }]
        : [];
}

export const stateBackendConfig = configPart(
    {
        /** Unset: derived from the account id and region at deploy time. */
        stateBucketName: stateBucketName.optional(),
        stateKmsKeyArn: text(KMS_KEY_ARN, "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)").optional(),
        noncurrentVersionExpirationDays: integer(1, 36500).default(90),
        lockMode: z.enum(["dynamodb", "s3"], broken('must be "dynamodb" or "s3"')).default("dynamodb"),
        lockTableName: text(DYNAMODB_TABLE_NAME, "must be a DynamoDB table name (3-255 of letters, digits and _.-)").default("terraform-lock"),
        stateKey: text(/^[^\s/][\x21-\x7e]{0,1023}$/, "must be an S3 object key without spaces or a leading /").default("terraform.tfstate"),
        stateDeleteGuard: flag(true),
        stateDeleteMaxMfaAge: integer(60, 3600).default(DEFAULT_STATE_DELETE_MAX_MFA_AGE_SECONDS),
    },
    lockTableWithS3Lock,
);
