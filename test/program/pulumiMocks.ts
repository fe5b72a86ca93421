/**
 * Mock runtime for the program tests. Call `installMocks()` from a before or
 * beforeEach hook — never at module top level: mocha runs every test file in one process and each file installs its
 * own mocks.
 */
import * as pulumi from "@pulumi/pulumi";

export const ACCOUNT = "123456789012";
export const REGION = "eu-central-1";
/** The engine's marker for a value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Registered {
    type: string;
    name: string;
    inputs: Record<string, any>;
    /** URNs this resource depends on (explicit dependsOn and input dependencies), as sent to the engine. */
    dependencies: string[];
    /** The state the mock engine returned: inputs plus computed outputs (arn, name, id-like values). */
    state: Record<string, any>;
    /** The resource option retainOnDelete, as sent to the engine. */
    retainOnDelete: boolean;
}

export interface MockOptions {
    preview?: boolean;
    /** Users found by aws.iam.getUsers. */
    existingUsers?: { name: string; path?: string }[];
    /** Answers to other invokes, by token (e.g. aws:organizations/getOrganization:getOrganization). */
    invokes?: Record<string, Record<string, unknown>>;
    /** During preview: resource types whose outputs (except inputs) are unknown, as for resources not yet created. */
    unknownOutputsFor?: string[];
    /** During preview: every resource is new, so every computed output (arn, id, ...) is unknown. */
    allOutputsUnknown?: boolean;
}

export interface MockRegistry {
    resources: Registered[];
    ofType(type: string): Registered[];
    one(type: string, name?: string): Registered;
    byName(name: string): Registered;
}

function arnFor(type: string, name: string, inputs: Record<string, any>): string {
    const id = inputs.name ?? inputs.bucket ?? name;
    switch (type) {
        case "aws:sns/topic:Topic":
            return `arn:aws:sns:${REGION}:${ACCOUNT}:${id}`;
        case "aws:kms/key:Key":
            return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${name}`;
        case "aws:iam/role:Role":
            return `arn:aws:iam::${ACCOUNT}:role/${id}`;
        case "aws:iam/policy:Policy":
            return `arn:aws:iam::${ACCOUNT}:policy${inputs.path ?? "/"}${id}`;
        case "aws:iam/group:Group":
            return `arn:aws:iam::${ACCOUNT}:group${inputs.path ?? "/"}${id}`;
        case "aws:iam/user:User":
            return `arn:aws:iam::${ACCOUNT}:user${inputs.path ?? "/"}${id}`;
        case "aws:cloudwatch/logGroup:LogGroup":
            return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${id}`;
        case "aws:s3/bucket:Bucket":
            return `arn:aws:s3:::${id}`;
        default:
            return `arn:aws:mock:${REGION}:${ACCOUNT}:${type}/${name}`;
    }
}

export function installMocks(options: MockOptions = {}): MockRegistry {
    const resources: Registered[] = [];
    const dependencies = new Map<string, string[]>();
    const retained = new Map<string, boolean>();
    pulumi.runtime.setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
                const inputs = args.inputs as Record<string, any>;
                const unknown = options.preview && (options.allOutputsUnknown || options.unknownOutputsFor?.includes(args.type));
                const computed = {
                    arn: unknown ? UNKNOWN : arnFor(args.type, args.name, inputs),
                    name: inputs.name ?? (unknown ? UNKNOWN : args.name),
                    keyId: unknown ? UNKNOWN : `${args.name}-key-id`,
                };
                const state = { ...computed, ...inputs, ...(unknown ? { arn: UNKNOWN } : {}) };
                const key = `${args.type}::${args.name}`;
                resources.push({ type: args.type, name: args.name, inputs, dependencies: dependencies.get(key) ?? [], state, retainOnDelete: retained.get(key) ?? false });
                return { id: unknown ? UNKNOWN : `${args.name}-id`, state };
            },
            call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
                switch (args.token) {
                    case "aws:index/getCallerIdentity:getCallerIdentity":
                        return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: "AIDAEXAMPLE", id: ACCOUNT };
                    case "aws:index/getRegion:getRegion":
                        return { name: REGION, region: REGION, id: REGION };
                    case "aws:index/getPartition:getPartition":
                        return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
                    case "aws:iam/getUsers:getUsers": {
                        const users = options.existingUsers ?? [];
                        return {
                            id: "users",
                            names: users.map((u) => u.name),
                            arns: users.map((u) => `arn:aws:iam::${ACCOUNT}:user${u.path ?? "/"}${u.name}`),
                            paths: users.map((u) => u.path ?? "/"),
                        };
                    }
                    default:
                        return options.invokes?.[args.token] ?? {};
                }
            },
        },
        "force-mfa",
        "test",
        options.preview ?? false,
    );
    // The mock monitor does not hand dependencies or options to newResource; record them from the request it receives.
    const monitor = pulumi.runtime.getMonitor() as any;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: any) => {
        dependencies.set(`${req.getType()}::${req.getName()}`, req.getDependenciesList());
        retained.set(`${req.getType()}::${req.getName()}`, req.getRetainondelete() === true);
        return register(req, callback);
    };
    const registry: MockRegistry = {
        resources,
        ofType: (type) => resources.filter((r) => r.type === type),
        one(type, name) {
            const found = resources.filter((r) => r.type === type && (name === undefined || r.name === name));
            if (found.length !== 1) {
                throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
            }
            return found[0];
        },
        byName(name) {
            const found = resources.find((r) => r.name === name);
            if (!found) {
                throw new Error(`no resource named ${name} (have ${resources.map((r) => r.name).join(", ")})`);
            }
            return found;
        },
    };
    return registry;
}

export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Wait until every listed resource has been registered with the mock engine. */
export async function settle(resources: pulumi.Resource[]): Promise<void> {
    await Promise.all(resources.map((r) => promiseOf(r.urn)));
    // Registration resolves the URN before newResource's bookkeeping of later siblings finishes; one more turn.
    await new Promise((resolve) => setImmediate(resolve));
}

/** Wait until the mock engine has seen no new resource for a while: for programs whose children are not all reachable. */
export async function settleRegistry(registry: MockRegistry, quietMs = 150): Promise<void> {
    let seen = -1;
    while (seen !== registry.resources.length) {
        seen = registry.resources.length;
        await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
}

/** The URN the mock engine gives a resource, to compare with `Registered.dependencies`. */
export function urnOf(resource: pulumi.Resource): Promise<string> {
    return promiseOf(resource.urn);
}

export function parseJson(value: unknown): any {
    if (typeof value !== "string") {
        throw new Error(`expected a JSON string, got ${typeof value}: ${String(value)}`);
    }
    return JSON.parse(value);
}

/**
 * Records every `pulumi.log.warn` message until `restore()` (call it in afterEach). Under mocks there is no engine and
 * the runtime would only print them; replacing the function lets tests assert on them.
 */
export function captureWarnings(): { messages: string[]; restore(): void } {
    const log = pulumi.log as { warn: typeof pulumi.log.warn };
    const original = log.warn;
    const messages: string[] = [];
    log.warn = (message: string) => {
        messages.push(message);
        return Promise.resolve();
    };
    return {
        messages,
        restore() {
            log.warn = original;
        },
    };
}
