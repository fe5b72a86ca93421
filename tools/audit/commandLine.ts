/**
 * What the account tools' command lines share (`npm run audit`, `npm run lifecycle`): options read strictly with
 * node:util's parseArgs, bad usage as a UsageError (exit code 2), the `--now` date, and where output goes.
 */
import { parseArgs, ParseArgsConfig } from "util";
import { AuditInputError, isCalendarDate } from "../../account";

export class UsageError extends Error {}

export interface CliIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    readonly cwd: string;
}

/** The options given, with no positionals; anything parseArgs refuses is a UsageError. */
export function parseOptions<O extends NonNullable<ParseArgsConfig["options"]>>(argv: readonly string[], options: O) {
    try {
        return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
    } catch (err) {
        throw new UsageError(err instanceof Error ? err.message : String(err));
    }
}

/** `--now`: an ISO 8601 date-time; its day one the calendar has (Date would move 2026-02-30 to March 2). */
export function readNow(value: string): Date {
    const now = new Date(value);
    if (Number.isNaN(now.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value) || !isCalendarDate(value.slice(0, 10))) {
        throw new UsageError(`--now: "${value}" is not an ISO 8601 date-time`);
    }
    return now;
}

/** Reports bad usage or input on stderr (the input errors name file, place and rule; usage ones point at --help). */
export function reportBadInput(tool: string, err: Error, io: CliIo): 2 {
    io.stderr(`${tool}: ${err.message}\n${err instanceof AuditInputError ? "" : "Run with --help for usage.\n"}`);
    return 2;
}
