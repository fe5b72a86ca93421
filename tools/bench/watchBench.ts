/**
 * The bench's `watch` part: the watch's batch run (program/watch/handler/runWatch.ts) under mocked AWS SDK clients
 * (watchFakeAws.ts, no network, so the figures are the function's own work, IAM's latency aside): events per second
 * one invocation handles, IAM calls per event by kind, and a burst of 500 events after a large `pulumi up` coalesced
 * in one batch against the same events handled one by one.
 */
import { runWatch, SqsRecord } from "../../program/watch/handler/runWatch";
import { WatchJobSettings } from "../../program/watch/handler/watchSettings";
import { WATCHED_EVENTS } from "../../program/watch/watchedEvents";
import { iamCall, SAMPLE_PARAMETERS } from "./cloudTrailSamples";
import { ADMIN_ARN, FakeAws, FORCE_MFA_ARN, MFA_TRUST, TABLE, TOPIC } from "./watchFakeAws";
import { median } from "./packProcessStats";

const SETTINGS: WatchJobSettings = { topicArn: TOPIC, tableName: TABLE, enforcedGroupName: "mfa-enforced", mode: "report", exemptions: [] };
const BURST = 500;
const USERS = 200;
/** IAM's default MaxItems. */
const IAM_PAGE_SIZE = 100;

const row = (cells: (string | number)[]) => console.log(`| ${cells.join(" | ")} |`);

/** An account of USERS users in the enforced group with AdministratorAccess, the sample parameters' principals among them. */
function account(): FakeAws {
    const aws = new FakeAws(IAM_PAGE_SIZE);
    for (let i = 0; i < USERS; i++) {
        aws.addUser(`user-${i}`, { attached: [ADMIN_ARN] });
    }
    aws.addUser("alice", { attached: [ADMIN_ARN] });
    aws.addUser("alice2", { attached: [ADMIN_ARN] });
    aws.roles.set("deploy", MFA_TRUST);
    return aws;
}

async function timedRun(aws: FakeAws, records: SqsRecord[]): Promise<{ seconds: number; outcome: Awaited<ReturnType<typeof runWatch>> }> {
    const start = process.hrtime.bigint();
    const outcome = await runWatch(aws.clients(), SETTINGS, records, { now: new Date(), log: () => undefined });
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, outcome };
}

/** The burst of a large `pulumi up`: each user's policies and membership touched, the enforcement policy's default set. */
function burst(): SqsRecord[] {
    const records: SqsRecord[] = [];
    for (let i = 0; records.length < BURST; i++) {
        const user = `user-${i % USERS}`;
        records.push(iamCall(i % 2 === 0 ? "AttachUserPolicy" : "AddUserToGroup", { userName: user, policyArn: ADMIN_ARN, groupName: "mfa-enforced" }));
    }
    records[BURST - 1] = iamCall("SetDefaultPolicyVersion", { policyArn: FORCE_MFA_ARN, versionId: "v1" });
    return records;
}

export async function watchBench(rounds: number): Promise<void> {
    console.log(`\nThe watch's batch run under mocked AWS SDK clients (no network: IAM's own latency is not in these figures), ${USERS} users, IAM lists of ${IAM_PAGE_SIZE} a page; ${rounds} rounds.`);

    console.log("\nIAM calls per event, by kind (one event in its own batch; a group or policy event judges every member or holder):\n");
    row(["Event", "Principals judged", "IAM calls"]);
    row(["---", "---", "---"]);
    for (const name of WATCHED_EVENTS) {
        const aws = account();
        try {
            const { outcome } = await timedRun(aws, [iamCall(name, SAMPLE_PARAMETERS[name])]);
            row([name, outcome.judged, Object.values(outcome.iamCalls).reduce((a, b) => a + b, 0)]);
        } finally {
            aws.restore();
        }
    }

    const coalesced: number[] = [];
    const single: number[] = [];
    let summary = "";
    for (let round = 0; round < rounds; round++) {
        const records = burst();
        const aws = account();
        try {
            const { seconds, outcome } = await timedRun(aws, records);
            coalesced.push(records.length / seconds);
            const calls = Object.values(outcome.iamCalls).reduce((a, b) => a + b, 0);
            summary = `${outcome.events} events → ${outcome.judged} principals judged once each, ${calls} IAM calls, ${outcome.alerts} alerts`;
        } finally {
            aws.restore();
        }
        const alone = account();
        try {
            let seconds = 0;
            let calls = 0;
            for (const record of records) {
                const run = await timedRun(alone, [record]);
                seconds += run.seconds;
                calls += Object.values(run.outcome.iamCalls).reduce((a, b) => a + b, 0);
            }
            single.push(records.length / seconds);
            summary += `; one batch per event: ${calls} IAM calls`;
        } finally {
            alone.restore();
        }
    }
    console.log(`\nA burst of ${BURST} events after a large \`pulumi up\`: ${summary}.\n`);
    row(["Batching", "Events per second (median)"]);
    row(["---", "---"]);
    row([`one batch of ${BURST}`, median(coalesced).toFixed(0)]);
    row(["one batch per event", median(single).toFixed(0)]);
}
