/**
 * The offline preview: read a Pulumi project and stack file, run the program under mocks, judge it with a policy pack
 * over the analyzer protocol. Everything that can be wrong with the input raises UsageError (exit code 2).
 */
import * as fs from "fs";
import * as path from "path";
import { captureProgram, ProgramError, UnansweredInvokeError } from "./captureProgram";
import { writeFixturesSkeleton } from "./fixturesSkeleton";
import { configNote } from "./stackConfigNote";
import { CapturedResource, CaptureMode, ProgramLog } from "./capturedResource";
import { checkPolicyConfigShape } from "./policyConfig";
import { Diagnostic, inRegistrationOrder, PolicyInfo, PolicyPackConfig, PolicyPackSession, startPolicyPack } from "./policyPackClient";
import { readExistingUsers, readInvokeFixtures, readJson, readProject, readStackConfig, UsageError } from "./previewInputs";
import { MOCK_ACCOUNT } from "./synthesizedOutputs";

export { readExistingUsers, readInvokeFixtures, readProject, readStackConfig, secretPaths, UsageError } from "./previewInputs";
export type { PulumiProject } from "./previewInputs";

export interface OfflinePreviewOptions {
    /** Directory holding Pulumi.yaml. */
    projectDir: string;
    /** Stack name: reads Pulumi.<stack>.yaml. */
    stack: string;
    usersFile?: string;
    fixturesFile?: string;
    /** Answer `{}` to invokes that neither a fixture nor a built-in answer covers, instead of stopping. */
    allowEmptyInvokes?: boolean;
    /** What `pulumi.getOrganization()` returns; default "organization", as on a self-managed backend. */
    organization?: string;
    policyPackDir: string;
    policyConfigFile?: string;
    mode: CaptureMode;
    /** On invokes nothing answers: write a fixtures file here with each of them, its result's fields to fill in. */
    writeFixturesFile?: string;
    /** Told what the run is doing (the program, the pack, the analysis), for a progress line. */
    progress?: (step: string) => void;
    /**
     * Starts the pack (default startPolicyPack: a process of its own, closed when the run ends). The tests' in-process
     * runs hand one started pack to the runs of a file; the run configures it, and closes the session it was given.
     */
    startPolicyPack?: (packDir: string) => Promise<PolicyPackSession>;
}

/** What the run took to be true of the account: the mocks' answers, stated so nobody mistakes them for facts. */
export interface AccountAssumptions {
    accountId: string;
    region: string;
    organization: string;
    /** Existing IAM users answered to aws.iam.getUsers. */
    existingUsers: string[];
    /** Invokes answered with empty values because --allow-empty-invokes asked for it. */
    emptyInvokes: string[];
    /** Existing resources the program read: nothing looked up, their state made up from their ids. */
    reads: string[];
}

/** The stack's config as the run read it. */
export interface StackConfigReport {
    /** The stack file read, or undefined when there is none. */
    file?: string;
    /** ESC environments the stack file imports: not resolved offline. */
    environments: string[];
    /** Keys the program read that the stack does not set (they may come from those environments). */
    missingKeys: string[];
}

export interface OfflinePreviewResult {
    project: string;
    /** The program's entry file (Pulumi.yaml's `main`, its package.json `main`, else index.ts / index.js). */
    entryFile: string;
    stack: string;
    mode: CaptureMode;
    policyPack: { name: string; version: string; policies: PolicyInfo[] };
    resources: CapturedResource[];
    /** The stack outputs (the program's exports), secrets kept as secrets. */
    outputs: Record<string, unknown>;
    logs: ProgramLog[];
    /** Components registered remote: their children are built by their provider, so none was judged offline. */
    remoteComponents: CapturedResource[];
    stackConfig: StackConfigReport;
    assumptions: AccountAssumptions;
    diagnostics: Diagnostic[];
    mandatoryViolations: number;
    advisoryViolations: number;
}

function entryFileOf(programDir: string): string {
    if (fs.existsSync(programDir) && fs.statSync(programDir).isFile()) {
        return programDir;
    }
    try {
        const main = JSON.parse(fs.readFileSync(path.join(programDir, "package.json"), "utf8")).main;
        if (typeof main === "string" && fs.existsSync(path.join(programDir, main))) {
            return path.join(programDir, main);
        }
    } catch {
        // no package.json: the Node.js defaults
    }
    return ["index.ts", "index.js"].map((f) => path.join(programDir, f)).find((f) => fs.existsSync(f)) ?? path.join(programDir, "index.ts");
}

function programFailure(err: unknown, stack: { file?: string; environments: string[] }, stackName: string): unknown {
    if (err instanceof UnansweredInvokeError) {
        return new UsageError(err.message + configNote(stack, stackName, err.configMisses), { unansweredInvokes: err.invokes, logs: err.logs, missingConfig: err.configMisses });
    }
    if (err instanceof ProgramError) {
        return new UsageError(`the program failed${err.location ? ` at ${err.location}` : ""}: ${err.message}${configNote(stack, stackName, err.configMisses)}`, {
            ...(err.location ? { location: err.location } : {}),
            logs: err.logs,
            missingConfig: err.configMisses,
        });
    }
    return err;
}

