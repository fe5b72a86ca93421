/**
 * The offline preview's inputs, each checked before anything runs: the project (Pulumi.yaml), the stack's config
 * (Pulumi.<stack>.yaml, no secrets anywhere in it), the existing users, the invoke fixtures. Anything wrong raises
 * UsageError (exit code 2).
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { ExistingUserFixture } from "./capturedResource";
import { placeholderIn } from "./fixturePlaceholders";
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
    /** `runtime.options.typescript`: false for a JavaScript program the CLI runs without ts-node. */
    typescript: boolean;
    /** `runtime.options.tsconfig`: the tsconfig the CLI compiles with instead of ./tsconfig.json. */
    tsconfig?: string;
}

export function readProject(projectDir: string): PulumiProject {
    const file = path.join(projectDir, "Pulumi.yaml");
    const project = parseYaml(readText(file, "Pulumi project file")) as { name?: unknown; main?: unknown; runtime?: unknown } | null;
    if (!project || typeof project.name !== "string") {
        throw new UsageError(`${file} has no project name`);
    }
    const runtime = project.runtime;
    const runtimeName = typeof runtime === "string" ? runtime : (runtime as { name?: unknown } | null)?.name;
    if (runtimeName !== undefined && runtimeName !== "nodejs") {
        throw new UsageError(`${file}: runtime ${JSON.stringify(runtimeName)} is not supported offline; only nodejs (TypeScript or JavaScript) programs run`);
    }
    const options = (typeof runtime === "object" && runtime !== null ? (runtime as { options?: Record<string, unknown> }).options : undefined) ?? {};
    return {
        name: project.name,
        programDir: path.resolve(projectDir, typeof project.main === "string" ? project.main : "."),
        typescript: options.typescript !== false,
        ...(typeof options.tsconfig === "string" ? { tsconfig: options.tsconfig } : {}),
    };
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

export interface StackConfig {
    /** `project:key` → value as the CLI hands it to a program (structured values as JSON text). */
    config: Record<string, string>;
    /** The stack file, or undefined when there is none (as for the CLI, fine for a program that reads no config). */
    file?: string;
    /** ESC environments the stack file imports (`environment:`): named, not resolved offline. */
    environments: string[];
}

/** The stack file's `environment:` imports: a list of names, one name, or `{imports: [...]}`. */
function environmentsOf(value: unknown, file: string): string[] {
    const imports = value && typeof value === "object" && !Array.isArray(value) ? (value as { imports?: unknown }).imports : value;
    const list = imports === undefined || imports === null ? [] : Array.isArray(imports) ? imports : [imports];
    return list.map((entry) => {
        // An import may carry options (`- name: {merge: false}`): its name is the key.
        const name = entry && typeof entry === "object" ? Object.keys(entry)[0] : entry;
        if (typeof name !== "string" || name === "") {
            throw new UsageError(`${file}: environment imports must be ESC environment names, got ${JSON.stringify(entry)}`);
        }
        return name;
    });
}

/** The stack file's config as the CLI hands it to a program: `project:key` → string, structured values as JSON. */
export function readStackConfig(projectDir: string, project: string, stack: string): StackConfig {
    const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        return { config: {}, environments: [] };
    }
    let parsed: { config?: Record<string, unknown>; environment?: unknown } | null;
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
    return { config, file, environments: environmentsOf(parsed?.environment, file) };
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
        if (!/^[\w-]+:[\w/.-]*:\w+(\/\w+)?$/.test(token) && !/^stackReference:[\w./-]+$/.test(token)) {
            throw new UsageError(
                `fixtures file ${file}: "${token}" is not an invoke or method call token (e.g. "aws:iam/getUsers:getUsers", "eks:index:Cluster/getKubeconfig"), nor a stack reference ("stackReference:acme/network/prod")`,
            );
        }
        if (typeof result !== "object" || result === null || Array.isArray(result)) {
            throw new UsageError(`fixtures file ${file}: the result for ${token} must be an object, got ${JSON.stringify(result)}`);
        }
        const placeholder = placeholderIn(result);
        if (placeholder) {
            throw new UsageError(`fixtures file ${file}: ${token} ${placeholder} is still a placeholder written by --write-fixtures; fill in the value the provider would return`);
        }
    }
    return fixtures as Record<string, Record<string, unknown>>;
}
