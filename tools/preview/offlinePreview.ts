/**
 * The offline preview: read a Pulumi project and stack file, run the program under mocks, judge it with a policy pack
 * over the analyzer protocol. Everything that can be wrong with the input raises UsageError (exit code 2).
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { captureProgram, ProgramError } from "./captureProgram";
import { CapturedResource, CaptureMode, ExistingUserFixture } from "./capturedResource";
import { Diagnostic, PolicyPackConfig, startPolicyPack } from "./policyPackClient";
import { IAM_PATH, IAM_USER_OR_ROLE_NAME } from "../../program/enforcement/iamNames";

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export interface OfflinePreviewOptions {
    /** Directory holding Pulumi.yaml. */
    projectDir: string;
    /** Stack name: reads Pulumi.<stack>.yaml. */
    stack: string;
    usersFile?: string;
    fixturesFile?: string;
    policyPackDir: string;
    policyConfigFile?: string;
    mode: CaptureMode;
}

export interface OfflinePreviewResult {
    project: string;
    stack: string;
    mode: CaptureMode;
    policyPack: { name: string; version: string };
    resources: CapturedResource[];
    diagnostics: Diagnostic[];
    mandatoryViolations: number;
    advisoryViolations: number;
}

function readText(file: string, what: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        throw new UsageError(`${what} not found: ${file}`);
    }
}

function readJson(file: string, what: string): unknown {
    const text = readText(file, what);
    try {
        return JSON.parse(text);
    } catch (err) {
        throw new UsageError(`${what} ${file} is not valid JSON: ${(err as Error).message}`);
    }
}

export interface PulumiProject {
    name: string;
    /** The program directory (Pulumi.yaml's `main`, else the project directory). */
    programDir: string;
}

export function readProject(projectDir: string): PulumiProject {
    const file = path.join(projectDir, "Pulumi.yaml");
    const project = parseYaml(readText(file, "Pulumi project file")) as { name?: unknown; main?: unknown } | null;
    if (!project || typeof project.name !== "string") {
        throw new UsageError(`${file} has no project name`);
    }
    return { name: project.name, programDir: path.resolve(projectDir, typeof project.main === "string" ? project.main : ".") };
}

/** The stack file's config as the CLI hands it to a program: `project:key` → string, structured values as JSON. */
export function readStackConfig(projectDir: string, project: string, stack: string): { config: Record<string, string>; file: string } {
    const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
    let parsed: { config?: Record<string, unknown> } | null;
    try {
        parsed = parseYaml(readText(file, `stack file for stack "${stack}"`));
    } catch (err) {
        if (err instanceof UsageError) {
            throw err;
        }
        throw new UsageError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    }
    const config: Record<string, string> = {};
    for (const [rawKey, value] of Object.entries(parsed?.config ?? {})) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        if (value && typeof value === "object" && "secure" in (value as object)) {
            throw new UsageError(`${file}: ${key} is a secret; secrets cannot be decrypted offline — use a stack file with plain test values`);
        }
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { config, file };
}


export function readExistingUsers(file: string): ExistingUserFixture[] {
    const users = readJson(file, "users file");
    if (!Array.isArray(users) || users.some((u) => typeof u !== "object" || u === null || Array.isArray(u))) {
        throw new UsageError(`users file ${file} must be a JSON array of {"name": ..., "path"?: ..., "arn"?: ...}`);
    }
    users.forEach((user: Record<string, unknown>, i) => {
        const where = `users file ${file}: [${i}]`;
        if (typeof user.name !== "string" || !IAM_USER_OR_ROLE_NAME.test(user.name)) {
            throw new UsageError(`${where}.name must be an IAM user name, got ${JSON.stringify(user.name)}`);
        }
        if (user.path !== undefined && (typeof user.path !== "string" || !IAM_PATH.test(user.path))) {
            throw new UsageError(`${where}.path must be an IAM path such as "/" or "/eng/", got ${JSON.stringify(user.path)}`);
        }
        if (user.arn !== undefined && (typeof user.arn !== "string" || !/^arn:aws[\w-]*:iam::\d{12}:user\//.test(user.arn))) {
            throw new UsageError(`${where}.arn must be an IAM user ARN (arn:aws:iam::<account>:user/...), got ${JSON.stringify(user.arn)}`);
        }
        const unknown = Object.keys(user).filter((key) => !["name", "path", "arn"].includes(key));
        if (unknown.length > 0) {
            throw new UsageError(`${where} has unknown keys ${unknown.join(", ")} (allowed: name, path, arn)`);
        }
    });
    return users as ExistingUserFixture[];
}

/** Invoke results by token: each an object, as a provider would return it. */
export function readInvokeFixtures(file: string): Record<string, Record<string, unknown>> {
    const fixtures = readJson(file, "fixtures file");
    if (typeof fixtures !== "object" || fixtures === null || Array.isArray(fixtures)) {
        throw new UsageError(`fixtures file ${file} must be a JSON object of {"<invoke token>": {<result>}}`);
    }
    for (const [token, result] of Object.entries(fixtures)) {
        if (!/^[\w-]+:[\w/-]*:\w+$/.test(token)) {
            throw new UsageError(`fixtures file ${file}: "${token}" is not an invoke token (e.g. "aws:iam/getUsers:getUsers")`);
        }
        if (typeof result !== "object" || result === null || Array.isArray(result)) {
            throw new UsageError(`fixtures file ${file}: the result for ${token} must be an object, got ${JSON.stringify(result)}`);
        }
    }
    return fixtures as Record<string, Record<string, unknown>>;
}

export async function runOfflinePreview(options: OfflinePreviewOptions): Promise<OfflinePreviewResult> {
    const project = readProject(options.projectDir);
    const { config } = readStackConfig(options.projectDir, project.name, options.stack);
    const existingUsers = options.usersFile ? readExistingUsers(options.usersFile) : [];
    const invokeFixtures = options.fixturesFile ? readInvokeFixtures(options.fixturesFile) : undefined;
    const policyConfig = options.policyConfigFile ? (readJson(options.policyConfigFile, "policy config file") as PolicyPackConfig) : undefined;
    if (!fs.existsSync(path.join(options.policyPackDir, "PulumiPolicy.yaml"))) {
        throw new UsageError(`no policy pack at ${options.policyPackDir} (PulumiPolicy.yaml not found)`);
    }

    // Both take seconds; run them side by side, and never leave the pack running when the program fails.
    const [capturedResult, packResult] = await Promise.allSettled([
        captureProgram({
            programDir: project.programDir,
            projectDir: options.projectDir,
            projectName: project.name,
            stackName: options.stack,
            stackConfig: config,
            existingUsers,
            invokeFixtures,
            mode: options.mode,
        }),
        startPolicyPack(options.policyPackDir),
    ]);
    if (capturedResult.status === "rejected") {
        if (packResult.status === "fulfilled") {
            await packResult.value.close();
        }
        const err = capturedResult.reason;
        throw err instanceof ProgramError ? new UsageError(`the program failed: ${err.message}`) : err;
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
        // As the engine does: each registered resource on its own (components and providers too), then the stack.
        const perResource = await Promise.all(resources.map((r) => pack.analyze(r, resources)));
        const diagnostics = [...perResource.flat(), ...(await pack.analyzeStack(resources))];
        return {
            project: project.name,
            stack: options.stack,
            mode: options.mode,
            policyPack: { name: pack.info.name, version: pack.info.version },
            resources,
            diagnostics,
            mandatoryViolations: diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
            advisoryViolations: diagnostics.filter((d) => d.enforcementLevel === "advisory").length,
        };
    } finally {
        await pack.close();
    }
}
