/**
 * `npm run bench`: what a preview pays for force-mfa-guard, against a prebuilt no-op pack with the same number of
 * stack and resource policies (what any pack pays through the SDK as it is: it decodes the stack once per stack
 * policy, where force-mfa-guard decodes it once per call), over the analyzer protocol, each timed unit being what
 * the CLI sends a pack in a preview (SEQUENCE: per resource, one after the other, Remediate then Analyze; then
 * AnalyzeStack, its resources in no particular order):
 *
 * 1. start-up: spawn of run-policy-pack to the port it prints, as the CLI starts a pack;
 * 2. the first preview sequence of a fresh process on the example stack (Pulumi.example.yaml), and a warm one;
 * 3. warm sequences on account-scale stacks (BENCH_USERS, default 1k, 5k, 10k, 50k users), on BENCH_PAIRS (default
 *    3) pairs of fresh pack processes, once the stack's AnalyzeStack has settled (calls 2 to 5 of AnalyzeStack alone
 *    reported apart, as settling): wall time and the pack process's own CPU (from /proc), split between the
 *    per-resource calls and AnalyzeStack, peak memory (VmHWM, median of the pairs);
 * 4. the sequence on each hostile input (hostileStacks.ts), and on the no-op pack for what the SDK alone pays;
 * 5. `npm start` (the offline preview of the example stack), end to end;
 * 6. the watch's batch run under mocked AWS SDK clients (watchBench.ts).
 *
 * Rounds (BENCH_ROUNDS, default 3, per pair of processes in part 3) alternate which pack goes first; figures are
 * medians, ratios medians of per-round ratios. Requests are built before the timed window. Timings are noisy:
 * compare ratios from one run. BENCH_PARTS (default startup,first,scale,hostile,start,audit,organization,watch) runs only
 * some parts; `audit` is the account audit and lifecycle CLIs end to end (auditBench.ts), `organization` the offline
 * organization audit (organizationBench.ts), `watch` the watch's batch run (watchBench.ts).
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { forceMfaGuardPolicies } from "../../policy-pack/policies";
import { ensureBuiltPack } from "../preview/builtPack";
import { captureProgram, CapturedResource } from "../preview/captureProgram";
import { readExistingUsers, readProject, readStackConfig } from "../preview/offlinePreview";
import { SEQUENCE_CALLS } from "../preview/policyPackClient";
import { accountScaleStack } from "./accountScaleStack";
import { auditBench } from "./auditBench";
import { organizationBench } from "./organizationBench";
import { hostileInputs } from "./hostileStacks";
import { median, peakRssMb, startUpSeconds } from "./packProcessStats";
import { prepare, prepareStackAlone, rotated, SEQUENCE, session, Timed, timed } from "./timedSequence";
import { watchBench } from "./watchBench";

const ROOT = path.resolve(__dirname, "../..");
const GUARD = path.join(ROOT, "policy-pack");
const NOOP = path.join(__dirname, "noop-pack");
// A policy may judge both each resource and the stack: the no-op pack has one policy for each of those.
const STACK_POLICIES = forceMfaGuardPolicies.filter((p) => "validateStack" in p).length;
const RESOURCE_POLICIES = forceMfaGuardPolicies.filter((p) => "validateResource" in p).length;
const NOOP_ENV = { NOOP_STACK_POLICIES: String(STACK_POLICIES), NOOP_RESOURCE_POLICIES: String(RESOURCE_POLICIES) };
/** Counts from the environment: positive integers, else the bench stops with one line before measuring anything. */
function counts(name: string, fallback: string, list: boolean): number[] {
    const text = process.env[name] ?? fallback;
    const values = text.split(",").map((v) => (/^\s*\d+\s*$/.test(v) ? Number(v) : NaN));
    if ((!list && values.length !== 1) || values.some((v) => !Number.isInteger(v) || v < 1)) {
        console.error(`bench: ${name} must be ${list ? "a comma-separated list of positive integers" : "a positive integer"}, not "${text}"`);
        process.exit(2);
    }
    return values;
}

