/**
 * Wires the detective controls and privileged access into the program: detection (MfaDetection + MfaConfigRules) and the admin role,
 * each behind its switch. The state delete guard is not here: its statements join the state bucket's policy in
 * stateBackend.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    adminRoleTrustDocument,
    iamUserArn,
    MfaAdminRole,
    policyLength,
    TRUST_POLICY_DEFAULT_MAX_LENGTH,
    TRUST_POLICY_QUOTA_MAX_LENGTH,
    trustPolicyLengthVerdict,
} from "./privilegedAccess/adminRole";
import { MfaConfigRules } from "./detection/configRules";
import { MfaDetection } from "./detection/mfaDetection";
import { defaultConfigBucketName, defaultTrailBucketName, DetectionSettings, kmsKeyRegionProblem } from "./detection/detectionConfig";
import { AdminRoleSettings, ENFORCED_GROUP_USERS } from "./privilegedAccess/adminRoleConfig";

/** The settings this wiring reads: the `detection` and `adminRole` keys of the stack config. */
export interface DetectionAndAccessSettings {
    readonly detection: DetectionSettings;
    readonly adminRole: AdminRoleSettings;
}

export interface KnownUser {
    name: string;
    /** IAM path, "/" by default. */
    path?: string;
    /** The ARN when known from aws.iam.getUsers; otherwise built from account id, path and name. */
    arn?: string;
}

export interface DetectionContext {
    /** From aws.getCallerIdentity() / aws.getRegion(): invokes, so known during preview. */
    accountId: pulumi.Input<string>;
    region: pulumi.Input<string>;
    enforcedGroupName: string;
    /** Every IAM user the program knows: declared in config and found in the account. Known during preview. */
    users: pulumi.Input<KnownUser[]>;
    /** Names of the users the program puts in the enforced group (exemptions left out). */
    enrolledUserNames: pulumi.Input<string[]>;
    /** User resources this program creates; the admin role depends on them (IAM rejects a trust naming a missing user). */
    createdUsers: pulumi.Resource[];
    tags?: Record<string, string>;
}

export interface DetectionOutputs {
    alarmTopicArn?: pulumi.Output<string>;
    consoleSignInAlarmName?: pulumi.Output<string>;
    configRuleNames?: pulumi.Output<string[]>;
    adminRoleArn?: pulumi.Output<string>;
    adminRoleAssumeCommand?: pulumi.Output<string>;
    adminRoleCliProfile?: pulumi.Output<string>;
    /** Every component registered, for tests. */
    components: pulumi.ComponentResource[];
}

/** The ARNs the admin role trusts, resolved from config names (or the enforced group) against the known users. */
export function resolveTrustedUserArns(
    accountId: string,
    trustedUsers: DetectionAndAccessSettings["adminRole"]["trustedUsers"],
    users: KnownUser[],
    enrolledUserNames: string[],
): string[] {
    // IAM user names are unique regardless of case; the ARN keeps the account's spelling.
    const byName = new Map(users.map((u) => [u.name.toLowerCase(), u]));
    const names = trustedUsers === ENFORCED_GROUP_USERS ? enrolledUserNames : trustedUsers;
    if (names.length === 0) {
        throw new Error(`adminRole.trustedUsers: "${ENFORCED_GROUP_USERS}" has no members to trust; name the users or add users to the group`);
    }
    return names.map((name) => {
        const user = byName.get(name.toLowerCase());
        if (!user) {
            throw new Error(`adminRole.trustedUsers: "${name}" is neither declared in config nor an existing IAM user of the account`);
        }
        return user.arn ?? iamUserArn(accountId, user.name, user.path ?? "/");
    });
}

export interface AccountChecks {
    /** Config errors only the account facts reveal: the deployment must stop before registering anything. */
    problems: string[];
    /** Worth a `pulumi.log.warn`, not a stop. */
    warnings: string[];
}

/**
 * The checks of detection and privileged access that need the account (region, users): the detection key's region, the admin role's trusted
 * users and the length of its trust policy. Pure; deployForceMfa runs it before any resource is registered.
 */
