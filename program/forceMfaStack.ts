/**
 * The whole program as a function of validated config and the facts read from the account, so tests can run it
 * under mocks as often as they like. Config is validated before this runs, so nothing is half-created.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { deployEnrollmentWindow, enrollmentWindowProblems } from "./compliance/enrollmentWindowStack";
import { ConfigError, ForceMfaConfig } from "./config";
import { checkAgainstAccount, deployDetectionAndAccess, KnownUser } from "./detectionAndAccess";
import { enrollmentAllowList, forceMfaPolicyDocument } from "./enforcement/forceMfaPolicyDocument";
import { enrolledUserNames, MfaEnforcement } from "./enforcement/mfaEnforcement";
import { lookUpOrganization, OrganizationFacts, prepareOrganization } from "./organization/organizationStack";
import { StateBackend } from "./stateBackend/stateBackend";
import { terraformBackendBlock } from "./stateBackend/terraformBackendBlock";

export interface ExistingUser {
    readonly name: string;
    readonly path: string;
    readonly arn: string;
}

export interface AccountFacts {
    readonly accountId: string;
    /** `aws`, `aws-cn`, `aws-us-gov`, … read off the caller's ARN. */
    readonly partition?: string;
    readonly region: string;
    readonly existingUsers: readonly ExistingUser[];
    /** Read only for a stack with an organization section (the management account's). */
    readonly organization?: OrganizationFacts;
}

/** `arn:aws:iam::123456789012:user/eng/alice` → path `/eng/`. */
export function pathOfUserArn(arn: string): string {
    const resource = arn.split(":").slice(5).join(":");
    const segments = resource.split("/");
    return segments.length > 2 ? `/${segments.slice(1, -1).join("/")}/` : "/";
}

/** Reads what the program needs from the account. Invokes run during preview too, so all of this is known then. */
export async function lookUpAccount(options: { organization?: boolean } = {}): Promise<AccountFacts> {
    const [identity, region, users, organization] = await Promise.all([
        aws.getCallerIdentity({}),
        aws.getRegion({}),
        aws.iam.getUsers({}),
        options.organization ? lookUpOrganization() : undefined,
    ]);
    return {
        ...(organization ? { organization } : {}),
        accountId: identity.accountId,
        partition: identity.arn.split(":")[1],
        region: region.region,
        existingUsers: users.names.map((name, i) => ({ name, arn: users.arns[i], path: pathOfUserArn(users.arns[i] ?? "") })),
    };
}

export function defaultStateBucketName(accountId: string, region: string): string {
    return `force-mfa-tfstate-${accountId}-${region}`;
}

/** The account is in a partition whose ARNs this program does not build (it writes `arn:aws:` throughout). */
export class UnsupportedPartitionError extends Error {
    constructor(partition: string) {
        super(`this account is in the "${partition}" partition; force-mfa builds its policies for the commercial "aws" partition only, so nothing was created`);
        this.name = "UnsupportedPartitionError";
    }
}

