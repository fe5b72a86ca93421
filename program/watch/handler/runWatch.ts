/**
 * One invocation of the watch: a batch of SQS messages (a burst of IAM calls gathered by the queue's batching
 * window) → the principals they affect, each once → the fewest IAM reads → one judgement by the account library
 * (the pack's evaluator) → in enforce mode, a newly created user outside the enforced group added to it → for each
 * principal whose verdict changed, the new verdict recorded, and one alert when it newly escapes or is locked out. Each decision is one JSON log line. A message whose principals could not all be
 * handled (throttled past the SDK's retries, a read or a write that failed) is reported failed, alone: SQS hands it
 * back, and after the queue's retries it lands in the dead-letter queue. A replay finds the verdict recorded and
 * alerts nothing.
 */
import { AddUserToGroupCommand, IAMClient } from "@aws-sdk/client-iam";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { buildAuditReport, parseAuthorizationDetails, PrincipalVerdict } from "../../../account";
import { AccountReader } from "./accountReader";
import { alertOf, isNews } from "./alertMessage";
import { targetsOf } from "./eventPrincipals";
import { IamChangeEvent, parseIamChangeEvent } from "./iamChangeEvent";
import { stateKey, VerdictState } from "./verdictState";
import { WatchJobSettings } from "./watchSettings";

export interface SqsRecord {
    readonly messageId: string;
    readonly body: string;
}

export interface WatchClients {
    readonly iam: IAMClient;
    readonly sns: SNSClient;
    readonly ddb: DynamoDBClient;
}

export interface WatchRun {
    readonly now: Date;
    readonly log: (line: string) => void;
}

export interface BatchOutcome {
    /** Lambda's partial batch response: these messages go back to the queue. */
    readonly batchItemFailures: { readonly itemIdentifier: string }[];
    readonly events: number;
    /** Principals judged (each once, however many events named it). */
    readonly judged: number;
    readonly alerts: number;
    /** IAM calls made, by API. */
    readonly iamCalls: Readonly<Record<string, number>>;
}

type PrincipalType = "user" | "role";

interface Affected {
    readonly type: PrincipalType;
    readonly name: string;
    readonly messages: Set<string>;
    readonly events: IamChangeEvent[];
}

const SOURCE = "force-mfa-watch";

const errorText = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

