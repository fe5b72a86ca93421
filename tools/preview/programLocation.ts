/**
 * Where in the program something happened: the first stack frame in the program's own files (not node_modules, not
 * this tool), else the first frame in a library the program uses, as `file:line:column` relative to the project.
 */
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";

/** `at fn (FILE:L:C)` or `at FILE:L:C`; FILE may hold spaces (a project in "My Documents"). */
const FRAME = /^at\s+(?:.*?\((.+):(\d+):(\d+)\)|(.+):(\d+):(\d+))$/;

/** An ES module's frames name file URLs (a space is `%20` there). */
const fileOf = (name: string) => {
    if (!name.startsWith("file:")) {
        return name;
    }
    try {
        return fileURLToPath(name);
    } catch {
        return name;
    }
};

function framesOf(stack: string | undefined): { file: string; line: number; column: number }[] {
    return (stack ?? "")
        .split("\n")
        .map((l) => FRAME.exec(l.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => (m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]]))
        .map(([file, line, column]) => ({ file: fileOf(file), line: Number(line), column: Number(column) }));
}

const TOOL_DIR = path.resolve(__dirname);

/** Packages that run the program rather than make up its behaviour: never the place to point at. */
const RUNNERS = /[\\/]node_modules[\\/](@pulumi[\\/]pulumi|ts-node|@cspotcode|source-map-support|mocha)[\\/]/;
const NODE_MODULES = /[\\/]node_modules[\\/]/;

/**
 * `programDirs`: the project directory and the program's (Pulumi.yaml's `main`), which may lie elsewhere; `skip`:
 * frames that only relay the call (an SDK's generated invoke function).
 */
export function programLocation(stack: string | undefined, programDirs: string[], skip: (file: string) => boolean = () => false): string | undefined {
    const projectDir = programDirs[0];
    // A library's source map may name sources it does not ship (`node_modules/@pulumi/runtime/invoke.ts`): no place to
    // point at.
    const frames = framesOf(stack).filter((f) => path.isAbsolute(f.file) && !f.file.startsWith(TOOL_DIR + path.sep) && !skip(f.file) && fs.existsSync(f.file));
    const inProgram = frames.find((f) => programDirs.some((dir) => f.file.startsWith(dir + path.sep)) && !NODE_MODULES.test(f.file));
    const inLibrary = frames.find((f) => NODE_MODULES.test(f.file) && !RUNNERS.test(f.file));
    const frame = inProgram ?? inLibrary;
    if (!frame) {
        return undefined;
    }
    const file = frame.file.startsWith(projectDir + path.sep) ? path.relative(projectDir, frame.file) : frame.file;
    return `${file}:${frame.line}:${frame.column}`;
}
