/**
 * Starts a policy pack as the Pulumi CLI does — @pulumi/pulumi's run-policy-pack (ts-node for a TypeScript pack) —
 * under a watchdog that kills it when this process goes away, however it goes, and reads the port it prints.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { ensureBuiltPack } from "./builtPack";
import { pulumiDir } from "./pulumiProto";

export interface PackProcess {
    port: number;
    /** The pack process itself (not its watchdog). */
    pid: number;
    close(): Promise<void>;
}

async function waitForPort(child: ChildProcess, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => reject(new Error(`the policy pack did not start within ${timeoutMs / 1000} s: ${stderr.trim().slice(-500)}`)), timeoutMs);
        child.stdout!.on("data", (chunk) => {
            stdout += chunk;
            const match = /^(\d+)\s*$/m.exec(stdout);
            if (match) {
                clearTimeout(timer);
                resolve(Number(match[1]));
            }
        });
        child.stderr!.on("data", (chunk) => (stderr += chunk));
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`the policy pack exited (code ${code}) before serving: ${stderr.trim().split("\n").slice(-8).join("\n")}`));
        });
    });
}

const running = new Set<ChildProcess>();
let exitHooksInstalled = false;

/** A pack child outlives a crashed parent unless killed: kill every one on the way out. */
function installExitHooks(): void {
    if (exitHooksInstalled) {
        return;
    }
    exitHooksInstalled = true;
    process.on("exit", () => running.forEach((c) => c.kill("SIGTERM")));
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        process.once(signal, () => {
            running.forEach((c) => c.kill("SIGTERM"));
            process.exit(130);
        });
    }
}

export async function launchPack(packDir: string, startTimeoutMs: number): Promise<PackProcess> {
    installExitHooks();
    const dir = path.resolve(packDir);
    ensureBuiltPack(dir); // a pack that ships compiled JavaScript runs its built entry, as the CLI would
    const child = spawn(
        process.execPath,
        [path.join(__dirname, "packWatchdog.js"), path.join(pulumiDir, "cmd/run-policy-pack/index.js"), dir],
        { cwd: __dirname, stdio: ["pipe", "pipe", "pipe"] },
    );
    running.add(child);
    child.once("exit", () => running.delete(child));
    let pid = 0;
    child.stdout!.on("data", (chunk: Buffer) => {
        const match = /^pid:(\d+)$/m.exec(chunk.toString());
        if (match) {
            pid = Number(match[1]);
        }
    });
    const close = async () => {
        if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGTERM"); // the watchdog kills the pack, then exits
            await exited;
        }
    };
    try {
        const port = await waitForPort(child, startTimeoutMs);
        return { port, pid, close };
    } catch (err) {
        await close();
        throw err;
    }
}
