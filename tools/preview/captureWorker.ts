/**
 * Child process of captureProgram: runs one Pulumi program under mocks, as the Node.js language host runs it (inside
 * the root `pulumi:pulumi:Stack` component), and records every registration as the engine would hold it (see
 * engineRegistrations), the program's log messages, and the invokes nothing answers offline. One program per process:
 * Pulumi's runtime state is process-global.
 */
import * as fs from "fs";
import * as path from "path";
import type * as PulumiSdk from "@pulumi/pulumi";
import { CaptureJob, CaptureResult, ProgramLog } from "./capturedResource";
import { declarationDirs, recordRegistrations } from "./engineRegistrations";
import { InvokeAnswers } from "./invokeAnswers";
import { answerCalls } from "./mockMonitorCalls";
import { ResultShapes, resourceShape } from "./providerDeclarations";
import { registerProgramCompiler } from "./programCompiler";
import { noteInvokeCallSites, recordConfigMisses, recordLogs } from "./programHooks";
import { programFailure } from "./programFailure";
import { mockState, readState } from "./synthesizedOutputs";

const STACK_REFERENCE = "pulumi:pulumi:StackReference";

function finish(job: CaptureJob, result: CaptureResult): never {
    fs.writeFileSync(job.resultFile, JSON.stringify(result));
    process.exit(0);
}

/**
 * The @pulumi/pulumi the program itself loads (its own node_modules, else this repository's): mocks set on another
 * copy would not reach it, and it would try to reach an engine.
 */
function programSdk(programDir: string): { pulumi: typeof PulumiSdk; sdkDir: string; settings: { waitForRPCs?: () => Promise<void> } } {
    let entry: string;
    try {
        entry = require.resolve("@pulumi/pulumi", { paths: [programDir] });
    } catch {
        entry = require.resolve("@pulumi/pulumi");
    }
    const sdkDir = path.dirname(entry);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return { pulumi: require(entry), sdkDir, settings: require(path.join(sdkDir, "runtime", "settings")) };
}

async function main(): Promise<void> {
    const job = JSON.parse(fs.readFileSync(0, "utf8")) as CaptureJob;
    const region = job.stackConfig["aws:region"] ?? "us-east-1";
    const shapes = new ResultShapes(declarationDirs(job));
    // Nothing answers it: an empty value of each declared field lets the program go on, so one run names them all.
    const answers = new InvokeAnswers(job, region, (token) => shapes.resultOf(token, "empty") ?? {});
    let logs: () => Promise<ProgramLog[]> = async () => [];
    let configMisses: () => string[] = () => [];
    let failing = false;
    /** Existing resources the program read (`.get()`): made up from their ids, said in the report. */
    const reads: string[] = [];
    const failed = async (err: unknown): Promise<never> => {
        if (failing) {
            return new Promise<never>(() => undefined);
        }
        failing = true;
        // RunError and config errors carry their whole reason in the message; no stack trace for the user.
        const { error, location } = programFailure(err, [job.projectDir, job.programDir], (token) => answers.siteOf(token));
        const recorded = await Promise.race([logs(), new Promise<ProgramLog[]>((resolve) => setTimeout(() => resolve([]), 1000))]);
        finish(job, { ok: false, error, location, unansweredInvokes: answers.unansweredWithSites(), logs: recorded, emptyInvokes: [...answers.answeredEmpty], configMisses: configMisses() });
    };
    process.on("uncaughtException", (err) => void failed(err));
    process.on("unhandledRejection", (err) => void failed(err));
    const { pulumi, sdkDir, settings } = programSdk(job.programDir);
    logs = recordLogs(sdkDir);
    configMisses = recordConfigMisses(sdkDir);
    noteInvokeCallSites(sdkDir, answers, [job.projectDir, job.programDir]);

    pulumi.runtime.setAllConfig(job.stackConfig, job.secretKeys ?? []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const inputs = args.inputs as Record<string, unknown>;
                if (args.custom === false) {
                    return { id: undefined, state: {} };
                }
                if (args.type === STACK_REFERENCE) {
                    // Another stack's outputs: answered from the fixtures like an invoke, never made up.
                    const stack = String(inputs.name ?? args.name);
                    return { id: stack, state: { name: stack, outputs: answers.answer(`stackReference:${stack}`, {}), secretOutputNames: [] } };
                }
                if (args.id) {
                    reads.push(`${args.type} ${args.name} (id ${args.id})`);
                    return readState(args.type, args.name, args.id, inputs, region, resourceShape(args.type, declarationDirs(job)));
                }
                return mockState(args.type, args.name, inputs, job.mode, region, resourceShape(args.type, declarationDirs(job)));
            },
            call: (args) => answers.answer(args.token, (args.inputs ?? {}) as Record<string, unknown>),
        },
        job.projectName,
        job.stackName,
        job.mode === "preview",
        job.organization,
    );
    const monitor = pulumi.runtime.getMonitor() as any;
    answerCalls(monitor, sdkDir, (token, inputs, self) => answers.answer(token, inputs, self));
    const registrations = recordRegistrations(monitor, job);

    try {
        process.chdir(job.projectDir);
        const load = registerProgramCompiler(job.projectDir, job.programDir, job.typescript !== false, job.tsconfig);
        // As the language host runs a program: inside the root stack component, its export (or the result of the
        // exported function) awaited and registered as the stack's outputs.
        await pulumi.runtime.runInPulumiStack(async () => {
            const exported = await load(path.resolve(job.programDir));
            return await (typeof exported === "function" ? exported() : exported);
        });
        // Registrations started by the program (and its applies) finish after its promise does.
        for (let i = 0; i < 3; i++) {
            await settings.waitForRPCs?.();
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
    } catch (err) {
        await failed(err);
    }
    if (answers.unanswered.length > 0) {
        await failed(new Error("invokes without an answer"));
    }
    finish(job, {
        ok: true,
        resources: registrations.resources,
        outputs: registrations.stackOutputs(),
        logs: await logs(),
        emptyInvokes: [...answers.answeredEmpty],
        configMisses: configMisses(),
        reads,
    });
}

void main();
