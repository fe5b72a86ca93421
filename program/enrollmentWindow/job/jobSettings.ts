/**
 * What the job is told by the program, in one environment variable (JSON): its mode, thresholds, exemptions and
 * the names of what it touches. Checked on every run, so a broken deployment fails loudly instead of acting.
 */
import { SettingsReader } from "../../aws/lambdaSettings";
import { EnrollmentThresholds, WindowExemption } from "../decisionTable";

export const SETTINGS_VARIABLE = "FORCE_MFA_ENROLLMENT_WINDOW";

export interface JobSettings {
    readonly mode: "report" | "enforce";
    readonly thresholds: EnrollmentThresholds;
    readonly exemptions: readonly WindowExemption[];
    readonly suspendedGroupName: string;
    readonly topicArn: string;
    readonly auditBucketName: string;
    /** The stack's enforced group, for the account audit report. */
    readonly enforcedGroupName?: string;
}

const reader: SettingsReader = new SettingsReader(SETTINGS_VARIABLE);

function days(value: unknown, key: string): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        reader.fail(`thresholds.${key} must be a whole number of days, got ${JSON.stringify(value)}`);
    }
    return value;
}

export function parseJobSettings(environment: Readonly<Record<string, string | undefined>>): JobSettings {
    const value = reader.read(environment);
    if (value?.mode !== "report" && value?.mode !== "enforce") {
        reader.fail(`mode must be "report" or "enforce", got ${JSON.stringify(value?.mode)}`);
    }
    const t = value.thresholds ?? {};
    const exemptions = reader.exemptions(value.exemptions);
    return {
        mode: value.mode,
        thresholds: {
            remindAfterDays: days(t.remindAfterDays, "remindAfterDays"),
            flagAfterDays: days(t.flagAfterDays, "flagAfterDays"),
            suspendAfterDays: days(t.suspendAfterDays, "suspendAfterDays"),
        },
        exemptions,
        suspendedGroupName: reader.text(value.suspendedGroupName, "suspendedGroupName"),
        topicArn: reader.text(value.topicArn, "topicArn"),
        auditBucketName: reader.text(value.auditBucketName, "auditBucketName"),
        ...(value.enforcedGroupName === undefined ? {} : { enforcedGroupName: reader.text(value.enforcedGroupName, "enforcedGroupName") }),
    };
}

/** The variable's value, as the program sets it. */
export function encodeJobSettings(settings: JobSettings): string {
    return JSON.stringify(settings);
}

/** Lambda allows 4 KB of environment variables in all (names and values). */
export const LAMBDA_ENVIRONMENT_LIMIT = 4096;

export function jobSettingsSizeProblem(settings: JobSettings): string | undefined {
    const size = Buffer.byteLength(SETTINGS_VARIABLE) + Buffer.byteLength(encodeJobSettings(settings));
    return size > LAMBDA_ENVIRONMENT_LIMIT
        ? `compliance: the job's settings, exemptions with their reasons included, take ${size} bytes, over the ${LAMBDA_ENVIRONMENT_LIMIT} Lambda allows for environment variables — shorten the exemption reasons`
        : undefined;
}
