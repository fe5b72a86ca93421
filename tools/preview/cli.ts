/**
 * `npm start`: does this stack pass the org's MFA policies? Runs a Pulumi program under mocks with a stack's config
 * and judges it with a CrossGuard pack through the analyzer protocol the Pulumi CLI uses — no AWS account, no CLI.
 * Exit code 0: no mandatory violation; 1: mandatory violations; 2: bad usage or bad input.
 */
import * as path from "path";
import { parseArgs } from "util";
import { UNKNOWN, CapturedResource } from "./capturedResource";
import { OfflinePreviewResult, runOfflinePreview, UsageError } from "./offlinePreview";
import { Diagnostic, reportedText } from "./policyPackClient";

const ROOT = path.resolve(__dirname, "../..");

const USAGE = `Usage: npm start -- [options]

Runs a Pulumi program under mocks and judges it with a policy pack, offline.

  --stack NAME          stack config Pulumi.NAME.yaml (default: example)
  --program DIR         another Pulumi TypeScript project (directory with Pulumi.yaml; default: this repository)
  --users-file FILE     existing IAM users for aws.iam.getUsers, JSON [{name, path?, arn?}]
                        (default for this repository: fixtures/existing-users.json; otherwise none)
  --fixtures FILE       invoke results, JSON {"<token>": {...}} (other invokes answer {})
  --policy-pack DIR     the policy pack (default: ./policy-pack)
  --policy-config FILE  policy config, as pulumi's --policy-pack-config
  --preview             outputs not yet known are unknown, as on a first preview (default)
  --known               outputs are known, as during pulumi up
  --json                machine-readable results
  --help                this text

Exit code: 0 no mandatory violation, 1 mandatory violations, 2 bad usage or input.`;

/** Settings worth seeing in a plan, per resource type; others show their name. */
const PLAN_KEYS: Record<string, string[]> = {
    "aws:iam/policy:Policy": ["name"],
    "aws:iam/group:Group": ["name"],
    "aws:iam/user:User": ["name", "path"],
    "aws:iam/role:Role": ["name", "maxSessionDuration"],
    "aws:iam/groupMembership:GroupMembership": ["group", "users"],
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": ["group", "policyArn"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["role", "policyArn"],
    // The links that decide who is subject to which policy, for other teams' programs too.
    "aws:iam/userGroupMembership:UserGroupMembership": ["user", "groups"],
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": ["user", "policyArn"],
    "aws:iam/policyAttachment:PolicyAttachment": ["policyArn", "users", "groups", "roles"],
    "aws:iam/groupPolicy:GroupPolicy": ["group", "name"],
    "aws:iam/userPolicy:UserPolicy": ["user", "name"],
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": ["userName", "policyArns"],
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": ["groupName", "policyArns"],
    "aws:s3/bucket:Bucket": ["bucket"],
    "aws:s3/bucketVersioning:BucketVersioning": ["versioningConfiguration"],
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": ["rules"],
    "aws:dynamodb/table:Table": ["name", "billingMode", "deletionProtectionEnabled"],
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": ["logGroupName"],
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["name", "threshold"],
    "aws:sns/topic:Topic": ["name"],
    "aws:cfg/rule:Rule": ["name"],
};

