/**
 * Child process of captureProgram: runs one Pulumi program under mocks, as the Node.js language host runs it (inside
 * the root `pulumi:pulumi:Stack` component), and records every registration as the engine would hold it: URNs built
 * as the engine builds them, inputs (what `Analyze` receives) and outputs (what `AnalyzeStack` receives) with unknowns
 * marked, dependencies, property dependencies, parent, provider (default providers synthesized as the engine
 * registers them) and options. One program per process: Pulumi's runtime state is process-global.
 */
import * as fs from "fs";
import * as path from "path";
import type * as PulumiSdk from "@pulumi/pulumi";
import { CapturedResource, CaptureJob, CaptureResult, UNKNOWN } from "./capturedResource";
import { hasArnOutput, MOCK_ACCOUNT, mockState } from "./synthesizedOutputs";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

function finish(job: CaptureJob, result: CaptureResult): never {
    fs.writeFileSync(job.resultFile, JSON.stringify(result));
    process.exit(0);
}

function oneLine(err: unknown): string {
    if (err instanceof Error) {
        // RunError and config errors carry their whole reason in the message; no stack trace for the user.
        return err.message.trim();
    }
    return String(err);
}

function builtInInvoke(job: CaptureJob, token: string, region: string): Record<string, unknown> | undefined {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/offline-preview`, userId: "AIDAOFFLINEPREVIEW", id: MOCK_ACCOUNT };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        case "aws:iam/getUsers:getUsers": {
            const users = job.existingUsers;
            return {
                id: "users",
                names: users.map((u) => u.name),
                arns: users.map((u) => u.arn ?? `arn:aws:iam::${MOCK_ACCOUNT}:user${u.path ?? "/"}${u.name}`),
            };
        }
        default:
            return undefined;
    }
}

/** Stack outputs as the engine stores them: secrets unwrapped, unknowns left as the marker. */
function plain(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(plain);
    }
    if (value && typeof value === "object") {
        const object = value as Record<string, unknown>;
        if (object[SECRET_SIG] === SECRET_VALUE) {
            return plain(object.value);
        }
        return Object.fromEntries(Object.entries(object).filter(([k]) => k !== "@isPulumiResource").map(([k, v]) => [k, plain(v)]));
    }
    return value;
}

/**
 * The @pulumi/pulumi the program itself loads (its own node_modules, else this repository's): mocks set on another
 * copy would not reach it, and it would try to reach an engine.
 */
function programSdk(programDir: string): { pulumi: typeof PulumiSdk; settings: { waitForRPCs?: () => Promise<void> } } {
    let entry: string;
    try {
        entry = require.resolve("@pulumi/pulumi", { paths: [programDir] });
    } catch {
        entry = require.resolve("@pulumi/pulumi");
    }
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return { pulumi: require(entry), settings: require(path.join(path.dirname(entry), "runtime", "settings")) };
}

async function main(): Promise<void> {
    const job = JSON.parse(fs.readFileSync(0, "utf8")) as CaptureJob;
    process.on("uncaughtException", (err) => finish(job, { ok: false, error: oneLine(err) }));
    process.on("unhandledRejection", (err) => finish(job, { ok: false, error: oneLine(err) }));
    const { pulumi, settings } = programSdk(job.programDir);

    const region = job.stackConfig["aws:region"] ?? "us-east-1";
    pulumi.runtime.setAllConfig(job.stackConfig, job.secretKeys ?? []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) =>
                args.custom === false
                    ? { id: undefined, state: {} }
                    : mockState(args.type, args.name, args.inputs as Record<string, unknown>, job.mode, region),
            call: (args) => {
                const fixture = job.invokeFixtures?.[args.token];
                return (fixture as Record<string, unknown>) ?? builtInInvoke(job, args.token, region) ?? {};
            },
        },
        job.projectName,
        job.stackName,
        job.mode === "preview",
    );

    const captured: CapturedResource[] = [];
    const stackUrn = `urn:pulumi:${job.stackName}::${job.projectName}::${ROOT_STACK_TYPE}::${job.projectName}-${job.stackName}`;
    let stackOutputs: Record<string, unknown> = {};
    const monitor = pulumi.runtime.getMonitor() as any;

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
    const packageOf = (token: string) => token.split(":")[0];

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
        const outputs = plain(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
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
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
                    propertyDependencies[key] = deps.getUrnsList();
                });
                const inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
                const state = (res.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
                const properties: Record<string, unknown> = custom ? { ...state, ...inputs } : { ...inputs };
                if (custom && job.mode === "preview" && hasArnOutput(type) && !("arn" in properties)) {
                    properties.arn = UNKNOWN;
                }
                if (custom && !type.startsWith("pulumi:providers:")) {
                    properties.id = job.mode === "preview" ? UNKNOWN : res.getId() || UNKNOWN;
                }
                const timeouts = req.getCustomtimeouts?.();
                captured.push({
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
                });
            }
            callback(err, res);
        });
    };

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
        finish(job, { ok: false, error: oneLine(err) });
    }
    finish(job, { ok: true, resources: captured, outputs: stackOutputs });
}

void main();
