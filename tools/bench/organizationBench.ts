/**
 * `BENCH_PARTS=organization npm run bench`: the offline organization audit (`force-mfa-audit --organization DIR`)
 * end to end, a fresh process of the compiled CLI per run, on a generated organization of BENCH_ORG_ACCOUNTS member
 * accounts (a list: default 20 and 200) of BENCH_ORG_USERS users (default 1,000) and BENCH_ORG_ROLES roles (default
 * 300) each, every account its own id (tools/bench/accountExport.ts): wall time, per account, the process's own CPU
 * and peak memory, medians of the rounds, after one untimed run that builds the CLI's bundle if a source changed.
 * The single-account audit of one such account is the baseline: the CLI judges one account at a time and keeps its
 * entry only, so what it needs stays near that baseline whatever the number of accounts — what grows is only the
 * report of what is wrong. Peak RSS also holds garbage V8 has not collected yet while memory is plentiful, so the
 * largest organization is run once more with its heap capped at BENCH_ORG_HEAP_MB (default 256): finishing there is
 * the proof that memory is bounded.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { accountExport } from "./accountExport";
import { runCli, Run } from "./auditBench";
import { median } from "./packProcessStats";

const BIN = "tools/audit/bin/force-mfa-audit.js";
const NOW = ["--now", "2026-12-01T12:00:00Z"];

/** 100000000000, 100000000001, …: ids of the generated members. */
const memberId = (i: number) => String(100_000_000_000 + i);

/** The organization folder: each account generated and written, then dropped, so the bench holds one at a time too. */
function writeOrganization(dir: string, accounts: number, users: number, roles: number): number {
    let bytes = 0;
    for (let i = 0; i < accounts; i++) {
        const id = memberId(i);
        const generated = accountExport(users, roles, id);
        fs.mkdirSync(path.join(dir, id), { recursive: true });
        const details = JSON.stringify(generated.details);
        fs.writeFileSync(path.join(dir, id, "authorization-details.json"), details);
        fs.writeFileSync(path.join(dir, id, "credential-report.csv"), generated.credentialReportCsv);
        bytes += details.length + generated.credentialReportCsv.length;
    }
    return bytes;
}

function row(label: string, accounts: number, runs: readonly Run[]): string {
    const wall = median(runs.map((r) => r.seconds));
    return `| ${label} | ${accounts} | ${wall.toFixed(1)} s | ${runs.map((r) => r.seconds.toFixed(1)).join(", ")} | ${((wall / accounts) * 1000).toFixed(0)} ms | ${median(runs.map((r) => r.cpuSeconds)).toFixed(1)} s | ${median(runs.map((r) => r.peakMb)).toFixed(0)} MB |`;
}

export async function organizationBench(rounds: number, sizes: readonly number[], users: number, roles: number, heapMb: number): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-org-bench-"));
    try {
        const largest = Math.max(...sizes);
        const bytes = writeOrganization(path.join(dir, "org"), largest, users, roles);
        console.log(
            `\nOrganization audit, end to end (a fresh process per run, compiled CLI): member accounts of ${users.toLocaleString("en")} users and ${roles.toLocaleString("en")} roles ` +
                `(${(bytes / largest / 2 ** 20).toFixed(1)} MB of inputs each), ${rounds} round(s):\n`,
        );
        console.log("| run | accounts | wall (median) | runs | per account | CPU (median) | peak memory |");
        console.log("| --- | ---: | ---: | --- | ---: | ---: | ---: |");
        // The baseline: the account audit of one member alone, the same process and the same judging.
        const one = ["--authorization-details", path.join("org", memberId(0), "authorization-details.json"), "--credential-report", path.join("org", memberId(0), "credential-report.csv"), ...NOW, "--json"];
        runCli(BIN, one, dir); // untimed: builds the bundle if a source changed
        console.log(row("`force-mfa-audit` of one member account", 1, Array.from({ length: rounds }, () => runCli(BIN, one, dir))));
        for (const size of [...new Set(sizes)].sort((a, b) => a - b)) {
            // A smaller organization is the largest one's first accounts, in a folder of links to them.
            const orgDir = size === largest ? "org" : `org-${size}`;
            if (size !== largest) {
                fs.mkdirSync(path.join(dir, orgDir));
                for (let i = 0; i < size; i++) {
                    fs.symlinkSync(path.join(dir, "org", memberId(i)), path.join(dir, orgDir, memberId(i)));
                }
            }
            const json = ["--organization", orgDir, ...NOW, "--json"];
            const outputs = ["--organization", orgDir, ...NOW, "--html", "org.html", "--asff", "org.asff.json", "--region", "eu-west-1"];
            console.log(row("`--organization DIR --json`", size, Array.from({ length: rounds }, () => runCli(BIN, json, dir))));
            console.log(row("… with --html, --asff", size, Array.from({ length: rounds }, () => runCli(BIN, outputs, dir))));
        }
        // Peak RSS is what V8 lets the heap grow to while memory is plentiful; a capped heap shows what the run needs.
        const capped = [`--max-old-space-size=${heapMb}`];
        const json = ["--organization", "org", ...NOW, "--json"];
        console.log(row(`… --json, heap capped at ${heapMb} MB`, largest, Array.from({ length: rounds }, () => runCli(BIN, json, dir, capped))));
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
