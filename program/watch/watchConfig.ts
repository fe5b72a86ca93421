/**
 * The watch's part of the stack config, the key `watch`: the switch, its mode, the function's name (also of its role, log group,
 * queue and state table), how long its queue gathers a burst of events before the function runs, and how long its
 * log lines are kept. Off by default.
 */
import { z } from "zod";
import { broken, configPart, flag, InputProblem, integer, isObject, section, text } from "../configParts";
import { LOG_RETENTION_DAYS } from "../aws/logRetention";

export const DEFAULT_WATCH_NAME = "force-mfa-watch";

const watch = section({
    enabled: flag(false),
    /** report: alert only. enforce: also add a new user outside the enforced group to it (the watch's only write). */
    mode: z.enum(["report", "enforce"], broken('must be "report" (alert, change nothing) or "enforce" (also add a newly created user outside the enforced group to it)')).default("report"),
    /** The function, its role, log group, queues, rules and state table are all named from it (`<name>-forwarder` fits IAM's 64). */
    name: text(/^[A-Za-z0-9_-]{1,54}$/, "must be 1-54 of letters, digits, - and _ (it names the function, its role, queues, rules and table)").default(DEFAULT_WATCH_NAME),
    /** The queue's batching window: a burst within it is judged in one invocation, each principal once. */
    batchWindowSeconds: integer(0, 300).default(20),
    logRetentionDays: z.literal(LOG_RETENTION_DAYS, broken(`must be one of CloudWatch Logs' retention values (${LOG_RETENTION_DAYS.join(", ")})`)).default(365),
});

/** The alert topic is detection's: the watch needs it on. Judged as written. */
function watchRules(input: Readonly<Record<string, unknown>>): InputProblem[] {
    const written = input.watch ?? {};
    const detection = input.detection;
    if (isObject(written) && written.enabled === true && isObject(detection) && detection.enabled === false) {
        return [
            {
                path: ["watch", "enabled"],
                message: "needs detection.enabled: the watch alerts on the topic that detection creates; turn detection on, or the watch off",
            },
        ];
    }
    return [];
}

export const watchConfig = configPart({ watch: watch.prefault({}) }, watchRules);

export type WatchSettings = z.output<typeof watch>;

export const WATCH_FIELDS = Object.keys(watch.shape);
