/**
 * `npm run bench`: times AnalyzeStack of force-mfa-guard against a no-op pack with the same number of stack and
 * resource policies, on the same account-scale resources, in one run — and Analyze of every resource, where the
 * resource policy (role trust) runs. Prints seconds, the pack process's peak memory and the ratios. Timings are
 * noisy: compare ratios measured in one run, not seconds across machines.
 */
import * as fs from "fs";
import * as path from "path";
import { forceMfaGuardPolicies } from "../../policy-pack/policies";
import { CapturedResource } from "../preview/capturedResource";
import { startPolicyPack } from "../preview/policyPackClient";
import { accountScaleStack } from "./accountScaleStack";

const ROOT = path.resolve(__dirname, "../..");

function peakRssMb(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? "0");
    return kb / 1024;
}

interface Measurement {
    seconds: number;
    /** Analyze of every resource, as the engine calls it while resources register (a few calls in flight). */
    analyzeSeconds: number;
    peakMb: number;
    mandatory: number;
}

async function measure(packDir: string, resources: CapturedResource[], env: Record<string, string> = {}): Promise<Measurement> {
    Object.assign(process.env, env);
    const pack = await startPolicyPack(packDir);
    try {
        await pack.configure();
        // Warm-up on a small stack: loading the action catalog is a once-per-process cost, not per preview.
        await pack.analyzeStack(accountScaleStack({ users: 10, groups: 3, roles: 2 }));
        const start = process.hrtime.bigint();
        const diagnostics = await pack.analyzeStack(resources);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const analyzeStart = process.hrtime.bigint();
        const inFlight = 16;
        for (let i = 0; i < resources.length; i += inFlight) {
            const batch = await Promise.all(resources.slice(i, i + inFlight).map((r) => pack.analyze(r, resources)));
            diagnostics.push(...batch.flat());
        }
        const analyzeSeconds = Number(process.hrtime.bigint() - analyzeStart) / 1e9;
        return { seconds, analyzeSeconds, peakMb: peakRssMb(pack.pid), mandatory: diagnostics.filter((d) => d.enforcementLevel === "mandatory").length };
    } finally {
        await pack.close();
    }
}

async function main() {
    const stackPolicies = forceMfaGuardPolicies.filter((p) => "validateStack" in p).length;
    const resourcePolicies = forceMfaGuardPolicies.length - stackPolicies;
    const sizes = (process.env.BENCH_USERS ?? "1000,5000,10000").split(",").map(Number);
    console.log(`force-mfa-guard (${stackPolicies} stack + ${resourcePolicies} resource policies) vs no-op packs; warm.\n`);
    console.log(
        "users  resources  AnalyzeStack: guard s  guard peak MB  no-op(same shape) s  ratio  no-op(1 policy) s  Analyze each: guard s  no-op s  ratio  mandatory violations",
    );
    const rows: string[] = [];
    for (const users of sizes) {
        const resources = accountScaleStack({ users, groups: 300, roles: 1000 });
        const guard = await measure(path.join(ROOT, "policy-pack"), resources);
        const noop = await measure(path.join(__dirname, "noop-pack"), resources, {
            NOOP_STACK_POLICIES: String(stackPolicies),
            NOOP_RESOURCE_POLICIES: String(resourcePolicies),
        });
        const noop1 = await measure(path.join(__dirname, "noop-pack"), resources, { NOOP_STACK_POLICIES: "1", NOOP_RESOURCE_POLICIES: "0" });
        const row = [
            String(users).padStart(5),
            String(resources.length).padStart(9),
            guard.seconds.toFixed(2).padStart(21),
            guard.peakMb.toFixed(0).padStart(13),
            noop.seconds.toFixed(2).padStart(20),
            `${(guard.seconds / noop.seconds).toFixed(2)}x`.padStart(6),
            noop1.seconds.toFixed(2).padStart(18),
            guard.analyzeSeconds.toFixed(2).padStart(21),
            noop.analyzeSeconds.toFixed(2).padStart(7),
            `${(guard.analyzeSeconds / noop.analyzeSeconds).toFixed(2)}x`.padStart(6),
            String(guard.mandatory).padStart(21),
        ].join("  ");
        rows.push(row);
        console.log(row);
    }
}

main().catch((err) => {
    console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
});
