/**
 * The Terraform state backend in the program: the hardened bucket and its lock (stateBackend.ts), with the delete
 * guard's statements in the bucket policy when it is on, and the `backend "s3"` block to paste into Terraform.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccountFacts } from "../accountFacts";
import { AccountChecks, Deployment, noFindings } from "../capability";
import { ForceMfaConfig } from "../stackConfig";
import { StateBackend } from "./stateBackend";
import { terraformBackendBlock } from "./terraformBackendBlock";

/** The stack outputs of the state backend; `lockTable` only with the DynamoDB lock. */
export interface StateBackendOutputs {
    readonly stateBucket: pulumi.Output<string>;
    readonly lockTable?: pulumi.Output<string>;
    readonly terraformBackend: string;
}

export function defaultStateBucketName(accountId: string, region: string): string {
    return `force-mfa-tfstate-${accountId}-${region}`;
}

/** Nothing of the state backend depends on the account beyond its id and region. */
export function checkStateBackend(_config: ForceMfaConfig, _account: AccountFacts): AccountChecks {
    return noFindings();
}

export function deployStateBackend(config: ForceMfaConfig, account: AccountFacts): Deployment<StateBackendOutputs, { state: StateBackend }> {
    const bucketName = config.stateBucketName ?? defaultStateBucketName(account.accountId, account.region);
    const state = new StateBackend("terraform-state", {
        bucketName,
        kmsKeyArn: config.stateKmsKeyArn,
        noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
        lockMode: config.lockMode,
        lockTableName: config.lockTableName,
        deleteGuardMaxMfaAgeSeconds: config.stateDeleteGuard ? config.stateDeleteMaxMfaAge : undefined,
        tags: config.tags,
    });
    const terraformBackend = terraformBackendBlock({
        bucket: bucketName,
        key: config.stateKey,
        region: account.region,
        lockMode: config.lockMode,
        lockTableName: config.lockMode === "dynamodb" ? config.lockTableName : undefined,
        kmsKeyArn: config.stateKmsKeyArn,
    });
    return {
        outputs: {
            stateBucket: state.bucket.bucket,
            ...(state.lockTable ? { lockTable: state.lockTable.name } : {}),
            terraformBackend,
        },
        nextSteps: [`Paste terraformBackend into your Terraform configuration and run terraform init -migrate-state.`],
        components: { state },
    };
}
