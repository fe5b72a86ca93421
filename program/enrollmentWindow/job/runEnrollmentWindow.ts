/**
 * One run of the daily job: read the account, note what it sees of each user's MFA device (a removed one restarts the
 * user's window), decide every user with the same table as the offline CLI, apply the
 * writes (enforce mode only), log each action as one JSON line, announce the run in one message, and keep the
 * account audit report. A second run the same day writes and announces nothing new.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { activeExemptions, exemptionStatus } from "../../../account";
import { usersOfAccount } from "../accountUsers";
import { announcement, AnnouncedDecision } from "../announcement";
import { decideAll, UserMfaFacts, utcDay } from "../decisionTable";
import { AccountWrite, describeWrite, plannedWrites } from "../enrollmentWrites";
import { AccountSnapshot, hasMfaDeviceNow, readAccount, realSleep, Sleep } from "./accountSnapshot";
import { applyWrite, readUserWriteState } from "./accountWrites";
import { readDayRecord, wasAnnounced, writeDayRecord } from "./dayRecord";
import { deviceRemovedAt, nextDeviceHistory } from "../deviceHistory";
import { readDeviceHistory, writeDeviceHistory } from "./deviceHistoryRecord";
import { JobSettings } from "./jobSettings";

export interface JobClients {
    readonly iam: IAMClient;
    readonly sns: SNSClient;
    readonly s3: S3Client;
}

export interface JobRun {
    readonly now: Date;
    readonly log: (line: string) => void;
    readonly sleep?: Sleep;
    /** Keeps the account audit report of this run (JSON and HTML) in the audit bucket. */
    readonly keepAuditReport?: (snapshot: AccountSnapshot, day: string) => Promise<void>;
}

export interface JobOutcome {
    readonly mode: "report" | "enforce";
    readonly day: string;
    readonly decisions: readonly AnnouncedDecision[];
    readonly applied: readonly AccountWrite[];
    readonly announced: boolean;
}