function show(value: unknown): string {
    if (value === UNKNOWN) {
        return "(known after apply)";
    }
    const text = typeof value === "string" ? value : JSON.stringify(value, (_k, v) => (v === UNKNOWN ? "(known after apply)" : v));
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Resources in tree order: each component followed by its children, as `pulumi preview` lists them. */
function treeOrder(resources: readonly CapturedResource[]): { resource: CapturedResource; depth: number }[] {
    const urns = new Set(resources.map((r) => r.urn));
    const children = new Map<string, CapturedResource[]>();
    const roots: CapturedResource[] = [];
    for (const r of resources) {
        if (r.parent && urns.has(r.parent)) {
            children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
        } else {
            roots.push(r);
        }
    }
    const ordered: { resource: CapturedResource; depth: number }[] = [];
    const visit = (r: CapturedResource, depth: number) => {
        ordered.push({ resource: r, depth });
        (children.get(r.urn) ?? []).forEach((c) => visit(c, depth + 1));
    };
    roots.forEach((r) => visit(r, 0));
    return ordered;
}

/** Default providers: the engine registers them and the pack sees them, but `pulumi preview` does not list them. */
function isDefaultProvider(r: CapturedResource): boolean {
    return r.type.startsWith("pulumi:providers:") && /^default(_|$)/.test(r.name);
}

function printPlan(result: OfflinePreviewResult): void {
    console.log(`Previewing ${result.project}/${result.stack} offline (${result.mode === "preview" ? "first preview: outputs unknown" : "outputs known, as pulumi up"})\n`);
    const rows = treeOrder(result.resources.filter((r) => !isDefaultProvider(r))).map(({ resource: r, depth }) => {
        const keys = PLAN_KEYS[r.type] ?? ("name" in r.properties ? ["name"] : []);
        return {
            type: "  ".repeat(depth) + r.type,
            name: r.name + (r.options.protect ? " [protect]" : ""),
            settings: keys.filter((k) => k in r.properties).map((k) => `${k}=${show(r.properties[k])}`).join("  "),
        };
    });
    const typeWidth = Math.max(4, ...rows.map((r) => r.type.length)) + 2;
    const nameWidth = Math.max(4, ...rows.map((r) => r.name.length)) + 2;
    console.log(`     ${"Type".padEnd(typeWidth)}${"Name".padEnd(nameWidth)}Settings`);
    for (const row of rows) {
        console.log(` +   ${row.type.padEnd(typeWidth)}${row.name.padEnd(nameWidth)}${row.settings}`);
    }
}

function printVerdicts(result: OfflinePreviewResult): void {
    const byUrn = new Map<string, Diagnostic[]>();
    for (const d of result.diagnostics) {
        const list = byUrn.get(d.urn) ?? [];
        list.push(d);
        byUrn.set(d.urn, list);
    }
    const names = new Map(result.resources.map((r) => [r.urn, `${r.type}  ${r.name}`]));
    console.log(`\nPolicies: ${result.policyPack.name}@v${result.policyPack.version}`);
    if (result.diagnostics.length === 0) {
        console.log("    no violations");
    }
    for (const [urn, diagnostics] of byUrn) {
        console.log(`\n  ${urn ? names.get(urn) ?? urn : "(stack)"}`);
        for (const d of diagnostics) {
            console.log(`    [${d.enforcementLevel}]  ${d.policyName}`);
            for (const line of reportedText(d).split("\n")) {
                console.log(`        ${line}`);
            }
        }
    }
    console.log(
        `\nResources: ${result.resources.filter((r) => !isDefaultProvider(r)).length} to create. ` +
            `Policy violations: ${result.mandatoryViolations} mandatory, ${result.advisoryViolations} advisory. ` +
            (result.mandatoryViolations > 0 ? "This stack would be BLOCKED." : "This stack passes."),
    );
}

async function main(argv: string[]): Promise<number> {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                program: { type: "string" },
                "users-file": { type: "string" },
                fixtures: { type: "string" },
                "policy-pack": { type: "string" },
                "policy-config": { type: "string" },
                preview: { type: "boolean" },
                known: { type: "boolean" },
                json: { type: "boolean" },
                help: { type: "boolean" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (err) {
        throw new UsageError(`${(err as Error).message} (see --help)`);
    }
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    if (values.preview && values.known) {
        throw new UsageError("--preview and --known exclude each other");
    }
    // npm runs scripts from the package root; relative paths mean what they meant where `npm start` was typed.
    const cwd = process.env.INIT_CWD ?? process.cwd();
    const projectDir = values.program ? path.resolve(cwd, values.program) : ROOT;
    const usersFile = values["users-file"]
        ? path.resolve(cwd, values["users-file"])
        : values.program
          ? undefined
          : path.join(ROOT, "fixtures/existing-users.json");
    const result = await runOfflinePreview({
        projectDir,
        stack: values.stack ?? "example",
        usersFile,
        fixturesFile: values.fixtures ? path.resolve(cwd, values.fixtures) : undefined,
        policyPackDir: values["policy-pack"] ? path.resolve(cwd, values["policy-pack"]) : path.join(ROOT, "policy-pack"),
        policyConfigFile: values["policy-config"] ? path.resolve(cwd, values["policy-config"]) : undefined,
        mode: values.known ? "known" : "preview",
    });
    if (values.json) {
        console.log(
            JSON.stringify(
                {
                    project: result.project,
                    stack: result.stack,
                    mode: result.mode,
                    policyPack: result.policyPack,
                    passes: result.mandatoryViolations === 0,
                    // Every resource the pack saw, default providers included (the text plan hides those).
                    resources: result.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, ...(isDefaultProvider(r) ? { defaultProvider: true } : {}) })),
                    diagnostics: result.diagnostics.map((d) => ({ ...d, message: reportedText(d) })),
                    mandatoryViolations: result.mandatoryViolations,
                    advisoryViolations: result.advisoryViolations,
                },
                null,
                2,
            ),
        );
    } else {
        printPlan(result);
        printVerdicts(result);
    }
    return result.mandatoryViolations > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
        const message = err instanceof Error ? err.message : String(err);
        console.error(`error: ${message.replace(/\s*\n\s*/g, " ")}`);
        // Bad usage, bad input and a failing program all mean the answer could not be given: exit 2.
        process.exit(2);
    },
);
