/**
 * The order in which the engine sends a stack's resources: AnalyzeStack gathers them from a concurrent map (no
 * particular order; shuffled here by seed, so a run is reproducible), `pulumi policy analyze` in the state's order.
 */
import { Diagnostic } from "./analyzerAnswers";
import { resourcesByUrn } from "./analyzerRequests";
import { CapturedResource } from "./capturedResource";

/** A seeded generator (mulberry32): one seed, one sequence, so a shuffled run is reproducible. */
function seeded(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The seed the preview, the tests and the benchmark shuffle with unless told another. */
export const DEFAULT_ORDER_SEED = 20260821;

/**
 * AnalyzeStack's order in a preview or update: the engine gathers the resources from a concurrent map (the
 * deployment's `news`, step_generator.go AnalyzeResources), so in no particular order, and never to be relied on.
 * Here a seeded shuffle: not registration order, and the same for the same seed.
 */
export function unorderedStack<T>(resources: readonly T[], seed = DEFAULT_ORDER_SEED): T[] {
    const random = seeded(seed);
    const out = [...resources];
    for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
}

/**
 * The order of a stack's state, as `pulumi policy analyze` sends it: each resource after its parent, provider and
 * dependencies (the state is written so), the rest as the steps happened to finish — here a seeded choice among the
 * resources whose dependencies are placed.
 */
export function stateOrder(resources: readonly CapturedResource[], seed = DEFAULT_ORDER_SEED): CapturedResource[] {
    const random = seeded(seed);
    const index = new Map(resources.map((r, i) => [r.urn, i]));
    const waiting = new Array<number>(resources.length).fill(0);
    const dependents: number[][] = resources.map(() => []);
    resources.forEach((r, i) => {
        const provider = r.provider?.split("::").slice(0, -1).join("::");
        const on = new Set([r.parent, provider, ...r.dependencies, ...Object.values(r.propertyDependencies).flat()]);
        for (const urn of on) {
            const j = urn === undefined ? undefined : index.get(urn);
            if (j !== undefined && j !== i) {
                waiting[i]++;
                dependents[j].push(i);
            }
        }
    });
    const ready = resources.map((_, i) => i).filter((i) => waiting[i] === 0);
    const out: CapturedResource[] = [];
    while (ready.length > 0) {
        const at = Math.floor(random() * ready.length);
        const i = ready[at];
        ready[at] = ready[ready.length - 1];
        ready.pop();
        out.push(resources[i]);
        for (const d of dependents[i]) {
            if (--waiting[d] === 0) {
                ready.push(d);
            }
        }
    }
    // A cycle (no state has one) would leave resources out: they follow in the order given.
    const placed = new Set(out);
    return [...out, ...resources.filter((r) => !placed.has(r))];
}

/**
 * Diagnostics policy by policy (as first answered), each policy's in the order the resources were registered (the
 * stack's own first): AnalyzeStack gets its resources in no particular order and a pack may answer in that order, so
 * what is shown to people or compared should not depend on it.
 */
export function inRegistrationOrder(diagnostics: readonly Diagnostic[], resources: readonly CapturedResource[]): Diagnostic[] {
    const registered = new Map(resources.map((r, i) => [r.urn, i]));
    const policies = new Map<string, number>();
    diagnostics.forEach((d) => policies.set(d.policyName, policies.get(d.policyName) ?? policies.size));
    return diagnostics
        .map((d, i) => ({ d, i, policy: policies.get(d.policyName)!, at: registered.get(d.urn) ?? -1 }))
        .sort((a, b) => a.policy - b.policy || a.at - b.at || a.i - b.i)
        .map(({ d }) => d);
}
