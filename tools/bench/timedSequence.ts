/**
 * One timed unit of the bench: a sequence's requests built before the timed window, then sent to a pack process
 * while its own CPU is read from /proc (split at AnalyzeStack), and the order in which the two packs take turns.
 */
import { CapturedResource } from "../preview/captureProgram";
import { EngineRun, EngineSequence, PolicyPackSession, startPolicyPack } from "../preview/policyPackClient";
import { cpuSeconds } from "./packProcessStats";

/** What the CLI sends a pack in the timed calls. */
export const SEQUENCE: EngineSequence = "preview";

export interface Timed {
    wall: number;
    cpu: number;
    mandatory: number;
    /** Of cpu: the pack's during the per-resource calls (Remediate, Analyze), and during AnalyzeStack. */
    resourceCpu: number;
    stackCpu: number;
}

/** A sequence's requests, built before the timed window: sending them is what is timed. */
export type Prepared = (beforeStack: () => void) => Promise<EngineRun>;

export function prepare(pack: PolicyPackSession, resources: readonly CapturedResource[]): Prepared {
    let beforeStack = () => undefined as void;
    const send = pack.prepareRun(SEQUENCE, resources, { beforeStack: () => beforeStack() });
    return (told) => {
        beforeStack = told;
        return send();
    };
}

/** AnalyzeStack alone (to settle that path), its request built before the window. */
export function prepareStackAlone(pack: PolicyPackSession, resources: readonly CapturedResource[]): Prepared {
    const send = pack.prepareAnalyzeStack(resources);
    return async (told) => {
        told();
        const diagnostics = await send();
        return { sequence: SEQUENCE, diagnostics, stackDiagnostics: diagnostics, remediations: [], stackOrder: resources.map((r) => r.urn) };
    };
}

export async function timed(pid: number, send: Prepared): Promise<Timed> {
    const cpu = cpuSeconds(pid);
    let atStack = cpu;
    const start = process.hrtime.bigint();
    const run = await send(() => (atStack = cpuSeconds(pid)));
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const end = cpuSeconds(pid);
    return {
        wall,
        cpu: end - cpu,
        mandatory: run.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
        resourceCpu: atStack - cpu,
        stackCpu: end - atStack,
    };
}

export async function session(dir: string, env: Record<string, string> = {}): Promise<PolicyPackSession> {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
        const pack = await startPolicyPack(dir);
        await pack.configure();
        return pack;
    } finally {
        process.env = saved;
    }
}

/** Round r runs the guard first when r is even, the no-op first when it is odd. */
export async function rotated<T>(round: number, guard: () => Promise<T>, noop: () => Promise<T>): Promise<[T, T]> {
    if (round % 2 === 0) {
        const g = await guard();
        return [g, await noop()];
    }
    const n = await noop();
    return [await guard(), n];
}
