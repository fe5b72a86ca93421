/** Retention values CloudWatch Logs accepts, for every log group a capability creates. */
import { z } from "zod";
import { broken } from "../configParts";

export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** A config key naming a log group's retention, one of CloudWatch Logs' values. */
export function logRetentionDays(fallback: (typeof LOG_RETENTION_DAYS)[number]) {
    return z.literal(LOG_RETENTION_DAYS, broken(`must be one of CloudWatch Logs' retention values (${LOG_RETENTION_DAYS.join(", ")})`)).default(fallback);
}