export async function runEnrollmentWindow(clients: JobClients, settings: JobSettings, run: JobRun): Promise<JobOutcome> {
    const day = utcDay(run.now);
    const snapshot = await readAccount(clients.iam, run.sleep ?? realSleep);
    // An exemption past its expiresOn is none: the user is reminded, flagged and suspended like everyone (decideAll
    // judges each against the day and says when it expired).
    const exempt = new Set(activeExemptions(settings.exemptions, day).map((e) => e.name.toLowerCase()));
    const seen: UserMfaFacts[] = [];
    for (const user of usersOfAccount(snapshot.details, snapshot.report, settings.suspendedGroupName)) {
        // The report may be hours old: whoever it shows without MFA is checked again before being decided on.
        const refresh = user.mfaActive !== true && !exempt.has(user.name.toLowerCase());
        seen.push(refresh ? { ...user, mfaActive: await hasMfaDeviceNow(clients.iam, user.name) } : user);
    }
    // Kept before anything is acted on, in report mode too: a removed device restarts its user's window.
    const previous = await readDeviceHistory(clients.s3, settings.auditBucketName);
    const history = nextDeviceHistory(previous, seen, run.now);
    if (JSON.stringify(history) !== JSON.stringify(previous)) {
        await writeDeviceHistory(clients.s3, settings.auditBucketName, history);
    }
    const users = seen.map((user) => {
        const removedAt = deviceRemovedAt(history, user);
        return removedAt ? { ...user, deviceRemovedAt: removedAt } : user;
    });
    const decisions = decideAll(users, { thresholds: settings.thresholds, exemptions: settings.exemptions, now: run.now, suspendedGroupName: settings.suspendedGroupName });
    const suspended = new Map(users.map((u) => [u.name, u.suspended]));

    const record = await readDayRecord(clients.s3, settings.auditBucketName, day);
    const items: AnnouncedDecision[] = [];
    const applied: AccountWrite[] = [];
    const failures: string[] = [];
    const toAnnounce: AnnouncedDecision[] = [];
    for (const decision of decisions) {
        if (decision.action === "none") {
            continue;
        }
        let writes: AccountWrite[] = [];
        const done: AccountWrite[] = [];
        let error: string | undefined;
        try {
            if (decision.action === "flag" || decision.action === "suspend") {
                const state = await readUserWriteState(clients.iam, decision.user, suspended.get(decision.user) ?? false, decision.action === "suspend");
                writes = plannedWrites(decision, state, day, settings.suspendedGroupName);
            }
            if (settings.mode === "enforce") {
                for (const write of writes) {
                    await applyWrite(clients.iam, write);
                    done.push(write);
                }
            }
        } catch (err) {
            error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
            failures.push(`${decision.user}: ${error}`);
        }
        applied.push(...done);
        const item = { decision, writes };
        items.push(item);
        run.log(
            JSON.stringify({
                source: "force-mfa-enrollment-window",
                day,
                mode: settings.mode,
                user: decision.user,
                action: decision.action,
                daysWithoutMfa: decision.daysWithoutMfa,
                reason: decision.reason,
                ...(decision.exemptionExpiredOn ? { exemptionExpiredOn: decision.exemptionExpiredOn } : {}),
                ...(decision.countedFromDeviceRemoval ? { countedFrom: "device removal" } : {}),
                ...(settings.mode === "enforce" ? { changed: done.map(describeWrite) } : { wouldChange: writes.map(describeWrite) }),
                ...(error ? { error } : {}),
            }),
        );
        // A user suspended on an earlier day, with nothing changed now, is no news: the suspension was announced then.
        const stillSuspended = decision.action === "suspend" && (suspended.get(decision.user) ?? false) && writes.length === 0;
        if ((!wasAnnounced(record, decision.user, decision.action) && !stillSuspended) || done.length > 0) {
            toAnnounce.push(item);
        }
    }

    const mfaNow = new Map(users.map((u) => [u.name, u.mfaActive]));
    const awaiting = decisions.filter((d) => d.action === "none" && suspended.get(d.user) && mfaNow.get(d.user) === true).map((d) => d.user);
    const awaitingNews = awaiting.filter((user) => !wasAnnounced(record, user, "none"));
    const message =
        toAnnounce.length > 0 || awaitingNews.length > 0
            ? announcement(toAnnounce, awaiting, { mode: settings.mode, day, thresholds: settings.thresholds, suspendedGroupName: settings.suspendedGroupName })
            : undefined;
    if (message) {
        await clients.sns.send(new PublishCommand({ TopicArn: settings.topicArn, Subject: message.subject, Message: message.message }));
        const news = [
            ...toAnnounce.map((i) => ({ user: i.decision.user, action: i.decision.action })),
            ...awaitingNews.map((user) => ({ user, action: "none" as const })),
        ].filter((a) => !wasAnnounced(record, a.user, a.action));
        await writeDayRecord(clients.s3, settings.auditBucketName, { day, announced: [...record.announced, ...news] });
    }
    await run.keepAuditReport?.(snapshot, day);
    // Advisory, as at every deploy: an exemption without an end is honoured, and named so it is reviewed.
    const permanent = settings.exemptions.filter((e) => exemptionStatus(e, day) === "permanent").map((e) => e.name);
    run.log(
        JSON.stringify({
            source: "force-mfa-enrollment-window",
            day,
            mode: settings.mode,
            summary: true,
            users: decisions.length,
            acted: items.length,
            changes: applied.length,
            announced: !!message,
            ...(permanent.length > 0 ? { permanentExemptions: permanent } : {}),
        }),
    );
    if (failures.length > 0) {
        // After announcing what did happen: the invocation fails, so the error shows in the function's metrics, and
        // EventBridge's retry only repeats what is still missing.
        throw new Error(`enrollment window: ${failures.length} user(s) could not be handled: ${failures.join("; ")}`);
    }
    return { mode: settings.mode, day, decisions: items, applied, announced: !!message };
}
