/**
 * `BENCH_PARTS=audit npm run bench`: the account audit and the lifecycle plan end to end, as a person runs them (the
 * compiled CLIs, in a fresh process each), on a generated account of BENCH_AUDIT_USERS users (default 5,000) and
 * BENCH_AUDIT_ROLES roles (default 2,000): wall time, the process's own CPU time (steadier than wall on a busy
 * machine) and peak memory, medians of BENCH_ROUNDS runs after one untimed run (which builds the CLI's bundle when a
 * source changed).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { accountExport } from "./accountExport";
import { median } from "./packProcessStats";

const ROOT = path.resolve(__dirname, "../..");

export interface Run {
    readonly seconds: number;
    readonly cpuSeconds: number;
    readonly peakMb: number;
    readonly status: number | null;
}

/** One run of a compiled CLI in a fresh process (`dir` its working directory, `nodeOptions` Node's): wall, its own CPU and peak memory. */
export function runCli(bin: string, args: readonly string[], dir: string, nodeOptions: readonly string[] = []): Run {
    const rssFile = path.join(dir, "process-usage.json");
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [...nodeOptions, "-r", path.join(__dirname, "processUsage.js"), path.join(ROOT, bin), ...args], {
        cwd: dir,
        env: { ...process.env, BENCH_MAX_RSS_FILE: rssFile, INIT_CWD: dir },
        stdio: ["ignore", "ignore", "pipe"],
        encoding: "utf8",
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0 && result.status !== 1) {
        throw new Error(`${bin} exited with ${result.status}: ${result.stderr}`);
    }
    const usage = JSON.parse(fs.readFileSync(rssFile, "utf8")) as { maxRSS: number; cpu: number };
    return { seconds, cpuSeconds: usage.cpu / 1e6, peakMb: usage.maxRSS / 1024, status: result.status };
}

export async function auditBench(rounds: number, users: number, roles: number): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-audit-bench-"));
    try {
        const generated = accountExport(users, roles);
        fs.writeFileSync(path.join(dir, "authorization-details.json"), JSON.stringify(generated.details));
        fs.writeFileSync(path.join(dir, "credential-report.csv"), generated.credentialReportCsv);
        const inputs = ["--authorization-details", "authorization-details.json", "--credential-report", "credential-report.csv", "--now", "2026-12-01T12:00:00Z"];
        const clis: [string, string, string[]][] = [
            ["`npm run audit`", "tools/audit/bin/force-mfa-audit.js", [...inputs, "--json"]],
            ["`npm run audit` with --html, --csv, --asff", "tools/audit/bin/force-mfa-audit.js", [...inputs, "--html", "a.html", "--csv", "a.csv", "--asff", "a.json", "--region", "eu-west-1"]],
            ["`npm run lifecycle`", "tools/enrollmentWindow/bin/force-mfa-lifecycle.js", inputs],
        ];
        const size = (fs.statSync(path.join(dir, "authorization-details.json")).size / 2 ** 20).toFixed(1);
        console.log(`\nAccount audit, end to end (a fresh process per run, compiled CLI), ${users.toLocaleString("en")} users and ${roles.toLocaleString("en")} roles (${size} MB of authorization details):\n`);
        console.log("| CLI | wall (median) | runs | CPU (median) | peak memory |");
        console.log("| --- | ---: | --- | ---: | ---: |");
        for (const [label, bin, args] of clis) {
            runCli(bin, args, dir); // untimed: builds the bundle if a source changed
            const runs = Array.from({ length: rounds }, () => runCli(bin, args, dir));
            const seconds = runs.map((r) => r.seconds);
            const cpu = median(runs.map((r) => r.cpuSeconds));
            console.log(`| ${label} | ${median(seconds).toFixed(2)} s | ${seconds.map((s) => s.toFixed(2)).join(", ")} | ${cpu.toFixed(2)} s | ${median(runs.map((r) => r.peakMb)).toFixed(0)} MB |`);
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