export function checkAgainstAccount(
    settings: DetectionAndAccessSettings,
    account: { accountId: string; region: string; users: KnownUser[]; enrolledUserNames: string[] },
): AccountChecks {
    const checks: AccountChecks = { problems: [], warnings: [] };
    const { detection, adminRole } = settings;
    if (detection.enabled && detection.kmsKeyArn !== undefined) {
        const problem = kmsKeyRegionProblem(detection.kmsKeyArn, account.region);
        if (problem) {
            checks.problems.push(problem);
        }
    }
    if (adminRole.enabled) {
        let arns: string[];
        try {
            arns = resolveTrustedUserArns(account.accountId, adminRole.trustedUsers, account.users, account.enrolledUserNames);
        } catch (err) {
            checks.problems.push((err as Error).message);
            return checks;
        }
        // The trust names every trusted user's ARN, so its length grows with the list.
        const length = policyLength(adminRoleTrustDocument({ trustedUserArns: arns, maxMfaAgeSeconds: adminRole.maxMfaAgeSeconds }));
        const verdict = trustPolicyLengthVerdict(length);
        if (verdict === "too-long") {
            checks.problems.push(
                `adminRole.trustedUsers: the admin role's trust policy would be ${length} characters (whitespace not counted), over the ${TRUST_POLICY_QUOTA_MAX_LENGTH} IAM allows ` +
                    `even with the quota "Role trust policy length" raised — name fewer users (the administrators rather than "${ENFORCED_GROUP_USERS}")`,
            );
        } else if (verdict === "needs-quota") {
            checks.warnings.push(
                `adminRole.trustedUsers: the admin role's trust policy is ${length} characters (whitespace not counted), over IAM's default limit of ${TRUST_POLICY_DEFAULT_MAX_LENGTH}: ` +
                    `pulumi up fails to create or update the role unless the IAM quota "Role trust policy length" is raised (Service Quotas, up to ${TRUST_POLICY_QUOTA_MAX_LENGTH}), or fewer users are named`,
            );
        }
    }
    return checks;
}

export function deployDetectionAndAccess(settings: DetectionAndAccessSettings, ctx: DetectionContext): DetectionOutputs {
    const outputs: DetectionOutputs = { components: [] };
    const { detection, adminRole } = settings;
    const accountId = pulumi.output(ctx.accountId);
    const region = pulumi.output(ctx.region);

    if (detection.enabled) {
        // Bucket names default to <prefix>-<account>-<region>; account id and region come from invokes, so the names
        // (and the bucket policies built from them) are known during preview.
        const alerts = new MfaDetection("detection", {
            accountId,
            region,
            cloudTrailLogGroupName: detection.cloudTrailLogGroupName,
            trail: detection.createTrail
                ? {
                      name: detection.trailName,
                      bucketName: detection.trailBucketName ?? pulumi.all([accountId, region]).apply(([id, r]) => defaultTrailBucketName(id, r)),
                      logGroupName: detection.trailLogGroupName,
                      logRetentionDays: detection.logRetentionDays,
                      noncurrentVersionExpirationDays: detection.logRetentionDays,
                  }
                : undefined,
            alarmEmails: detection.alarmEmails,
            metricNamespace: detection.metricNamespace,
            alarmPeriodSeconds: detection.alarmPeriodSeconds,
            topicName: detection.topicName,
            kmsKeyArn: detection.kmsKeyArn,
            tags: ctx.tags,
        });
        outputs.components.push(alerts);
        if (detection.alarmEmails.length === 0) {
            // Not an error: the topic may be subscribed outside this stack (chat, paging, a ticket queue).
            pulumi.log.warn(
                `detection.alarmEmails is empty: the alarm and the Config findings go to the topic ${detection.topicName}, but nobody is notified ` +
                    "until the topic has a subscriber — add addresses, or subscribe another endpoint to it",
                alerts,
            );
        }
        outputs.alarmTopicArn = alerts.topicArn;
        outputs.consoleSignInAlarmName = alerts.alarm.name;

        if (detection.configRules.enabled) {
            const rules = new MfaConfigRules("config-rules", {
                accountId,
                namePrefix: "force-mfa",
                enforcedGroupName: ctx.enforcedGroupName,
                maximumExecutionFrequency: detection.configRules.maximumExecutionFrequency,
                topicArn: alerts.topicArn,
                recorder: detection.configRules.createRecorder
                    ? {
                          bucketName:
                              detection.configRules.deliveryBucketName ?? pulumi.all([accountId, region]).apply(([id, r]) => defaultConfigBucketName(id, r)),
                          noncurrentVersionExpirationDays: 365,
                      }
                    : undefined,
                tags: ctx.tags,
            });
            outputs.components.push(rules);
            outputs.configRuleNames = pulumi.output(rules.rules.map((r) => r.name));
        }
    }

    if (adminRole.enabled) {
        const trustedUserArns = pulumi
            .all([accountId, ctx.users, ctx.enrolledUserNames])
            .apply(([id, users, enrolled]) => resolveTrustedUserArns(id, adminRole.trustedUsers, users, enrolled));
        const role = new MfaAdminRole("admin", {
            accountId,
            roleName: adminRole.name,
            trustedUserArns,
            maxMfaAgeSeconds: adminRole.maxMfaAgeSeconds,
            maxSessionDurationSeconds: adminRole.maxSessionDurationSeconds,
            policyArn: adminRole.policyArn,
            userDependencies: ctx.createdUsers,
            tags: ctx.tags,
        });
        outputs.components.push(role);
        outputs.adminRoleArn = role.roleArn;
        outputs.adminRoleAssumeCommand = role.assumeRoleCommand;
        outputs.adminRoleCliProfile = role.cliProfile;
    }
    return outputs;
}