const ROUNDS = counts("BENCH_ROUNDS", "3", false)[0];

const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const x = (ratio: number) => `${ratio.toFixed(2)}x`;
const row = (cells: (string | number)[]) => console.log(`| ${cells.join(" | ")} |`);

async function exampleStack(): Promise<CapturedResource[]> {
    const project = readProject(ROOT);
    const { config } = readStackConfig(ROOT, project.name, "example");
    const captured = await captureProgram({
        programDir: project.programDir,
        projectDir: ROOT,
        projectName: project.name,
        stackName: "example",
        stackConfig: config,
        existingUsers: readExistingUsers(path.join(ROOT, "fixtures/existing-users.json")),
        mode: "preview",
    });
    return captured.resources;
}

async function startUp(): Promise<void> {
    const guard: number[] = [];
    const noop: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < Math.max(ROUNDS, 5); round++) {
        const [g, n] = await rotated(round, () => startUpSeconds(GUARD), () => startUpSeconds(NOOP, NOOP_ENV));
        guard.push(g);
        noop.push(n);
        ratios.push(g / n);
    }
    console.log("\nStart-up (spawn of run-policy-pack to its port):\n");
    row(["force-mfa-guard", "no-op pack", "ratio"]);
    row(["---:", "---:", "---:"]);
    row([s(median(guard)), s(median(noop)), x(median(ratios))]);
}

async function firstCall(): Promise<void> {
    const resources = await exampleStack();
    const results: { guard: Timed[]; noop: Timed[]; guardWarm: Timed[] } = { guard: [], noop: [], guardWarm: [] };
    for (let round = 0; round < ROUNDS; round++) {
        const once = async (dir: string, env?: Record<string, string>) => {
            const pack = await session(dir, env);
            try {
                const first = await timed(pack.pid, prepare(pack, resources));
                const warm = await timed(pack.pid, prepare(pack, resources));
                return { first, warm };
            } finally {
                await pack.close();
            }
        };
        const [g, n] = await rotated(round, () => once(GUARD), () => once(NOOP, NOOP_ENV));
        results.guard.push(g.first);
        results.guardWarm.push(g.warm);
        results.noop.push(n.first);
    }
    console.log(`\nExample stack (${resources.length} resources), the first preview sequence of a fresh pack process, then a warm one:\n`);
    row(["", "first sequence: wall", "pack CPU", "warm sequence: wall", "mandatory"]);
    row(["---", "---:", "---:", "---:", "---:"]);
    row(["force-mfa-guard", s(median(results.guard.map((t) => t.wall))), s(median(results.guard.map((t) => t.cpu))), s(median(results.guardWarm.map((t) => t.wall))), results.guard[0].mandatory]);
    row(["no-op pack", s(median(results.noop.map((t) => t.wall))), s(median(results.noop.map((t) => t.cpu))), "", ""]);
}

/**
 * AnalyzeStack calls of a stack before the warm rounds. A pack with more code than the no-op takes longer to settle:
 * measured in-process at 10,000 users, force-mfa-guard's background compilation falls under 5 % of a call from the
 * sixth call on, the no-op's from the third. These are AnalyzeStack alone (the per-resource calls settle within the
 * thousands of them a sequence sends), timed too and reported apart as "settling".
 */
const SETTLING_CALLS = 5;
const PAIRS = counts("BENCH_PAIRS", "3", false)[0];
/** What each pack process analyzes first, untimed: its once-per-process cost (the catalog, the first JIT pass). */
const SMALL_STACK = accountScaleStack({ users: 10, groups: 3, roles: 2 });

interface PairCalls {
    /** AnalyzeStack calls 2 to SETTLING_CALLS of the stack, then the ROUNDS warm sequences; each pack's next to the other's. */
    readonly settling: [Timed, Timed][];
    readonly warm: [Timed, Timed][];
    readonly rss: [number, number];
}

