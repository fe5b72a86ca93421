/**
 * What the watch's function is told by the program, in one environment variable (JSON): the alert topic, the state
 * table, the enforced group and the stack's exemptions. Checked on every invocation, so a broken deployment fails
 * loudly (the batch stays in the queue, then the dead-letter queue) instead of judging with wrong inputs.
 */
export const WATCH_SETTINGS_VARIABLE = "FORCE_MFA_WATCH";

export interface WatchExemption {
    readonly name: string;
    readonly reason: string;
}

export interface WatchJobSettings {
    readonly topicArn: string;
    readonly tableName: string;
    readonly enforcedGroupName: string;
    /** Users exempted by the stack: judged "exempt", never alerted on. */
    readonly exemptions: readonly WatchExemption[];
}

function fail(rule: string): never {
    throw new Error(`${WATCH_SETTINGS_VARIABLE}: ${rule}`);
}

function text(value: unknown, key: string): string {
    if (typeof value !== "string" || value === "") {
        fail(`${key} must be a non-empty string, got ${JSON.stringify(value)}`);
    }
    return value;
}

export function parseWatchSettings(environment: Readonly<Record<string, string | undefined>>): WatchJobSettings {
    const raw = environment[WATCH_SETTINGS_VARIABLE];
    if (raw === undefined) {
        fail("is not set");
    }
    let value: any;
    try {
        value = JSON.parse(raw);
    } catch {
        fail("is not JSON");
    }
    const exemptions = value?.exemptions;
    if (!Array.isArray(exemptions) || exemptions.some((e) => typeof e?.name !== "string" || typeof e?.reason !== "string")) {
        fail("exemptions must be a list of {name, reason}");
    }
    return {
        topicArn: text(value.topicArn, "topicArn"),
        tableName: text(value.tableName, "tableName"),
        enforcedGroupName: text(value.enforcedGroupName, "enforcedGroupName"),
        exemptions: exemptions.map((e: WatchExemption) => ({ name: e.name, reason: e.reason })),
    };
}

export function encodeWatchSettings(settings: WatchJobSettings): string {
    return JSON.stringify(settings);
}