export function deployForceMfa(config: ForceMfaConfig, account: AccountFacts) {
    if (account.partition !== undefined && account.partition !== "aws") {
        // Policies with arn:aws: resources would silently match nothing in aws-cn or aws-us-gov.
        throw new UnsupportedPartitionError(account.partition);
    }
    // The organization section (management account only) is checked against the organization before anything exists.
    const deployOrganization = prepareOrganization(config, account);
    // Users declared here also show up in getUsers once created: the union below counts each once.
    const known = new Set([...account.existingUsers.map((u) => u.name), ...config.users.map((u) => u.name)].map((name) => name.toLowerCase()));
    for (const exemption of config.exemptions) {
        if (!known.has(exemption.name.toLowerCase())) {
            pulumi.log.warn(`exemption "${exemption.name}" names no user of the account or of this stack; it has no effect until such a user exists`);
        }
    }

    const users: KnownUser[] = [
        ...account.existingUsers.map((u) => ({ name: u.name, path: u.path, arn: u.arn })),
        ...config.users.map((u) => ({ name: u.name, path: u.path })),
    ];
    // The detection key's region and who the admin role trusts depend on the account: checked now, before anything
    // is registered.
    const checks = checkAgainstAccount(config, {
        accountId: account.accountId,
        region: account.region,
        users,
        enrolledUserNames: enrolledUserNames(config.users, account.existingUsers.map((u) => u.name), config.exemptions),
    });
    checks.problems.push(...enrollmentWindowProblems(config, account));
    if (checks.problems.length > 0) {
        throw new ConfigError(checks.problems);
    }
    checks.warnings.forEach((warning) => pulumi.log.warn(warning));

    const enforcement = new MfaEnforcement("force-mfa", {
        policyName: config.policyName,
        policyDocument: forceMfaPolicyDocument(config),
        groupName: config.enforcedGroupName,
        declaredUsers: config.users,
        existingUserNames: account.existingUsers.map((u) => u.name),
        exemptions: config.exemptions,
        tags: config.tags,
    });

    const bucketName = config.stateBucketName ?? defaultStateBucketName(account.accountId, account.region);
    const guard = config.stateDeleteGuard;
    const state = new StateBackend("terraform-state", {
        bucketName,
        kmsKeyArn: config.stateKmsKeyArn,
        noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
        lockMode: config.lockMode,
        lockTableName: config.lockTableName,
        deleteGuardMaxMfaAgeSeconds: guard ? config.stateDeleteMaxMfaAge : undefined,
        tags: config.tags,
    });

    const detection = deployDetectionAndAccess(config, {
        accountId: account.accountId,
        region: account.region,
        enforcedGroupName: config.enforcedGroupName,
        users,
        enrolledUserNames: enforcement.enrolledUsers,
        createdUsers: enforcement.users,
        tags: config.tags,
    });

    const enrollmentWindow = deployEnrollmentWindow(config, account, detection);

    const terraformBackend = terraformBackendBlock({
        bucket: bucketName,
        key: config.stateKey,
        region: account.region,
        lockMode: config.lockMode,
        lockTableName: config.lockMode === "dynamodb" ? config.lockTableName : undefined,
        kmsKeyArn: config.stateKmsKeyArn,
    });

    return {
        policyArn: enforcement.policy.arn,
        groupName: enforcement.group.name,
        enrolledUsers: enforcement.enrolledUsers,
        exemptions: config.exemptions.map((e) => ({ name: e.name, reason: e.reason })),
        allowedWithoutMfa: enrollmentAllowList(config.allowPasswordChangeWithoutMfa),
        stateBucket: state.bucket.bucket,
        lockTable: state.lockTable?.name,
        region: account.region,
        terraformBackend,
        alarmTopicArn: detection.alarmTopicArn,
        consoleSignInAlarmName: detection.consoleSignInAlarmName,
        configRuleNames: detection.configRuleNames,
        adminRoleArn: detection.adminRoleArn,
        adminRoleAssumeCommand: detection.adminRoleAssumeCommand,
        adminRoleCliProfile: detection.adminRoleCliProfile,
        enrollmentWindowFunction: enrollmentWindow.enrollmentWindowFunction,
        auditBucket: enrollmentWindow.auditBucket,
        nextSteps: [
            `Every enrolled user must now sign in and enroll an MFA device (IAM console → Security credentials → Assign MFA device); until then only enrollment works.`,
            `CLI users: aws sts get-session-token --serial-number arn:aws:iam::${account.accountId}:mfa/<device> --token-code <code>, or a profile with mfa_serial.`,
            `Paste terraformBackend into your Terraform configuration and run terraform init -migrate-state.`,
            `Enforce the force-mfa-guard policy pack on every stack: pulumi preview --policy-pack ./policy-pack.`,
            ...enrollmentWindow.nextSteps,
        ],
        ...(deployOrganization ? { organization: deployOrganization() } : {}),
        _components: { enforcement, state, detection, enrollmentWindow: enrollmentWindow.component },
    };
}
