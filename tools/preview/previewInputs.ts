/**
 * The offline preview's inputs, each checked before anything runs: the project (Pulumi.yaml), the stack's config
 * (Pulumi.<stack>.yaml, no secrets anywhere in it), the existing users, the invoke fixtures. Anything wrong raises
 * UsageError (exit code 2).
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { ExistingUserFixture } from "./capturedResource";
import { IAM_PATH, IAM_USER_OR_ROLE_NAME } from "../../program/aws/iamNames";

export class UsageError extends Error {
    constructor(
        message: string,
        /** Structured detail for machine-readable output (the program's logs, the unanswered invokes, ...). */
        readonly details: Record<string, unknown> = {},
    ) {
        super(message);
        this.name = "UsageError";
    }
}

export function readText(file: string, what: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        throw new UsageError(`${what} not found: ${file}`);
    }
}

export function readJson(file: string, what: string): unknown {
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

/**
 * Where a config value holds secrets (`{secure: ...}`), as `pulumi config --path` names them: `key`,
 * `key.sub[0].name`. A secret in a list or an object is as undecryptable as one at the top.
 */
export function secretPaths(value: unknown, at: string): string[] {
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => secretPaths(v, `${at}[${i}]`));
    }
    if (value && typeof value === "object") {
        const object = value as Record<string, unknown>;
        if ("secure" in object && Object.keys(object).length === 1) {
            return [at];
        }
        return Object.entries(object).flatMap(([k, v]) => secretPaths(v, /^[A-Za-z_][\w-]*$/.test(k) ? `${at}.${k}` : `${at}["${k}"]`));
    }
    return [];
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
        const secrets = secretPaths(value, key);
        if (secrets.length > 0) {
            throw new UsageError(
                `${file}: ${secrets.join(", ")} ${secrets.length === 1 ? "is a secret" : "are secrets"}; secrets cannot be decrypted offline — use a stack file with plain test values`,
            );
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
