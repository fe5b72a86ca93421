/**
 * Detection in the program: the console sign-in alarm with its topic (mfaDetection.ts) and the AWS Config MFA rules
 * (configRules.ts), each behind its switch, checked against the account's region first.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccountFacts } from "../accountFacts";
import { AccountChecks, Deployment } from "../capability";
import { ForceMfaConfig } from "../stackConfig";
import { MfaConfigRules } from "./configRules";
import { defaultConfigBucketName, defaultTrailBucketName, kmsKeyRegionProblem } from "./detectionConfig";
import { MfaDetection } from "./mfaDetection";

/** The stack outputs of detection: none while it is off, no `configRuleNames` while its Config rules are. */
export interface DetectionOutputs {
    readonly alarmTopicArn?: pulumi.Output<string>;
    readonly consoleSignInAlarmName?: pulumi.Output<string>;
    readonly configRuleNames?: pulumi.Output<string[]>;
}

export interface DetectionComponents {
    /** The alarm and the alert topic the enrollment window announces to. */
    readonly detection?: MfaDetection;
    readonly configRules?: MfaConfigRules;
}

/** SNS encrypts a topic only with a key of its own region, and the stack's region is an account fact. */
export function checkDetection(config: ForceMfaConfig, account: AccountFacts): AccountChecks {
    const { detection } = config;
    const problem = detection.enabled && detection.kmsKeyArn !== undefined ? kmsKeyRegionProblem(detection.kmsKeyArn, account.region) : undefined;
    return { problems: problem ? [problem] : [], warnings: [] };
}

export function deployDetection(config: ForceMfaConfig, account: AccountFacts): Deployment<DetectionOutputs, DetectionComponents> {
    const { detection } = config;
    if (!detection.enabled) {
        return { outputs: {}, nextSteps: [], components: {} };
    }
    const accountId = pulumi.output(account.accountId);
    const region = pulumi.output(account.region);
    // Bucket names default to <prefix>-<account>-<region>; account id and region come from invokes, so the names (and
    // the bucket policies built from them) are known during preview.
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
        tags: config.tags,
    });
    if (detection.alarmEmails.length === 0) {
        // Not an error: the topic may be subscribed outside this stack (chat, paging, a ticket queue).
        pulumi.log.warn(
            `detection.alarmEmails is empty: the alarm and the Config findings go to the topic ${detection.topicName}, but nobody is notified ` +
                "until the topic has a subscriber — add addresses, or subscribe another endpoint to it",
            alerts,
        );
    }
    const outputs = { alarmTopicArn: alerts.topicArn, consoleSignInAlarmName: alerts.alarm.name };
    if (!detection.configRules.enabled) {
        return { outputs, nextSteps: [], components: { detection: alerts } };
    }
    const rules = new MfaConfigRules("config-rules", {
        accountId,
        namePrefix: "force-mfa",
        enforcedGroupName: config.enforcedGroupName,
        maximumExecutionFrequency: detection.configRules.maximumExecutionFrequency,
        topicArn: alerts.topicArn,
        recorder: detection.configRules.createRecorder
            ? {
                  bucketName: detection.configRules.deliveryBucketName ?? pulumi.all([accountId, region]).apply(([id, r]) => defaultConfigBucketName(id, r)),
                  noncurrentVersionExpirationDays: 365,
              }
            : undefined,
        tags: config.tags,
    });
    return {
        outputs: { ...outputs, configRuleNames: pulumi.output(rules.rules.map((r) => r.name)) },
        nextSteps: [],
        components: { detection: alerts, configRules: rules },
    };
}
