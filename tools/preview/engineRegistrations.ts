/**
 * Records what the engine would hold for each registration, by wrapping the mock monitor: URNs built as the engine
 * builds them, inputs (what `Analyze` receives) and outputs (what `AnalyzeStack` receives) with unknowns marked and
 * resource references downgraded as the engine sends them to analyzers, dependencies, property dependencies, parent,
 * provider (default providers synthesized as the engine registers them), options, and whether a component is remote.
 */
import * as path from "path";
import { fileURLToPath } from "url";
import { analyzerProperties } from "./analyzerProperties";
import { CapturedResource, CaptureJob, UNKNOWN } from "./capturedResource";
import { resourceShape } from "./providerDeclarations";
import { computedOutputs } from "./synthesizedOutputs";

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

const packageOf = (token: string) => token.split(":")[0];

/** The SDK marks a resource exported whole during preview with "@isPulumiResource"; it is no output of the program. */
function withoutPreviewMarks(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(withoutPreviewMarks);
    }
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "@isPulumiResource").map(([k, v]) => [k, withoutPreviewMarks(v)]));
    }
    return value;
}

export interface Registrations {
    readonly resources: CapturedResource[];
    readonly stackUrn: string;
    /** The stack's outputs (the program's exports), as the engine sends them to analyzers. */
    stackOutputs(): Record<string, unknown>;
}

export function recordRegistrations(monitor: any, job: CaptureJob): Registrations {
    const captured: CapturedResource[] = [];
    const stackUrn = `urn:pulumi:${job.stackName}::${job.projectName}::${ROOT_STACK_TYPE}::${job.projectName}-${job.stackName}`;
    let stackOutputs: Record<string, unknown> = {};

    // URNs as the engine builds them: a child's type is qualified by its parent's whole qualified type, except the
    // root stack's (the mock monitor keeps only the parent's last type and keeps the stack's).
    monitor.newUrn = (parent: string, type: string, name: string) => {
        const parentType = parent ? parent.split("::")[2] : "";
        const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
        return `urn:pulumi:${job.stackName}::${job.projectName}::${qualified}::${name}`;
    };

    // Default providers: the engine registers one per package and version on first use (a resource or an invoke)
    // and hands it to the analyzer as the resource's provider. Its inputs are the package's stack config + version.
    const defaultProviders = new Map<string, CapturedResource>();
    const defaultProviderRef = (pkg: string, version: string): string => {
        const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
        const type = `pulumi:providers:${pkg}`;
        const urn = `urn:pulumi:${job.stackName}::${job.projectName}::${type}::${name}`;
        if (!defaultProviders.has(urn)) {
            const inputs: Record<string, unknown> = {};
            for (const [key, value] of Object.entries(job.stackConfig)) {
                if (key.startsWith(`${pkg}:`)) {
                    inputs[key.slice(pkg.length + 1)] = value;
                }
            }
            if (version) {
                inputs.version = version;
            }
            const provider: CapturedResource = {
                type,
                urn,
                name,
                custom: true,
                properties: { ...inputs },
                dependencies: [],
                propertyDependencies: {},
                options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
            };
            defaultProviders.set(urn, provider);
            captured.push(provider);
        }
        // A provider's id is unknown until it is created: the engine's UnknownID in a preview.
        return `${urn}::${job.mode === "preview" ? UNKNOWN : `${name}-id`}`;
    };

    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req: any, callback: unknown) => {
        const pkg = packageOf(req.getTok());
        if (pkg !== "pulumi" && !req.getProvider()) {
            defaultProviderRef(pkg, req.getVersion?.() ?? "");
        }
        return invoke(req, callback);
    };

    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: unknown) => {
        // A component's outputs are what it registers (for the stack: the program's exports).
        const outputs = withoutPreviewMarks(analyzerProperties(req.getOutputs()?.toJavaScript() ?? {})) as Record<string, unknown>;
        if (req.getUrn() === stackUrn) {
            stackOutputs = outputs;
        }
        const component = captured.find((r) => r.urn === req.getUrn());
        if (component) {
            component.properties = { ...outputs };
            component.outputOnlyKeys = Object.keys(outputs);
        }
        return registerOutputs(req, callback);
    };

    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: unknown, res: any) => void) => {
        const type: string = req.getType();
        const custom: boolean = req.getCustom();
        let provider: string | undefined = req.getProvider() || undefined;
        if (custom && !provider && !type.startsWith("pulumi:providers:") && packageOf(type) !== "pulumi") {
            provider = defaultProviderRef(packageOf(type), req.getVersion?.() ?? "");
        }
        register(req, (err: unknown, res: any) => {
            if (!err && res) {
                captured.push(capturedRegistration(req, res, job, provider));
            }
            callback(err, res);
        });
    };

    return { resources: captured, stackUrn, stackOutputs: () => stackOutputs };
}

function capturedRegistration(req: any, res: any, job: CaptureJob, provider: string | undefined): CapturedResource {
    const type: string = req.getType();
    const custom: boolean = req.getCustom();
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
        propertyDependencies[key] = deps.getUrnsList();
    });
    const inputs = analyzerProperties(req.getObject()?.toJavaScript() ?? {});
    const state = analyzerProperties(res.getObject()?.toJavaScript() ?? {});
    const properties: Record<string, unknown> = custom ? { ...state, ...inputs } : { ...inputs };
    if (custom && job.mode === "preview") {
        for (const key of computedOutputs(resourceShape(type, declarationDirs(job)))) {
            if (!(key in properties)) {
                properties[key] = UNKNOWN;
            }
        }
    }
    if (custom && !type.startsWith("pulumi:providers:")) {
        properties.id = job.mode === "preview" ? UNKNOWN : res.getId() || UNKNOWN;
    }
    const timeouts = req.getCustomtimeouts?.();
    return {
        type,
        urn: res.getUrn(),
        name: req.getName(),
        custom,
        properties,
        outputOnlyKeys: Object.keys(properties).filter((key) => !(key in inputs)),
        parent: req.getParent() || undefined,
        provider,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        options: {
            protect: Boolean(req.getProtect?.()),
            ignoreChanges: req.getIgnorechangesList?.() ?? [],
            deleteBeforeReplace: Boolean(req.getDeletebeforereplace?.()),
            aliases: (req.getAliasurnsList?.() ?? []) as string[],
            additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
            customTimeouts: timeouts ? { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() } : undefined,
        },
        ...(!custom && req.getRemote?.() ? { remote: true } : {}),
        ...sourcePositionOf(req),
    };
}

/** Where the program's provider packages are: its own folders, then this repository's (as NODE_PATH gives them). */
export function declarationDirs(job: CaptureJob): string[] {
    return [job.programDir, job.projectDir, path.resolve(__dirname, "../..")];
}

function sourcePositionOf(req: any): { sourcePosition?: CapturedResource["sourcePosition"] } {
    const position = req.getSourceposition?.();
    const uri: string | undefined = position?.getUri();
    if (!uri) {
        return {};
    }
    const file = uri.startsWith("file:") ? fileURLToPath(uri) : uri;
    return { sourcePosition: { file, line: position.getLine(), column: position.getColumn() } };
}
