/**
 * The program compiled as the Pulumi CLI compiles it (sdk/nodejs/cmd/run): ts-node with the project's tsconfig.json
 * when it has one (else none), the CLI's defaults under the tsconfig's own compilerOptions (target ES2020, module and
 * moduleResolution nodenext, source maps), an ES module program through ts-node's ESM hooks. Unlike the CLI, always
 * with this tool's own TypeScript, so an old `typescript` in the program's node_modules can neither break the run
 * nor hide its reason; and without type checking (transpile only), which the CLI does unless told otherwise.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { pathToFileURL } from "url";

interface TsNodeService {
    ignored(file: string): boolean;
}

export interface ProgramCompilerSettings {
    /** The tsconfig used, or undefined when the project has none. */
    project?: string;
    compilerOptions: Record<string, unknown>;
    /** package.json `"type": "module"`: the program is loaded as an ES module. */
    esm: boolean;
}

/** The nearest package.json from the program up, as the CLI finds the package root. */
function packageManifest(programDir: string): Record<string, unknown> {
    for (let dir = programDir; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            try {
                return JSON.parse(fs.readFileSync(file, "utf8"));
            } catch {
                return {};
            }
        }
        if (path.dirname(dir) === dir) {
            return {};
        }
    }
}

/**
 * `tsconfig`: Pulumi.yaml's `runtime.options.tsconfig` (the CLI's PULUMI_NODEJS_TSCONFIG_PATH), relative to the
 * project directory, where the CLI runs the program.
 */
export function compilerSettings(projectDir: string, programDir: string, tsconfig?: string): ProgramCompilerSettings {
    const configPath = path.resolve(projectDir, tsconfig ?? "tsconfig.json");
    const exists = fs.existsSync(configPath);
    if (!exists && tsconfig !== undefined) {
        throw new Error(`tsconfig path was set to ${tsconfig} but the file was not found`);
    }
    // As the CLI reads it: the file's own compilerOptions, laid over the defaults (a bad file counts as empty).
    let own: Record<string, unknown> = {};
    if (exists) {
        const parsed = ts.parseConfigFileTextToJson(configPath, fs.readFileSync(configPath, "utf8"));
        own = (parsed.config?.compilerOptions as Record<string, unknown>) ?? {};
    }
    const esm = packageManifest(programDir).type === "module";
    const defaults = esm
        ? { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true" }
        : { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true" };
    return { ...(exists ? { project: configPath } : {}), compilerOptions: { ...defaults, ...own }, esm };
}

function tsNodeOptions(settings: ProgramCompilerSettings, projectDir: string): Record<string, unknown> {
    return {
        compiler: require.resolve("typescript"),
        transpileOnly: true,
        ...(settings.project ? { project: settings.project } : { skipProject: true }),
        projectSearchDir: projectDir,
        cwd: projectDir,
        compilerOptions: settings.compilerOptions,
    };
}

/**
 * Registers the program's compiler in this process (none for a JavaScript program), after the tool's own (which keeps compiling the tool's files:
 * ts-node hands on what a later registration ignores). Returns how to load the program's entry.
 */
export function registerProgramCompiler(projectDir: string, programDir: string, typescript: boolean, tsconfig?: string): (entry: string) => Promise<unknown> {
    const settings = compilerSettings(projectDir, programDir, tsconfig);
    const options = tsNodeOptions(settings, projectDir);
    // The tool's own settings, given to its ts-node by environment, must not reach the program's.
    for (const key of Object.keys(process.env).filter((k) => k.startsWith("TS_NODE_"))) {
        delete process.env[key];
    }
    if (settings.esm) {
        if (typescript) {
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const { register } = require("module");
            register(pathToFileURL(path.join(__dirname, "programEsmHooks.mjs")).href, { data: options });
        }
        // A real dynamic import (the tool's own compiler would make it a require).
        // eslint-disable-next-line no-new-func
        const load = new Function("url", "return import(url)") as (url: string) => Promise<Record<string, unknown>>;
        return async (entry) => {
            const module = await load(pathToFileURL(esmEntry(entry)).href);
            // As the CLI: a default export is the program's result, unless it has named exports too.
            if (Object.getOwnPropertyDescriptor(module, "default") !== undefined) {
                if (Object.keys(module).length !== 1) {
                    throw new Error("expected entrypoint module to have either a default export or named exports but not both");
                }
                return module.default;
            }
            return module;
        };
    }
    if (!typescript) {
        // `runtime.options.typescript: false`: JavaScript, run as it is.
        return async (entry) => require(entry);
    }
    const toolService = (process as unknown as Record<symbol, TsNodeService | undefined>)[Symbol.for("ts-node.register.instance")];
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const programService: TsNodeService = require("ts-node").register(options);
    // ts-node's hook for a file hands it on to the previous registration after compiling it: the tool's compiler would
    // compile the program's output again, and its source map would point into that output, not the program's source.
    // So each compiles only its own files: the program's compiler never the tool's, the tool's never the program's.
    const toolDir = path.resolve(__dirname, "..") + path.sep;
    const programIgnored = programService.ignored.bind(programService);
    programService.ignored = (file) => file.startsWith(toolDir) || programIgnored(file);
    if (toolService) {
        const toolIgnored = toolService.ignored.bind(toolService);
        toolService.ignored = (file) => !programService.ignored(file) || toolIgnored(file);
    }
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return async (entry) => require(fs.existsSync(entry) && fs.statSync(entry).isDirectory() ? `${entry}${path.sep}` : entry);
}

/** An ES module program's entry file, as `node <dir>` and the CLI find it. */
function esmEntry(entry: string): string {
    if (!fs.existsSync(entry) || !fs.statSync(entry).isDirectory()) {
        return entry;
    }
    const index = ["index.js", "index.mjs", "index.ts", "index.mts"].find((f) => fs.existsSync(path.join(entry, f)));
    if (!index) {
        throw new Error(`No entrypoint found in ${entry}`);
    }
    return path.join(entry, index);
}
