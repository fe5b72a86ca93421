/**
 * The enrollment window in the program: checked against the rest of the config and the account before anything is
 * registered, then the daily job (enrollmentWindowJob.ts) deployed next to detection's alert topic, and its part of
 * `nextSteps`. Its config key is `compliance`.
 */
import { AccountFacts } from "../accountFacts";
import { topicArnOf, topicKeyOf } from "../aws/alertTopic";
import { AccountChecks, Deployment, noFindings } from "../capability";
import { DetectionComponents } from "../detection/detectionStack";
import { ForceMfaConfig } from "../stackConfig";
import { FLAGGED_TAG } from "./enrollmentWrites";
import { defaultAuditBucketName, EnrollmentWindowJob, jobSettingsOf } from "./enrollmentWindowJob";
import { jobSettingsSizeProblem } from "./job/jobSettings";

function auditBucketNameOf(config: ForceMfaConfig, account: AccountFacts): string {
    return config.compliance.auditBucketName ?? defaultAuditBucketName(account.accountId, account.region);
}

/** What only the whole config and the account reveal; nothing while the window is off. */
export function checkEnrollmentWindow(config: ForceMfaConfig, account: AccountFacts): AccountChecks {
    const compliance = config.compliance;
    if (!compliance.enabled) {
        return noFindings();
    }
    const problems: string[] = [];
    if (compliance.suspendedGroupName.toLowerCase() === config.enforcedGroupName.toLowerCase()) {
        problems.push(`compliance.suspendedGroupName: must not be the enforced group (${config.enforcedGroupName}); IAM group names ignore case`);
    }
    const size = jobSettingsSizeProblem(
        jobSettingsOf({
            settings: compliance,
            exemptions: config.exemptions,
            topicArn: topicArnOf(config, account),
            auditBucketName: auditBucketNameOf(config, account),
            enforcedGroupName: config.enforcedGroupName,
        }),
    );
    if (size) {
        problems.push(size);
    }
    return { problems, warnings: [] };
}

/** The stack outputs of the enrollment window: none while it is off. */
export interface EnrollmentWindowOutputs {
    readonly enrollmentWindowFunction?: string;
    readonly auditBucket?: string;
}

export function reinstatementSteps(suspendedGroupName: string): string {
    return (
        `To reinstate a suspended user, after verifying the person out of band: aws iam remove-user-from-group --group-name ${suspendedGroupName} --user-name <user>; ` +
        `have them enroll an MFA device right away (before the next run); then aws iam update-access-key --user-name <user> --access-key-id <id> --status Active for each key still needed, ` +
        `and aws iam untag-user --user-name <user> --tag-keys ${FLAGGED_TAG}. The job never reinstates anyone: a suspended user's credentials are exactly what an attacker may hold.`
    );
}

/** `detection`: the alert topic the job announces to (the config rules make detection on while the window is). */
export function deployEnrollmentWindow(
    config: ForceMfaConfig,
    account: AccountFacts,
    detection: DetectionComponents,
): Deployment<EnrollmentWindowOutputs, { enrollmentWindow?: EnrollmentWindowJob }> {
    const compliance = config.compliance;
    if (!compliance.enabled) {
        return { outputs: {}, nextSteps: [], components: {} };
    }
    const alerts = detection.detection;
    const job = new EnrollmentWindowJob("enrollment-window", {
        accountId: account.accountId,
        region: account.region,
        settings: compliance,
        exemptions: config.exemptions,
        topicArn: topicArnOf(config, account),
        topicKey: topicKeyOf(config),
        auditBucketName: auditBucketNameOf(config, account),
        enforcedGroupName: config.enforcedGroupName,
        dependsOn: alerts ? [alerts.topic] : [],
        tags: config.tags,
    });
    const suspension =
        compliance.suspendAfterDays > 0
            ? `suspends from day ${compliance.suspendAfterDays} (group ${compliance.suspendedGroupName}, which denies everything; access keys deactivated)`
            : "never suspends (suspendAfterDays: 0)";
    const mode =
        compliance.mode === "report"
            ? "Report mode: it announces what it would do on the alert topic and changes nothing; set compliance.mode: enforce once its messages look right."
            : "Enforce mode: it makes those changes and announces them on the alert topic.";
    return {
        outputs: { enrollmentWindowFunction: compliance.functionName, auditBucket: job.auditBucketName },
        components: { enrollmentWindow: job },
        nextSteps: [
            `Enrollment window: ${compliance.functionName} runs on ${compliance.schedule} and, for every user without MFA (exemptions left alone until their expiresOn; days counted from creation, or from the first run that saw a removed device gone), reminds from day ${compliance.remindAfterDays}, ` +
                `flags from day ${compliance.flagAfterDays} (tag ${FLAGGED_TAG}) and ${suspension}. ${mode} Each run's account audit report and record go to s3://${job.auditBucketName}/force-mfa/.`,
            reinstatementSteps(compliance.suspendedGroupName),
        ],
    };
}
