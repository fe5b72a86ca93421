/**
 * The offline preview's command, apart from the process it runs in: its arguments, where it was typed from, and the
 * streams it writes to are given, and it answers with the exit code (0 passes, 1 blocked, 2 bad usage or input). The
 * `npm start` launcher (cli.ts) hands it the process's own; tests run it in-process.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { jsonError, jsonReport } from "./jsonReport";
import { OfflinePreviewOptions, runOfflinePreview, UsageError } from "./offlinePreview";
import { exitCodeOf } from "./reportCommon";
import { sarifReport } from "./sarifReport";
import { textReport } from "./textReport";

export interface CommandIo {
    readonly stdout: { write(text: string): unknown };
    readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
    /** Where the command was typed: npm's INIT_CWD, else the process's directory. */
    readonly cwd: string;
    /** How the policy pack is started (default: a process of its own for the run, as the CLI starts it). */
    readonly startPolicyPack?: OfflinePreviewOptions["startPolicyPack"];
}

const ROOT = path.resolve(__dirname, "../..");

/** This repository's own stacks may come with their invoke answers: fixtures/<stack>.invokes.json, when it exists. */
function repositoryStackFixtures(stack: string): string | undefined {
    const file = path.join(ROOT, "fixtures", `${stack}.invokes.json`);
    return fs.existsSync(file) ? file : undefined;
}

const USAGE = `Usage: npm start -- [options]   (or: npx force-mfa-preview [options])

Runs a Pulumi program under mocks and judges it with a policy pack, offline.

  --stack NAME            stack config Pulumi.NAME.yaml (default: example; none is fine for a program reading no config)
  --program DIR           another Pulumi TypeScript project (directory with Pulumi.yaml; default: this repository)
  --users-file FILE       existing IAM users for aws.iam.getUsers, JSON [{name, path?, arn?}]
                          (default for this repository: fixtures/existing-users.json; otherwise none)
  --fixtures FILE         invoke and method call results, JSON {"<token>": {...}} (a method: "eks:index:Cluster/getKubeconfig");
                          one with no answer stops the run (exit 2), after naming every one the program needs
                          (default for this repository: fixtures/<stack>.invokes.json if it exists)
  --write-fixtures FILE   when invokes or method calls have no answer, write FILE: each of them with its result's
                          fields (typed from the provider's declarations) to fill in, after the --fixtures given
  --allow-empty-invokes   answer empty values to invokes without a fixture or a built-in answer, instead of stopping
  --organization NAME     what pulumi.getOrganization() returns (default: organization, as a self-managed backend)
  --policy-pack DIR       the policy pack (default: ./policy-pack)
  --policy-config FILE    policy config, as pulumi's --policy-pack-config
  --preview               outputs not yet known are unknown, as on a first preview (default)
  --known                 outputs are known, as during pulumi up
  --strict                a remote component (not expanded offline, so not judged) blocks the stack (exit 1)
  --json                  machine-readable results (and errors) on stdout, nothing else
  --sarif FILE            also write the verdicts as SARIF 2.1.0 (GitHub code scanning)
  --help                  this text

Exit code: 0 the stack passes, 1 it would be blocked, 2 bad usage or input.`;

const OPTIONS = {
    stack: { type: "string" },
    program: { type: "string" },
    "users-file": { type: "string" },
    fixtures: { type: "string" },
    "write-fixtures": { type: "string" },
    "allow-empty-invokes": { type: "boolean" },
    organization: { type: "string" },
    "policy-pack": { type: "string" },
    "policy-config": { type: "string" },
    preview: { type: "boolean" },
    known: { type: "boolean" },
    strict: { type: "boolean" },
    json: { type: "boolean" },
    sarif: { type: "string" },
    help: { type: "boolean" },
} as const;

/** Progress on stderr when it is a terminal; nothing otherwise (CI logs, pipes). */
function progressLine(stderr: CommandIo["stderr"]): ((step: string) => void) | undefined {
    if (!stderr.isTTY) {
        return undefined;
    }
    const started = Date.now();
    return (step) => stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${step}\n`);
}

async function main(argv: string[], io: CommandIo): Promise<number> {
    let values;
    try {
        ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
    } catch (err) {
        throw new UsageError(`${(err as Error).message} (see --help)`);
    }
    if (values.help) {
        io.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (values.preview && values.known) {
        throw new UsageError("--preview and --known exclude each other");
    }
    // npm runs scripts from the package root; relative paths mean what they meant where `npm start` was typed.
    const cwd = io.cwd;
    const projectDir = values.program ? path.resolve(cwd, values.program) : ROOT;
    const usersFile = values["users-file"]
        ? path.resolve(cwd, values["users-file"])
        : values.program
          ? undefined
          : path.join(ROOT, "fixtures/existing-users.json");
    const result = await runOfflinePreview({
        projectDir,
        stack: values.stack ?? "example",
        usersFile,
        fixturesFile: values.fixtures ? path.resolve(cwd, values.fixtures) : values.program ? undefined : repositoryStackFixtures(values.stack ?? "example"),
        allowEmptyInvokes: values["allow-empty-invokes"],
        writeFixturesFile: values["write-fixtures"] ? path.resolve(cwd, values["write-fixtures"]) : undefined,
        organization: values.organization,
        policyPackDir: values["policy-pack"] ? path.resolve(cwd, values["policy-pack"]) : path.join(ROOT, "policy-pack"),
        policyConfigFile: values["policy-config"] ? path.resolve(cwd, values["policy-config"]) : undefined,
        mode: values.known ? "known" : "preview",
        progress: progressLine(io.stderr),
        startPolicyPack: io.startPolicyPack,
    });
    const verdict = { strict: values.strict };
    if (values.sarif) {
        const file = path.resolve(cwd, values.sarif);
        try {
            fs.writeFileSync(file, `${JSON.stringify(sarifReport(result, { base: cwd, entryFile: result.entryFile }), null, 2)}\n`);
        } catch (err) {
            throw new UsageError(`cannot write the SARIF file ${file}: ${(err as Error).message}`);
        }
    }
    io.stdout.write(values.json ? `${JSON.stringify(jsonReport(result, { ...verdict, base: cwd }), null, 2)}\n` : textReport(result, verdict));
    return exitCodeOf(result, verdict);
}

/** Runs the command; a failure is told on the streams (one line, or JSON with --json) and answered with exit 2. */
export async function runPreviewCommand(argv: string[], io: CommandIo): Promise<number> {
    try {
        return await main(argv, io);
    } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const details = err instanceof UsageError ? err.details : {};
        // Bad usage, bad input and a failing program all mean the answer could not be given: exit 2.
        if (argv.includes("--json")) {
            io.stdout.write(`${JSON.stringify(jsonError(message, details), null, 2)}\n`);
        } else {
            io.stderr.write(`error: ${message.replace(/\s*\n\s*/g, " ")}\n`);
            for (const log of (details.logs as { severity: string; message: string }[] | undefined) ?? []) {
                if (log.severity !== "debug") {
                    io.stderr.write(`    ${log.severity}: ${log.message}\n`);
                }
            }
        }
        return 2;
    }
}
