/**
 * What the daily runs have seen of each user's MFA devices, so the window can restart for a user whose device was
 * removed (the runbook's lost-device procedure: an administrator deactivates the device, the user enrolls a new one)
 * instead of suspending a long-standing user at once. Pure: the job reads and writes it in the audit bucket
 * (job/deviceHistoryRecord.ts), next to the day records.
 *
 * Why a record of our own runs and not CloudTrail's DeactivateMFADevice events: LookupEvents cannot be scoped (no
 * resource-level permission, no condition on the event name), so the job's role could read every management event of
 * the account; IAM's events are only in us-east-1's event history, rate-limited to two calls a second. What the events
 * would add is a removal before the job's first run, and a start up to a day earlier; the record's start is the
 * later one, which only gives the user those hours more — and it is kept in report mode too, so it is built before
 * the job enforces anything.
 */
import { UserMfaFacts, utcDay } from "./decisionTable";

export interface DeviceHistoryEntry {
    /** The user's creation as the runs saw it: a user deleted and created again under the same name starts afresh. */
    readonly createdAt?: string;
    /** The last day (UTC) a run saw an active MFA device. */
    readonly deviceSeenOn?: string;
    /** The first run (ISO time) that saw no device after one had been seen; cleared once one is seen again. */
    readonly withoutDeviceSince?: string;
}

export interface DeviceHistory {
    /** By user name in lower case (IAM user names ignore case). */
    readonly users: Readonly<Record<string, DeviceHistoryEntry>>;
}

export const EMPTY_DEVICE_HISTORY: DeviceHistory = { users: {} };

function entryOf(history: DeviceHistory, user: UserMfaFacts): DeviceHistoryEntry | undefined {
    const entry = history.users[user.name.toLowerCase()];
    // Another user of the same name (deleted and created again) inherits nothing.
    return entry !== undefined && entry.createdAt === user.createdAt?.toISOString() ? entry : undefined;
}

/**
 * The history after a run that saw `users` (MFA status as re-checked by the run): a device seen is noted; the first
 * run to see none after one had been seen notes when; an unknown status changes nothing; users gone are dropped.
 */
export function nextDeviceHistory(previous: DeviceHistory, users: readonly UserMfaFacts[], now: Date): DeviceHistory {
    const next: Record<string, DeviceHistoryEntry> = {};
    for (const user of users) {
        const entry = entryOf(previous, user);
        const createdAt = user.createdAt?.toISOString();
        let updated: DeviceHistoryEntry | undefined = entry;
        if (user.mfaActive === true) {
            updated = { ...(createdAt ? { createdAt } : {}), deviceSeenOn: utcDay(now) };
        } else if (user.mfaActive === false && entry?.deviceSeenOn !== undefined && entry.withoutDeviceSince === undefined) {
            updated = { ...entry, withoutDeviceSince: now.toISOString() };
        }
        if (updated !== undefined) {
            next[user.name.toLowerCase()] = updated;
        }
    }
    return { users: next };
}

/** When the runs first saw the user without the device it had; undefined if they never saw it lose one. */
export function deviceRemovedAt(history: DeviceHistory, user: UserMfaFacts): Date | undefined {
    const since = entryOf(history, user)?.withoutDeviceSince;
    return since === undefined ? undefined : new Date(since);
}

/** The history as read from its file; anything else is refused, naming what is wrong. */
export function parseDeviceHistory(value: unknown, where: string): DeviceHistory {
    const fail = (rule: string): never => {
        throw new Error(`${where}: ${rule}; fix or delete the file (the window then counts from creation until the runs see devices again)`);
    };
    const users = (value as { users?: unknown } | null)?.users;
    if (typeof users !== "object" || users === null || Array.isArray(users)) {
        return fail("must be an object {users: {<name>: {createdAt?, deviceSeenOn?, withoutDeviceSince?}}}");
    }
    for (const [name, entry] of Object.entries(users)) {
        const fields = entry as Record<string, unknown>;
        const valid =
            typeof entry === "object" &&
            entry !== null &&
            Object.entries(fields).every(
                ([key, text]) => ["createdAt", "deviceSeenOn", "withoutDeviceSince"].includes(key) && typeof text === "string" && !Number.isNaN(new Date(text).getTime()),
            );
        if (!valid) {
            fail(`users.${name} must hold only createdAt, deviceSeenOn and withoutDeviceSince, each a date`);
        }
    }
    return { users: users as DeviceHistory["users"] };
}
