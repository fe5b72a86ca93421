/**
 * The offline preview for people, as `pulumi preview` lays it out: the plan (tree order, the settings that matter,
 * `[protect]`, remote components marked as not expanded), the program's own messages per resource, the verdicts per
 * resource with their enforcement level, the account facts assumed, and a summary line.
 */
import { UNKNOWN, CapturedResource } from "./capturedResource";
import { OfflinePreviewResult } from "./offlinePreview";
import { Diagnostic, inputsOf, reportedText } from "./policyPackClient";
import { remoteComponentPrincipals } from "./remoteComponentPrincipals";
import { blocked, isDefaultProvider, unjudgedPrincipals, VerdictOptions } from "./reportCommon";

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
    "aws:iam/rolePolicy:RolePolicy": ["role", "name"],
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

const NOT_EXPANDED = "(remote component: not expanded offline, its children are not judged)";

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

function plan(result: OfflinePreviewResult, out: string[]): void {
    out.push(`Previewing ${result.project}/${result.stack} offline (${result.mode === "preview" ? "first preview: outputs unknown" : "outputs known, as pulumi up"})`, "");
    const rows = treeOrder(result.resources.filter((r) => !isDefaultProvider(r))).map(({ resource: r, depth }) => {
        const keys = PLAN_KEYS[r.type] ?? ("name" in r.properties ? ["name"] : []);
        const settings = keys.filter((k) => k in r.properties).map((k) => `${k}=${show(r.properties[k])}`);
        return {
            type: "  ".repeat(depth) + r.type,
            name: r.name + (r.options.protect ? " [protect]" : ""),
            settings: (r.remote ? [NOT_EXPANDED, ...settings] : settings).join("  "),
        };
    });
    const typeWidth = Math.max(4, ...rows.map((r) => r.type.length)) + 2;
    const nameWidth = Math.max(4, ...rows.map((r) => r.name.length)) + 2;
    out.push(`     ${"Type".padEnd(typeWidth)}${"Name".padEnd(nameWidth)}Settings`);
    for (const row of rows) {
        out.push(` +   ${row.type.padEnd(typeWidth)}${row.name.padEnd(nameWidth)}${row.settings}`);
    }
}

/** Grouped per resource, in first-seen order; "" (no resource) is the stack. */
function byResource<T extends { urn?: string }>(items: readonly T[], stackUrn: string | undefined): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const urn = item.urn || stackUrn || "";
        groups.set(urn, [...(groups.get(urn) ?? []), item]);
    }
    return groups;
}

function programMessages(result: OfflinePreviewResult, out: string[]): void {
    const shown = result.logs.filter((l) => l.severity !== "debug");
    if (shown.length === 0) {
        return;
    }
    const names = new Map(result.resources.map((r) => [r.urn, `${r.type} (${r.name})`]));
    const stackUrn = result.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
    out.push("", "Diagnostics:");
    for (const [urn, logs] of byResource(shown, stackUrn)) {
        out.push(`  ${names.get(urn) ?? (urn || "(stack)")}:`);
        for (const log of logs) {
            log.message.split("\n").forEach((line, i) => out.push(i === 0 ? `    ${log.severity}: ${line}` : `    ${line}`));
        }
        out.push("");
    }
    out.pop();
}

function verdicts(result: OfflinePreviewResult, out: string[]): void {
    const names = new Map(result.resources.map((r) => [r.urn, `${r.type}  ${r.name}`]));
    out.push("", `Policies: ${result.policyPack.name}@v${result.policyPack.version}`);
    if (result.diagnostics.length === 0) {
        out.push("    no violations");
    }
    for (const [urn, diagnostics] of byResource<Diagnostic>(result.diagnostics, undefined)) {
        out.push("", `  ${urn ? names.get(urn) ?? urn : "(stack)"}`);
        for (const d of diagnostics) {
            out.push(`    [${d.enforcementLevel}]  ${d.policyName}`);
            reportedText(d).split("\n").forEach((line) => out.push(`        ${line}`));
        }
    }
}

function assumptions(result: OfflinePreviewResult, out: string[]): void {
    const a = result.assumptions;
    const users = a.existingUsers.length > 0 ? a.existingUsers.join(", ") : "none";
    out.push(
        "",
        `Assumed, not read from AWS: account ${a.accountId}, region ${a.region}, organization "${a.organization}", existing IAM users: ${users}.`,
    );
    if (a.reads.length > 0) {
        out.push(`Read, not looked up (state made up from the id): ${a.reads.join(", ")}.`);
    }
    if (a.emptyInvokes.length > 0) {
        out.push(`Answered with empty values of their declared fields (--allow-empty-invokes): ${a.emptyInvokes.join(", ")}.`);
    }
}

export function textReport(result: OfflinePreviewResult, options: VerdictOptions = {}): string {
    const out: string[] = [];
    plan(result, out);
    programMessages(result, out);
    verdicts(result, out);
    assumptions(result, out);
    const { stackConfig } = result;
    if (!stackConfig.file) {
        out.push(`No Pulumi.${result.stack}.yaml: the program ran without config.`);
    }
    if (stackConfig.environments.length > 0) {
        out.push(
            `ESC environments imported by the stack file, not resolved offline: ${stackConfig.environments.join(", ")}` +
                (stackConfig.missingKeys.length > 0 ? `; config the program read that is not set: ${stackConfig.missingKeys.join(", ")}.` : "."),
        );
    }
    const remote = result.remoteComponents.map((r) => `${r.type} ${r.name}`);
    if (remote.length > 0) {
        out.push("Not expanded offline (remote components; nothing inside them was judged):");
        for (const r of result.remoteComponents) {
            const principals = remoteComponentPrincipals(r.type, inputsOf(r));
            out.push(
                `    ${r.type} ${r.name}: ` +
                    (principals === undefined
                        ? "the IAM principals it creates are not known to this tool; review its provider's documentation"
                        : principals.length === 0
                          ? "creates no IAM principals with these inputs"
                          : `creates ${principals.join("; ")}`),
            );
        }
    }
    const unjudged = unjudgedPrincipals(result).map((r) => `${r.type} ${r.name}`);
    const strictBlock = options.strict && unjudged.length > 0 && result.mandatoryViolations === 0;
    out.push(
        "",
        `Resources: ${result.resources.filter((r) => !isDefaultProvider(r)).length} to create. ` +
            `Policy violations: ${result.mandatoryViolations} mandatory, ${result.advisoryViolations} advisory. ` +
            (blocked(result, options)
                ? `This stack would be BLOCKED${strictBlock ? ` (--strict: remote components whose IAM principals were not judged: ${unjudged.join(", ")})` : ""}.`
                : remote.length > 0
                  ? "This stack passes, except what the remote components create, which was not judged."
                  : "This stack passes."),
    );
    return out.join("\n") + "\n";
}
