/**
 * Child process of captureProgram: runs one Pulumi program under mocks and records every registration request as
 * the engine would receive it (inputs with unknowns marked, dependencies, property dependencies, parent, options).
 * One program per process: Pulumi's runtime state is process-global.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CapturedResource, CaptureJob, CaptureResult, UNKNOWN } from "./capturedResource";
import { hasArnOutput, MOCK_ACCOUNT, mockState } from "./synthesizedOutputs";

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

async function main(): Promise<void> {
    const job = JSON.parse(fs.readFileSync(0, "utf8")) as CaptureJob;
    process.on("uncaughtException", (err) => finish(job, { ok: false, error: oneLine(err) }));
    process.on("unhandledRejection", (err) => finish(job, { ok: false, error: oneLine(err) }));

    const region = job.stackConfig["aws:region"] ?? "us-east-1";
    pulumi.runtime.setAllConfig(job.stackConfig, job.secretKeys ?? []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => mockState(args.type, args.name, args.inputs as Record<string, unknown>, job.mode, region),
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
    const monitor = pulumi.runtime.getMonitor() as any;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: unknown, res: any) => void) => {
        register(req, (err: unknown, res: any) => {
            if (!err && res) {
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
                    propertyDependencies[key] = deps.getUrnsList();
                });
                const inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
                const state = (res.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
                const properties = { ...state, ...inputs };
                if (job.mode === "preview" && req.getCustom() && hasArnOutput(req.getType()) && !("arn" in properties)) {
                    properties.arn = UNKNOWN;
                }
                const timeouts = req.getCustomtimeouts?.();
                captured.push({
                    type: req.getType(),
                    urn: res.getUrn(),
                    name: req.getName(),
                    custom: req.getCustom(),
                    properties,
                    parent: req.getParent() || undefined,
                    provider: req.getProvider() || undefined,
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
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const exported = require(path.resolve(job.programDir));
        await (typeof exported === "function" ? exported() : exported);
        // Registrations started by the program (and its applies) finish after its promise does.
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const settings = require("@pulumi/pulumi/runtime/settings");
        for (let i = 0; i < 3; i++) {
            await settings.waitForRPCs?.();
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
    } catch (err) {
        finish(job, { ok: false, error: oneLine(err) });
    }
    finish(job, { ok: true, resources: captured });
}

void main();
