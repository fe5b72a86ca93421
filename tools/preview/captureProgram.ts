/**
 * Runs a Pulumi TypeScript program under mocks in a child process (Pulumi's runtime state is process-global, so one
 * program per process) and returns its resources as the engine would hand them to a policy pack.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { crashReason } from "./programFailure";
import { CapturedResource, CaptureJob, CaptureMode, CaptureResult, ExistingUserFixture, ProgramLog, UnansweredInvoke } from "./capturedResource";

export type { CapturedResource, ProgramLog, UnansweredInvoke } from "./capturedResource";
export { UNKNOWN } from "./capturedResource";

export interface CaptureOptions {
    programDir: string;
    /** Where Pulumi.yaml is; the program runs there, as under the CLI. Default: programDir. */
    projectDir?: string;
    projectName: string;
    stackName: string;
    stackConfig: Record<string, string>;
    secretKeys?: string[];
    existingUsers: ExistingUserFixture[];
    invokeFixtures?: Record<string, unknown>;
    /** Answer `{}` to invokes nothing answers instead of stopping. */
    allowEmptyInvokes?: boolean;
    /** What `pulumi.getOrganization()` returns (default "organization", as on a self-managed backend). */
    organization?: string;
    mode: CaptureMode;
    /** Pulumi.yaml's `runtime.options.typescript` (default true) and `runtime.options.tsconfig`. */
    typescript?: boolean;
    tsconfig?: string;
}

/**
 * A program failed (bad config, an exception): the message is its own reason, without a stack trace; `location` is
 * where in the program (file:line:column) it was thrown, when known.
 */
export class ProgramError extends Error {
    constructor(
        message: string,
        readonly location?: string,
        readonly logs: ProgramLog[] = [],
        /** Config keys the program read that the stack does not set. */
        readonly configMisses: string[] = [],
    ) {
        super(message);
        this.name = "ProgramError";
    }
}

/** `eks:index:Cluster cluster` for a resource's URN. */
function resourceOf(urn: string): string {
    const [, , qualifiedType = "", name = ""] = urn.split("::");
    return `${qualifiedType.split("$").pop()} ${name}`;
}

function described(invoke: UnansweredInvoke): string {
    const where = [
        ...(invoke.sites.length ? [`called at ${invoke.sites.join(", ")}`] : []),
        ...(invoke.resources?.length ? [`on ${invoke.resources.map(resourceOf).join(", ")}`] : []),
    ];
    return `${invoke.token}${where.length ? ` (${where.join(" ")})` : ""}`;
}

/** The program called invokes that nothing answers offline: each is named with where the program called it. */
export class UnansweredInvokeError extends ProgramError {
    constructor(
        readonly invokes: UnansweredInvoke[],
        logs: ProgramLog[] = [],
        configMisses: string[] = [],
    ) {
        super(
            invokes.map(described).join("; ") +
                (invokes.length === 1 ? " has" : " have") +
                " no answer offline: add it to --fixtures (--write-fixtures FILE writes them with their result's fields to fill in), or pass --allow-empty-invokes to answer empty values",
            undefined,
            logs,
            configMisses,
        );
        this.name = "UnansweredInvokeError";
    }
}

export interface CaptureOutput {
    /** Every resource the engine would know: the root stack, default providers, components, custom resources. */
    resources: CapturedResource[];
    /** The stack outputs (the program's exports), unknowns as the marker in a preview, secrets kept as secrets. */
    outputs: Record<string, unknown>;
    /** What the program logged (`pulumi.log.*`), in order. */
    logs: ProgramLog[];
    /** Invokes answered with empty values because allowEmptyInvokes asked for it. */
    emptyInvokes: string[];
    /** Config keys the program read that the stack does not set (`project:key`). */
    configMisses: string[];
    /** Existing resources the program read (`Role.get(name, id)`), `<type> <name> (id <id>)`: made up from their ids. */
    reads: string[];
}

export async function captureProgram(options: CaptureOptions): Promise<CaptureOutput> {
    const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-capture-")), "result.json");
    const projectDir = path.resolve(options.projectDir ?? options.programDir);
    const job: CaptureJob = { ...options, organization: options.organization ?? "organization", programDir: path.resolve(options.programDir), projectDir, resultFile };
    const worker = path.join(__dirname, "captureWorker.ts");
    const repoRoot = path.resolve(__dirname, "../..");
    const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), worker], {
        cwd: projectDir,
        stdio: ["pipe", "pipe", "pipe"],
        env: {
            ...process.env,
            TS_NODE_TRANSPILE_ONLY: "true",
            // This repository's compiler settings for the worker and the program, wherever the program lives.
            TS_NODE_PROJECT: path.join(repoRoot, "tsconfig.json"),
            // This tool's TypeScript, never one the program's folder holds.
            TS_NODE_COMPILER: require.resolve("typescript"),
            // A project without its own node_modules resolves @pulumi/* (and the rest) from this repository's.
            NODE_PATH: [process.env.NODE_PATH, path.join(repoRoot, "node_modules")].filter(Boolean).join(path.delimiter),
        },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.stdin.end(JSON.stringify(job));
    const killChild = () => child.kill("SIGKILL");
    process.once("exit", killChild);
    try {
        const code = await new Promise<number | null>((resolve, reject) => {
            child.once("error", reject);
            child.once("exit", resolve);
        });
        if (!fs.existsSync(resultFile)) {
            throw new ProgramError(`the program process exited (code ${code}) without a result: ${crashReason(output)}`);
        }
        const result = JSON.parse(fs.readFileSync(resultFile, "utf8")) as CaptureResult;
        if (!result.ok) {
            // A program that stumbles on an invoke's empty answer fails for that reason: name the invoke.
            throw result.unansweredInvokes.length > 0
                ? new UnansweredInvokeError(result.unansweredInvokes, result.logs, result.configMisses)
                : new ProgramError(result.error, result.location, result.logs, result.configMisses);
        }
        return { resources: result.resources, outputs: result.outputs, logs: result.logs, emptyInvokes: result.emptyInvokes, configMisses: result.configMisses, reads: result.reads };
    } finally {
        process.removeListener("exit", killChild);
        fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
    }
}
