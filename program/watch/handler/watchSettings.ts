/**
 * What the watch's function is told by the program, in one environment variable (JSON): the alert topic, the state
 * table, the enforced group and the stack's exemptions. Checked on every invocation, so a broken deployment fails
 * loudly (the batch stays in the queue, then the dead-letter queue) instead of judging with wrong inputs.
 */
import { JobExemption, SettingsReader } from "../../aws/lambdaSettings";

export const WATCH_SETTINGS_VARIABLE = "FORCE_MFA_WATCH";

export type WatchExemption = JobExemption;

export const WATCH_MODES = ["report", "enforce"] as const;
export type WatchMode = (typeof WATCH_MODES)[number];

export interface WatchJobSettings {
    readonly topicArn: string;
    readonly tableName: string;
    readonly enforcedGroupName: string;
    /** enforce: a newly created user outside the enforced group is added to it; report: alerts only. */
    readonly mode: WatchMode;
    /** Users exempted by the stack: judged "exempt" until their expiresOn, never alerted on while exempt. */
    readonly exemptions: readonly WatchExemption[];
}

const reader: SettingsReader = new SettingsReader(WATCH_SETTINGS_VARIABLE);

export function parseWatchSettings(environment: Readonly<Record<string, string | undefined>>): WatchJobSettings {
    const value = reader.read(environment);
    return {
        topicArn: reader.text(value?.topicArn, "topicArn"),
        tableName: reader.text(value.tableName, "tableName"),
        enforcedGroupName: reader.text(value.enforcedGroupName, "enforcedGroupName"),
        mode: watchMode(reader.text(value.mode, "mode")),
        exemptions: reader.exemptions(value.exemptions),
    };
}

export function encodeWatchSettings(settings: WatchJobSettings): string {
    return JSON.stringify(settings);
}

function watchMode(text: string): WatchMode {
    if (!(WATCH_MODES as readonly string[]).includes(text)) {
        throw new Error(`${WATCH_SETTINGS_VARIABLE}: mode must be one of ${WATCH_MODES.join(", ")}, got ${JSON.stringify(text)}`);
    }
    return text as WatchMode;
}
