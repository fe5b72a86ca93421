/**
 * What a provider's own SDK declares, read from the TypeScript declarations of the package the program uses
 * (`@pulumi/aws`, `@pulumi/eks`, ...; generated from the provider's schema): a resource type's outputs and inputs, and
 * the fields of an invoke's or a method call's result. The tool's own TypeScript reads them, whatever the program has.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PLACEHOLDERS } from "./fixturePlaceholders";

/** A token's package, declaration file and names: `aws:ec2/getSubnets:getSubnets`, `eks:index:Cluster/getKubeconfig`. */
export interface TokenDeclaration {
    pkg: string;
    /** Path of the declaration file inside the package (`ec2/getSubnets.d.ts`). */
    file: string;
    /** The declared name: a function, a class; for a method, its class. */
    name: string;
    /** For a method call: the method. */
    method?: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function tokenDeclaration(token: string): TokenDeclaration | undefined {
    const match = /^([\w-]+):([\w/.-]*):(\w+)(?:\/(\w+))?$/.exec(token);
    if (!match) {
        return undefined;
    }
    const [, pkg, module, name, method] = match;
    // `ec2/getSubnets` names the module and the file; a module alone (`index`, `apps/v1`) holds lowerFirst(name).
    const parts = module.split("/");
    const fileName = parts.length > 1 && parts[parts.length - 1] === lowerFirst(name) ? parts.pop()! : lowerFirst(name);
    const dir = parts.join("/") === "index" ? "" : parts.join("/");
    return { pkg, file: path.posix.join(dir, `${fileName}.d.ts`), name, ...(method ? { method } : {}) };
}

/** The directory of the npm package for a Pulumi package (`aws` → `@pulumi/aws`), as the program resolves it. */
export function packageDir(pkg: string, fromDirs: string[]): string | undefined {
    for (const name of [`@pulumi/${pkg}`, pkg]) {
        try {
            const manifest = require.resolve(`${name}/package.json`, { paths: fromDirs });
            const declared = JSON.parse(fs.readFileSync(manifest, "utf8")).pulumi?.name;
            if (declared === undefined || declared === pkg) {
                return path.dirname(manifest);
            }
        } catch {
            // not installed under that name
        }
    }
    return undefined;
}

export interface ResourceShape {
    /** Every output the resource class declares (inputs included). */
    outputs: string[];
    /** Its inputs (the `<Name>Args` interface). */
    inputs: string[];
}

const shapes = new Map<string, ResourceShape | undefined>();

function blockAfter(text: string, opening: RegExp): string | undefined {
    const start = text.search(opening);
    if (start < 0) {
        return undefined;
    }
    const end = text.indexOf("\n}", start);
    return text.slice(start, end < 0 ? undefined : end);
}

/**
 * A resource type's outputs and inputs, from its generated class (`readonly arn: pulumi.Output<string>`) and args
 * interface; undefined when the program has no declarations for it. Generated code, so read as text: fast enough to
 * do for every resource of a run.
 */
export function resourceShape(type: string, fromDirs: string[]): ResourceShape | undefined {
    if (shapes.has(type)) {
        return shapes.get(type);
    }
    let shape: ResourceShape | undefined;
    const declaration = tokenDeclaration(type);
    const dir = declaration && packageDir(declaration.pkg, fromDirs);
    const file = dir && path.join(dir, declaration.file);
    if (declaration && file && fs.existsSync(file)) {
        const text = fs.readFileSync(file, "utf8");
        const body = blockAfter(text, new RegExp(`export declare class ${declaration.name} extends pulumi\\.(Custom|Component)Resource`));
        const args = blockAfter(text, new RegExp(`export interface ${declaration.name}Args \\{`)) ?? "";
        if (body) {
            const names = (block: string, re: RegExp) => [...block.matchAll(re)].map((m) => m[1]);
            shape = { outputs: names(body, /^ {4}readonly (\w+): pulumi\.Output</gm), inputs: names(args, /^ {4}(\w+)\??: /gm) };
        }
    }
    shapes.set(type, shape);
    return shape;
}

export type Filler = "placeholder" | "empty";

/** A result's fields, each a value of its declared type: a placeholder to fill in, or the type's empty value. */
export class ResultShapes {
    private program: ts.Program | undefined;
    private roots: string[] = [MINIMAL_LIB];
    private readonly options: ts.CompilerOptions = { noEmit: true, noLib: true, types: [], skipLibCheck: true };
    /** Parsed once: a provider's type files are megabytes. */
    private readonly host = cachingHost(this.options);

