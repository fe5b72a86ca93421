/** A resource as the Pulumi engine hands it to an analyzer, captured from a program run under mocks. */

/** The engine's marker for a value not known until the update runs (what the CLI sends in a preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CapturedResourceOptions {
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    aliases: string[];
    additionalSecretOutputs: string[];
    customTimeouts?: { create?: string; update?: string; delete?: string };
}

export interface CapturedResource {
    type: string;
    urn: string;
    name: string;
    /** Custom (provider-managed) resource, or a component. */
    custom: boolean;
    /**
     * Outputs, as the engine hands them to `AnalyzeStack`: inputs plus computed outputs (`id`, `arn`: the unknown
     * marker in a preview, synthesized values in a `--known` run). For a component: the outputs it registered.
     */
    properties: Record<string, unknown>;
    /**
     * Keys of `properties` that are outputs only (`id`, `arn`, a component's registered outputs): `Analyze` receives
     * the inputs — `properties` without these — as in the engine, `AnalyzeStack` all of `properties`.
     */
    outputOnlyKeys?: string[];
    parent?: string;
    /** Provider reference `<provider urn>::<provider id>` (a synthesized default provider unless given). */
    provider?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    options: CapturedResourceOptions;
    /**
     * A component registered with remote=true (a multi-language component such as `eks.Cluster`): its provider builds
     * its children, so offline it has none and nothing inside it is judged.
     */
    remote?: boolean;
    /** Where the program registered it, as the SDK tells the engine (its source position): an absolute file. */
    sourcePosition?: { file: string; line: number; column: number };
}

/** A message the program logged (`pulumi.log.*`), with the resource it was logged on. */
export interface ProgramLog {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    urn?: string;
}

/** An invoke the program made that nothing answers offline, and where the program made it. */
export interface UnansweredInvoke {
    token: string;
    sites: string[];
    /** For a resource method call: the URNs of the resources it was called on. */
    resources?: string[];
}

export type CaptureMode = "preview" | "known";

export interface ExistingUserFixture {
    name: string;
    path?: string;
    arn?: string;
}

export interface CaptureJob {
    programDir: string;
    /** The directory holding Pulumi.yaml: the working directory of a program run by the CLI. */
    projectDir: string;
    projectName: string;
    stackName: string;
    /** `project:key` → value as the CLI passes it (structured values as JSON text). */
    stackConfig: Record<string, string>;
    secretKeys?: string[];
    existingUsers: ExistingUserFixture[];
    /** Invoke token → result; a token neither listed nor built in stops the run, unless allowEmptyInvokes. */
    invokeFixtures?: Record<string, unknown>;
    /** Answer `{}` to invokes nothing else answers, instead of stopping. */
    allowEmptyInvokes?: boolean;
    /** What `pulumi.getOrganization()` returns. */
    organization: string;
    mode: CaptureMode;
    /** Pulumi.yaml's `runtime.options.typescript` (default true) and `runtime.options.tsconfig`. */
    typescript?: boolean;
    tsconfig?: string;
    resultFile: string;
}

interface CaptureReport {
    logs: ProgramLog[];
    /** Config keys the program read that the stack does not set (`project:key`). */
    configMisses: string[];
    /** Tokens answered `{}` because allowEmptyInvokes asked for it. */
    emptyInvokes: string[];
}

export type CaptureResult =
    | (CaptureReport & { ok: true; resources: CapturedResource[]; outputs: Record<string, unknown>; reads: string[] })
    | (CaptureReport & { ok: false; error: string; location?: string; unansweredInvokes: UnansweredInvoke[] });