export async function runOfflinePreview(options: OfflinePreviewOptions): Promise<OfflinePreviewResult> {
    const progress = options.progress ?? (() => undefined);
    const project = readProject(options.projectDir);
    const stackConfig = readStackConfig(options.projectDir, project.name, options.stack);
    const config = stackConfig.config;
    const existingUsers = options.usersFile ? readExistingUsers(options.usersFile) : [];
    const invokeFixtures = options.fixturesFile ? readInvokeFixtures(options.fixturesFile) : undefined;
    const policyConfig = options.policyConfigFile ? (readJson(options.policyConfigFile, "policy config file") as PolicyPackConfig) : undefined;
    if (policyConfig !== undefined) {
        // What any pack refuses is said before the program runs; what this pack's schema refuses, once it has started.
        try {
            checkPolicyConfigShape(policyConfig);
        } catch (err) {
            throw new UsageError(`policy config: ${(err as Error).message}`);
        }
    }
    if (!fs.existsSync(path.join(options.policyPackDir, "PulumiPolicy.yaml"))) {
        throw new UsageError(`no policy pack at ${options.policyPackDir} (PulumiPolicy.yaml not found)`);
    }
    const organization = options.organization ?? "organization";

    // Both take seconds; run them side by side, and never leave the pack running when the program fails.
    progress(`running ${project.name} (stack ${options.stack}) under mocks; starting the policy pack`);
    const [capturedResult, packResult] = await Promise.allSettled([
        captureProgram({
            programDir: project.programDir,
            projectDir: options.projectDir,
            projectName: project.name,
            stackName: options.stack,
            stackConfig: config,
            existingUsers,
            invokeFixtures,
            allowEmptyInvokes: options.allowEmptyInvokes,
            organization,
            mode: options.mode,
            typescript: project.typescript,
            tsconfig: project.tsconfig,
        }).finally(() => progress("program done")),
        (options.startPolicyPack ?? startPolicyPack)(options.policyPackDir).finally(() => progress("policy pack started")),
    ]);
    if (capturedResult.status === "rejected") {
        if (packResult.status === "fulfilled") {
            await packResult.value.close();
        }
        const reason = capturedResult.reason;
        if (options.writeFixturesFile && reason instanceof UnansweredInvokeError) {
            progress(`writing ${options.writeFixturesFile}`);
            try {
                writeFixturesSkeleton(options.writeFixturesFile, reason.invokes, invokeFixtures ?? {}, [project.programDir, options.projectDir, path.resolve(__dirname, "../..")]);
            } catch (err) {
                throw new UsageError(`cannot write the fixtures file ${options.writeFixturesFile}: ${(err as Error).message}`);
            }
            const failure = programFailure(reason, stackConfig, options.stack) as UsageError;
            throw new UsageError(`${failure.message}; wrote ${options.writeFixturesFile} with each of them to fill in`, { ...failure.details, fixturesWritten: options.writeFixturesFile });
        }
        throw programFailure(reason, stackConfig, options.stack);
    }
    if (packResult.status === "rejected") {
        throw packResult.reason;
    }
    const captured = capturedResult.value;
    const pack = packResult.value;
    try {
        try {
            await pack.configure(policyConfig);
        } catch (err) {
            throw new UsageError(`policy config: ${(err as Error).message}`);
        }
        const resources = captured.resources;
        progress(`analyzing ${resources.length} resources`);
        // What `pulumi preview` sends (components and providers too), in either mode: an update would stop at the
        // first resource with a mandatory violation and hide the rest. Remediate's answers come back as diagnostics:
        // one that could not run is advisory, as the engine shows it; a rewrite is at level remediate.
        const run = await pack.run("preview", resources);
        const perResource = run.diagnostics.slice(0, run.diagnostics.length - run.stackDiagnostics.length);
        // The report keeps to the program's order, whatever AnalyzeStack's was.
        const diagnostics = [...perResource, ...inRegistrationOrder(run.stackDiagnostics, resources)];
        progress("analysis done");
        return {
            project: project.name,
            entryFile: entryFileOf(project.programDir),
            stack: options.stack,
            mode: options.mode,
            policyPack: { name: pack.info.name, version: pack.info.version, policies: pack.info.policies },
            resources,
            outputs: captured.outputs,
            logs: captured.logs,
            remoteComponents: resources.filter((r) => r.remote),
            stackConfig: { ...(stackConfig.file ? { file: stackConfig.file } : {}), environments: stackConfig.environments, missingKeys: captured.configMisses },
            assumptions: {
                accountId: MOCK_ACCOUNT,
                region: config["aws:region"] ?? "us-east-1",
                organization,
                existingUsers: existingUsers.map((u) => u.name),
                emptyInvokes: captured.emptyInvokes,
                reads: captured.reads,
            },
            diagnostics,
            mandatoryViolations: diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
            advisoryViolations: diagnostics.filter((d) => d.enforcementLevel === "advisory").length,
        };
    } finally {
        await pack.close();
    }
}