    constructor(private readonly fromDirs: string[]) {}

    /** The result of an invoke or method call, or undefined when its declarations cannot be found. */
    resultOf(token: string, filler: Filler): Record<string, unknown> | undefined {
        const declaration = tokenDeclaration(token);
        const dir = declaration && packageDir(declaration.pkg, this.fromDirs);
        const file = dir && path.join(dir, declaration.file);
        if (!declaration || !file || !fs.existsSync(file)) {
            return undefined;
        }
        if (!this.roots.includes(file)) {
            this.roots.push(file);
            this.program = ts.createProgram(this.roots, this.options, this.host);
        }
        const checker = this.program!.getTypeChecker();
        const source = this.program!.getSourceFile(file);
        const module = source && checker.getSymbolAtLocation(source);
        if (!module) {
            return undefined;
        }
        const exports = checker.getExportsOfModule(module);
        // A function's result: Get<Name>Result; a method's: <Class>.<Method>Result, in the class's namespace.
        const symbol = declaration.method
            ? exports
                  .filter((s) => s.name === declaration.name && s.flags & ts.SymbolFlags.Namespace)
                  .flatMap((s) => checker.getExportsOfModule(s))
                  .find((s) => s.name === `${upperFirst(declaration.method!)}Result`)
            : exports.find((s) => s.name === `${upperFirst(declaration.name)}Result`);
        if (!symbol) {
            return undefined;
        }
        return valueOf(checker, checker.getDeclaredTypeOfSymbol(symbol), filler, 0) as Record<string, unknown>;
    }
}

/** The global types a checker needs (no standard library is loaded: only the provider's own declarations). */
const MINIMAL_LIB = "/force-mfa-preview/minimal-lib.d.ts";
const MINIMAL_LIB_TEXT = `interface Array<T> { length: number; [n: number]: T; } interface ReadonlyArray<T> { readonly length: number; readonly [n: number]: T; }
interface Boolean {} interface Function {} interface CallableFunction {} interface NewableFunction {} interface IArguments {}
interface Number {} interface Object {} interface RegExp {} interface String {} interface Promise<T> {}
type Record<K extends keyof any, T> = { [P in K]: T };`;

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
    const host = ts.createCompilerHost(options);
    const parsed = new Map<string, ts.SourceFile | undefined>([[MINIMAL_LIB, ts.createSourceFile(MINIMAL_LIB, MINIMAL_LIB_TEXT, ts.ScriptTarget.Latest)]]);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language, ...rest) => {
        if (!parsed.has(file)) {
            // A result is built of plain output types: the provider's input types (megabytes) and the Pulumi SDK's
            // own declarations are never needed.
            const inputsOnly = /[\\/]types[\\/]input\.d\.ts$|[\\/]@pulumi[\\/]pulumi[\\/]/.test(file);
            parsed.set(file, inputsOnly ? ts.createSourceFile(file, "export {};", language) : getSourceFile(file, language, ...rest));
        }
        return parsed.get(file);
    };
    return host;
}

function valueOf(checker: ts.TypeChecker, declared: ts.Type, filler: Filler, depth: number): unknown {
    const placeholder = (kind: keyof typeof PLACEHOLDERS) => PLACEHOLDERS[kind];
    const type = checker.getNonNullableType(declared);
    const members = type.isUnion() ? type.types : [type];
    if (members.every((t) => t.flags & ts.TypeFlags.StringLike)) {
        return filler === "empty" ? "" : placeholder("string");
    }
    if (members.every((t) => t.flags & ts.TypeFlags.NumberLike)) {
        return filler === "empty" ? 0 : placeholder("number");
    }
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLike)) {
        return filler === "empty" ? false : placeholder("boolean");
    }
    if (checker.isArrayType(type)) {
        return filler === "empty" ? [] : [valueOf(checker, checker.getTypeArguments(type as ts.TypeReference)[0], filler, depth + 1)];
    }
    const object: Record<string, unknown> = {};
    if (depth < 6) {
        for (const property of checker.getPropertiesOfType(type)) {
            object[property.name] = valueOf(checker, checker.getTypeOfSymbol(property), filler, depth + 1);
        }
    }
    return object;
}