export async function runWatch(clients: WatchClients, settings: WatchJobSettings, records: readonly SqsRecord[], run: WatchRun): Promise<BatchOutcome> {
    const log = (entry: Record<string, unknown>) => run.log(JSON.stringify({ source: SOURCE, ...entry }));
    const failed = new Set<string>();
    const fail = (messages: Iterable<string>, what: string, err: unknown) => {
        for (const m of messages) {
            failed.add(m);
        }
        log({ error: errorText(err), while: what });
    };
    const reader = new AccountReader(clients.iam);
    const state = new VerdictState(clients.ddb, settings.tableName);

    // 1. The principals of the batch, each once, with the messages and events that named it.
    const affected = new Map<string, Affected>();
    const affect = (type: PrincipalType, name: string, messageId: string, event: IamChangeEvent) => {
        const key = stateKey(type, name);
        const entry = affected.get(key) ?? { type, name, messages: new Set<string>(), events: [] };
        entry.messages.add(messageId);
        if (!entry.events.some((e) => e.id === event.id)) {
            entry.events.push(event);
        }
        affected.set(key, entry);
    };
    const members = new Map<string, Promise<string[] | undefined>>();
    const membersOf = (group: string) => {
        const key = group.toLowerCase();
        if (!members.has(key)) {
            members.set(key, reader.groupMembers(group));
        }
        return members.get(key)!;
    };
    let events = 0;
    for (const record of records) {
        let event: IamChangeEvent;
        try {
            event = parseIamChangeEvent(record.body);
        } catch (err) {
            fail([record.messageId], `reading message ${record.messageId}`, err);
            continue;
        }
        events++;
        try {
            const { targets, ignored } = targetsOf(event);
            if (ignored) {
                log({ event: event.name, eventId: event.id, ignored });
            }
            for (const target of targets) {
                if (target.kind === "user" || target.kind === "role") {
                    affect(target.kind, target.name, record.messageId, event);
                } else if (target.kind === "group") {
                    for (const user of (await membersOf(target.name)) ?? []) {
                        affect("user", user, record.messageId, event);
                    }
                } else {
                    const holders = await reader.policyHolders(target.arn);
                    holders.users.forEach((u) => affect("user", u, record.messageId, event));
                    holders.roles.forEach((r) => affect("role", r, record.messageId, event));
                    for (const group of holders.groups) {
                        for (const user of (await membersOf(group)) ?? []) {
                            affect("user", user, record.messageId, event);
                        }
                    }
                }
            }
        } catch (err) {
            fail([record.messageId], `finding whom ${event.name} (${event.id}) affects`, err);
        }
    }

    // 2. Each principal read once; one whose read fails fails its messages, alone.
    const users: Record<string, unknown>[] = [];
    const roles: Record<string, unknown>[] = [];
    const gone: string[] = [];
    for (const [key, principal] of affected) {
        try {
            const read = principal.type === "user" ? await reader.user(principal.name) : await reader.role(principal.name);
            if (!read.found) {
                gone.push(key);
            } else {
                (principal.type === "user" ? users : roles).push(read.entry);
            }
        } catch (err) {
            affected.delete(key);
            fail(principal.messages, `reading ${key}`, err);
        }
    }

    // 3. One judgement of everything read, by the account audit's own builder.
    let verdicts: PrincipalVerdict[] = [];
    if (users.length + roles.length > 0) {
        try {
            const page = await reader.authorizationDetails(users, roles);
            const details = parseAuthorizationDetails(page, "the watch's IAM reads");
            const report = await buildAuditReport(
                { authorizationDetails: details, exemptions: { users: settings.exemptions, roles: [], enforcedGroupName: settings.enforcedGroupName } },
                { now: run.now, enforcedGroupName: settings.enforcedGroupName },
            );
            verdicts = report.principals.filter((p) => p.type !== "group" && affected.has(stateKey(p.type, p.name))) as PrincipalVerdict[];
        } catch (err) {
            const all = [...affected.entries()].filter(([key]) => !gone.includes(key));
            fail(
                all.flatMap(([, p]) => [...p.messages]),
                "judging the batch",
                err,
            );
        }
    }

    // 4. In enforce mode, a user created outside the enforced group is added to it: the watch's only write.
    if (settings.mode === "enforce") {
        verdicts = await Promise.all(
            verdicts.map(async (verdict) => {
                const principal = affected.get(stateKey(verdict.type as PrincipalType, verdict.name))!;
                if (!isNewUserOutsideGroup(verdict, principal, settings.enforcedGroupName)) {
                    return verdict;
                }
                try {
                    await clients.iam.send(new AddUserToGroupCommand({ GroupName: settings.enforcedGroupName, UserName: verdict.name }));
                    log({ principal: `user/${verdict.name}`, action: "added to the enforced group", group: settings.enforcedGroupName, was: verdict.status });
                    // Its verdict is the group's now: the force-mfa stack proves the group's deny (enrollment left open).
                    return { ...verdict, status: "enforced" } as PrincipalVerdict;
                } catch (err) {
                    affected.delete(stateKey("user", verdict.name));
                    fail(principal.messages, `adding user ${verdict.name} to ${settings.enforcedGroupName}`, err);
                    return undefined;
                }
            }),
        ).then((list) => list.filter((v): v is PrincipalVerdict => v !== undefined));
    }

    // 5. Only a change is recorded; only a change into escapes or locked-out alerts.
    let alerts = 0;
    for (const verdict of verdicts) {
        const key = stateKey(verdict.type as PrincipalType, verdict.name);
        const principal = affected.get(key)!;
        const latest = [...principal.events].sort((a, b) => a.time.localeCompare(b.time)).at(-1)!;
        try {
            const outcome = await recordVerdict(clients, settings, state, key, verdict, latest, principal.events.length - 1, run.now);
            alerts += outcome.alerted ? 1 : 0;
            log({
                principal: key,
                status: verdict.status,
                ...(outcome.previous !== undefined ? { previous: outcome.previous } : {}),
                changed: outcome.changed,
                alerted: outcome.alerted,
                events: principal.events.map((e) => ({ name: e.name, id: e.id, caller: e.caller, time: e.time })),
                ...(verdict.status !== "enforced" ? { reason: verdict.reason } : {}),
            });
        } catch (err) {
            fail(principal.messages, `recording the verdict of ${key}`, err);
        }
    }
    for (const key of gone) {
        const principal = affected.get(key)!;
        try {
            await state.forget(key);
            log({ principal: key, status: "gone", events: principal.events.map((e) => ({ name: e.name, id: e.id, caller: e.caller, time: e.time })) });
        } catch (err) {
            fail(principal.messages, `forgetting ${key}`, err);
        }
    }

    const iamCalls = Object.fromEntries([...reader.calls].sort(([a], [b]) => a.localeCompare(b)));
    log({ summary: true, messages: records.length, events, judged: verdicts.length, gone: gone.length, alerts, failed: failed.size, iamCalls });
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })), events, judged: verdicts.length, alerts, iamCalls };
}

/**
 * A user this batch saw created, that nothing yet subjects to the MFA deny and that is not in the enforced group: the
 * one case enforce mode changes. A user taken out of the group, or a member of a group that stopped enforcing, is an
 * administrator's decision or a broken deny — alerted, never silently reverted; an exempt user is left alone.
 */
function isNewUserOutsideGroup(verdict: PrincipalVerdict, principal: Affected, group: string): boolean {
    return (
        verdict.type === "user" &&
        (verdict.status === "escapes" || verdict.status === "unenforced") &&
        principal.events.some((e) => e.name === "CreateUser") &&
        !(verdict.groups ?? []).some((g) => g.toLowerCase() === group.toLowerCase())
    );
}

/** Records the verdict if it changed (retrying once if another invocation changed it in between), then alerts on news. */
async function recordVerdict(
    clients: WatchClients,
    settings: WatchJobSettings,
    state: VerdictState,
    key: string,
    verdict: PrincipalVerdict,
    event: IamChangeEvent,
    otherEvents: number,
    now: Date,
): Promise<{ previous?: string; changed: boolean; alerted: boolean }> {
    const next = { status: verdict.status, eventId: event.id, judgedAt: now.toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
        const previous = await state.read(key);
        if (previous?.status === verdict.status) {
            return { previous: previous.status, changed: false, alerted: false };
        }
        if (!(await state.claim(key, previous, next))) {
            continue;
        }
        if (!isNews(previous?.status, verdict.status)) {
            return { ...(previous ? { previous: previous.status } : {}), changed: true, alerted: false };
        }
        const alert = alertOf(verdict, event, previous?.status, otherEvents);
        try {
            await clients.sns.send(new PublishCommand({ TopicArn: settings.topicArn, Subject: alert.subject, Message: alert.message }));
        } catch (err) {
            await state.restore(key, previous);
            throw err;
        }
        return { ...(previous ? { previous: previous.status } : {}), changed: true, alerted: true };
    }
    throw new Error(`the verdict of ${key} changed twice under this invocation; left to the retry`);
}