/**
 * One pair of fresh pack processes on one stack: after the once-per-process cost (a small stack's sequence), call k
 * of this stack on one pack, then on the other (which goes first alternates): AnalyzeStack alone until it settles,
 * then whole sequences. Peak memory is read at the end.
 */
async function pairCalls(resources: readonly CapturedResource[]): Promise<PairCalls> {
    const guard = await session(GUARD);
    const noop = await session(NOOP, NOOP_ENV);
    try {
        for (const pack of [guard, noop]) {
            await pack.run(SEQUENCE, SMALL_STACK);
        }
        const settling: [Timed, Timed][] = [];
        const warm: [Timed, Timed][] = [];
        for (let call = 1; call <= SETTLING_CALLS + ROUNDS; call++) {
            const send = call > SETTLING_CALLS ? prepare : prepareStackAlone;
            const sendGuard = send(guard, resources);
            const sendNoop = send(noop, resources);
            const pair = await rotated(call, () => timed(guard.pid, sendGuard), () => timed(noop.pid, sendNoop));
            if (call > SETTLING_CALLS) {
                warm.push(pair);
            } else if (call > 1) {
                settling.push(pair);
            }
        }
        return { settling, warm, rss: [peakRssMb(guard.pid), peakRssMb(noop.pid)] };
    } finally {
        await guard.close();
        await noop.close();
    }
}

async function scale(sizes: number[]): Promise<void> {
    console.log(
        `\nWarm preview sequences on account-scale stacks (300 groups, 1,000 roles; first preview, ARNs unknown): ${PAIRS} pairs of fresh ` +
            `processes, ${ROUNDS} warm rounds each, once the stack's AnalyzeStack has settled (settling: AnalyzeStack alone, calls 2–${SETTLING_CALLS}). ` +
            `Pack CPU split between the per-resource calls (Remediate, Analyze) and AnalyzeStack:\n`,
    );
    row([
        "Users",
        "Resources",
        "guard: wall",
        "guard: pack CPU",
        "no-op: wall",
        "no-op: pack CPU",
        "CPU ratio",
        "wall ratio",
        "per-resource CPU: guard / no-op",
        "AnalyzeStack CPU: guard / no-op",
        "settling: CPU ratio",
        "guard peak RSS",
        "no-op peak RSS",
        "RSS ratio",
        "mandatory",
    ]);
    row(["---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]);
    for (const users of sizes) {
        const resources = accountScaleStack({ users, groups: 300, roles: 1000 });
        const warm: [Timed, Timed][] = [];
        const settling: [Timed, Timed][] = [];
        const rss: [number, number][] = [];
        // Pack processes differ from one start to the next (heap layout, when their collections fall): a ratio
        // from one pair alone says as much about that pair as about the packs.
        for (let pair = 0; pair < PAIRS; pair++) {
            const calls = await pairCalls(resources);
            warm.push(...calls.warm);
            settling.push(...calls.settling);
            rss.push(calls.rss);
        }
        const cpuRatio = (pairs: [Timed, Timed][], cpu: (t: Timed) => number = (t) => t.cpu) => median(pairs.map(([g, n]) => cpu(g) / Math.max(cpu(n), 0.01)));
        const split = (cpu: (t: Timed) => number) => `${s(median(warm.map(([g]) => cpu(g))))} / ${s(median(warm.map(([, n]) => cpu(n))))} (${x(cpuRatio(warm, cpu))})`;
        const [rg, rn] = [median(rss.map((r) => r[0])), median(rss.map((r) => r[1]))];
        row([
            users.toLocaleString("en"),
            resources.length.toLocaleString("en"),
            s(median(warm.map(([g]) => g.wall))),
            s(median(warm.map(([g]) => g.cpu))),
            s(median(warm.map(([, n]) => n.wall))),
            s(median(warm.map(([, n]) => n.cpu))),
            x(cpuRatio(warm)),
            x(median(warm.map(([g, n]) => g.wall / n.wall))),
            split((t) => t.resourceCpu),
            split((t) => t.stackCpu),
            x(cpuRatio(settling)),
            `${rg.toFixed(0)} MB`,
            `${rn.toFixed(0)} MB`,
            x(rg / rn),
            warm[0][0].mandatory,
        ]);
    }
}

async function hostile(): Promise<void> {
    console.log(
        "\nHostile inputs, the preview sequence on each, on a warm force-mfa-guard and a warm no-op pack (what the SDK alone pays for that input); " +
            "pack CPU, and of it AnalyzeStack's:\n",
    );
    row(["Input", "Resources", "guard: wall", "guard: pack CPU", "of it AnalyzeStack", "no-op: wall", "no-op: pack CPU", "of it AnalyzeStack", "mandatory"]);
    row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]);
    const guard = await session(GUARD);
    const noop = await session(NOOP, NOOP_ENV);
    try {
        for (const pack of [guard, noop]) {
            await pack.run(SEQUENCE, SMALL_STACK);
        }
        for (const input of hostileInputs()) {
            const [sendGuard, sendNoop] = [prepare(guard, input.resources), prepare(noop, input.resources)];
            const g = await timed(guard.pid, sendGuard);
            const n = await timed(noop.pid, sendNoop);
            row([input.name, input.resources.length.toLocaleString("en"), s(g.wall), s(g.cpu), s(g.stackCpu), s(n.wall), s(n.cpu), s(n.stackCpu), g.mandatory]);
        }
    } finally {
        await guard.close();
        await noop.close();
    }
}

