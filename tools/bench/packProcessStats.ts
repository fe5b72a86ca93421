/**
 * What the benchmark reads from a pack process: its start-up as the CLI starts it (run-policy-pack, spawn to the port
 * it prints), its own CPU time and its peak memory, from /proc.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const RUN_POLICY_PACK = path.join(pulumiDir, "cmd/run-policy-pack/index.js");
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, in parentheses): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Peak resident memory (VmHWM) in MB. */
export function peakRssMb(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? "0") / 1024;
}

/** Seconds from spawning run-policy-pack on the pack directory to the port it prints (the process is then killed). */
export async function startUpSeconds(packDir: string, env: Record<string, string> = {}): Promise<number> {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:0", packDir], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    try {
        return await new Promise<number>((resolve, reject) => {
            let out = "";
            let err = "";
            child.stdout.on("data", (chunk) => {
                out += chunk;
                if (/^\d+\s*$/m.test(out)) {
                    resolve(Number(process.hrtime.bigint() - start) / 1e9);
                }
            });
            child.stderr.on("data", (chunk) => (err += chunk));
            child.once("exit", (code) => reject(new Error(`${packDir} exited (code ${code}) before serving: ${err.trim().slice(-400)}`)));
        });
    } finally {
        child.kill("SIGKILL");
    }
}

export function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
