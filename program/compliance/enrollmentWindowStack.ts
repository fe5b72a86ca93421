/**
 * Wires the enrollment window into the program: checked against the rest of the config before anything is
 * registered, then the job deployed next to detection's alert topic, and its part of `nextSteps`.
 */
import { ForceMfaConfig } from "../config";
import { DetectionOutputs } from "../detectionAndAccess";
import { MfaDetection } from "../detection/mfaDetection";
import { FLAGGED_TAG } from "./enrollmentWrites";
import { defaultAuditBucketName, EnrollmentWindowJob, jobSettingsOf } from "./enrollmentWindowJob";
import { jobSettingsSizeProblem } from "./job/jobSettings";
import { JobRoleScope } from "./jobPolicies";

interface Account {
    readonly accountId: string;
    readonly region: string;
}

function topicArnOf(config: ForceMfaConfig, account: Account): string {
    return `arn:aws:sns:${account.region}:${account.accountId}:${config.detection.topicName}`;
}

/** The topic's key as the job's role names it: the configured key (or its alias), or the alias of the created one. */
function topicKeyOf(config: ForceMfaConfig): JobRoleScope["topicKey"] {
    const configured = config.detection.kmsKeyArn;
    if (configured === undefined) {
        return { aliasName: `alias/${config.detection.topicName}` };
    }
    const alias = /:(alias\/.+)$/.exec(configured)?.[1];
    return alias ? { aliasName: alias } : { keyArn: configured };
}

function auditBucketNameOf(config: ForceMfaConfig, account: Account): string {
    return config.compliance.auditBucketName ?? defaultAuditBucketName(account.accountId, account.region);
}

/** What only the whole config and the account reveal; empty while the window is off. */
export function enrollmentWindowProblems(config: ForceMfaConfig, account: Account): string[] {
    const compliance = config.compliance;
    if (!compliance.enabled) {
        return [];
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
    return problems;
}

export interface EnrollmentWindowOutputs {
    readonly enrollmentWindowFunction?: string;
    readonly auditBucket?: string;
    readonly nextSteps: string[];
    readonly component?: EnrollmentWindowJob;
}

export function reinstatementSteps(suspendedGroupName: string): string {
    return (
        `To reinstate a suspended user, after verifying the person out of band: aws iam remove-user-from-group --group-name ${suspendedGroupName} --user-name <user>; ` +
        `have them enroll an MFA device right away (before the next run); then aws iam update-access-key --user-name <user> --access-key-id <id> --status Active for each key still needed, ` +
        `and aws iam untag-user --user-name <user> --tag-keys ${FLAGGED_TAG}. The job never reinstates anyone: a suspended user's credentials are exactly what an attacker may hold.`
    );
}

export function deployEnrollmentWindow(config: ForceMfaConfig, account: Account, detection: DetectionOutputs): EnrollmentWindowOutputs {
    const compliance = config.compliance;
    if (!compliance.enabled) {
        return { nextSteps: [] };
    }
    const alerts = detection.components.find((c): c is MfaDetection => c instanceof MfaDetection);
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
        enrollmentWindowFunction: compliance.functionName,
        auditBucket: job.auditBucketName,
        component: job,
        nextSteps: [
            `Enrollment window: ${compliance.functionName} runs on ${compliance.schedule} and, for every user without MFA (exemptions left alone), reminds from day ${compliance.remindAfterDays}, ` +
                `flags from day ${compliance.flagAfterDays} (tag ${FLAGGED_TAG}) and ${suspension}. ${mode} Each run's account audit report and record go to s3://${job.auditBucketName}/force-mfa/.`,
            reinstatementSteps(compliance.suspendedGroupName),
        ],
    };
}