function npmStart(): void {
    const runs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
        const start = process.hrtime.bigint();
        const result = spawnSync("npm", ["start", "--silent"], { cwd: ROOT, stdio: "ignore" });
        if (result.status !== 0 && result.status !== 1) {
            throw new Error(`npm start exited with ${result.status}`);
        }
        runs.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    console.log(`\n\`npm start\` (offline preview of the example stack, end to end): median ${s(median(runs))} of ${runs.map(s).join(", ")}.`);
}

async function main(): Promise<void> {
    const sizes = counts("BENCH_USERS", "1000,5000,10000,50000", true);
    const cpu = os.cpus();
    console.log(`Machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(", ")}.`);
    console.log(
        `force-mfa-guard (${forceMfaGuardPolicies.length} policies: ${STACK_POLICIES} judge the stack, ${RESOURCE_POLICIES} each resource) vs a prebuilt no-op pack ` +
            `of the same shape; ${ROUNDS} rounds. Timed: what the CLI sends a pack in a ${SEQUENCE}: ${SEQUENCE_CALLS[SEQUENCE]}.`,
    );
    ensureBuiltPack(GUARD);
    const audit = () => auditBench(ROUNDS, counts("BENCH_AUDIT_USERS", "5000", false)[0], counts("BENCH_AUDIT_ROLES", "2000", false)[0]);
    const organization = () =>
        organizationBench(ROUNDS, counts("BENCH_ORG_ACCOUNTS", "20,200", true), counts("BENCH_ORG_USERS", "1000", false)[0], counts("BENCH_ORG_ROLES", "300", false)[0], counts("BENCH_ORG_HEAP_MB", "256", false)[0]);
    const steps: Record<string, () => unknown> = { startup: startUp, first: firstCall, scale: () => scale(sizes), hostile, start: npmStart, audit, organization, watch: () => watchBench(ROUNDS) };
    const parts = (process.env.BENCH_PARTS ?? Object.keys(steps).join(",")).split(",").map((p) => p.trim());
    const unknown = parts.filter((p) => !(p in steps));
    if (unknown.length > 0) {
        throw new Error(`BENCH_PARTS: unknown part ${unknown.join(", ")} (known: ${Object.keys(steps).join(", ")})`);
    }
    for (const part of parts) {
        await steps[part]();
    }
    console.log(`\nLoad average at end: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")}.`);
}

main().catch((err) => {
    console.error(`bench failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
});
