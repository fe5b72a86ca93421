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
import { recordRegistrations } from "./engineRegistrations";
import { InvokeAnswers } from "./invokeAnswers";
import { noteInvokeCallSites, recordLogs } from "./programHooks";
import { programLocation } from "./programLocation";
import { mockState } from "./synthesizedOutputs";

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
    const answers = new InvokeAnswers(job, region);
    let logs: () => Promise<ProgramLog[]> = async () => [];
    const failed = async (err: unknown): Promise<never> => {
        // RunError and config errors carry their whole reason in the message; no stack trace for the user.
        const error = err instanceof Error ? err.message.trim() : String(err);
        const location = err instanceof Error ? programLocation(err.stack, [job.projectDir, job.programDir]) : undefined;
        const recorded = await Promise.race([logs(), new Promise<ProgramLog[]>((resolve) => setTimeout(() => resolve([]), 1000))]);
        finish(job, { ok: false, error, location, unansweredInvokes: answers.unansweredWithSites(), logs: recorded, emptyInvokes: [...answers.answeredEmpty] });
    };
    process.on("uncaughtException", (err) => void failed(err));
    process.on("unhandledRejection", (err) => void failed(err));
    const { pulumi, sdkDir, settings } = programSdk(job.programDir);
    logs = recordLogs(sdkDir);
    noteInvokeCallSites(sdkDir, answers, [job.projectDir, job.programDir]);

    pulumi.runtime.setAllConfig(job.stackConfig, job.secretKeys ?? []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) =>
                args.custom === false
                    ? { id: undefined, state: {} }
                    : mockState(args.type, args.name, args.inputs as Record<string, unknown>, job.mode, region),
            call: (args) => answers.answer(args.token, (args.inputs ?? {}) as Record<string, unknown>),
        },
        job.projectName,
        job.stackName,
        job.mode === "preview",
        job.organization,
    );
    const registrations = recordRegistrations(pulumi.runtime.getMonitor() as any, job);

    try {
        process.chdir(job.projectDir);
        // As the language host runs a program: inside the root stack component, its export (or the result of the
        // exported function) awaited and registered as the stack's outputs.
        await pulumi.runtime.runInPulumiStack(async () => {
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const exported = require(path.resolve(job.programDir));
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
    });
}

void main();
