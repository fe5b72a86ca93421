/** An offline preview's result written out by hand, for tests of one report at a time (no program run, no pack). */
import * as path from "path";
import { SECRET_SIG, SIG_KEY } from "../../../tools/preview/analyzerProperties";
import { CapturedResource, UNKNOWN } from "../../../tools/preview/capturedResource";
import { OfflinePreviewResult } from "../../../tools/preview/offlinePreview";
import { Diagnostic } from "../../../tools/preview/policyPackClient";

/** Where the sample program "is": reports give paths relative to it. */
export const SAMPLE_BASE = path.resolve("/work/repo");
const STACK = "urn:pulumi:dev::team::pulumi:pulumi:Stack::team-dev";
const urn = (type: string, name: string, parents = "") => `urn:pulumi:dev::team::${parents}${type}::${name}`;

function resource(type: string, name: string, properties: Record<string, unknown>, extra: Partial<CapturedResource> = {}): CapturedResource {
    return {
        type,
        urn: urn(type, name),
        name,
        custom: true,
        properties,
        dependencies: [],
        propertyDependencies: {},
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
        ...extra,
    };
}

const component = resource("team:index:People", "people", {}, { custom: false, parent: STACK });
export const SAMPLE_USER = resource(
    "aws:iam/user:User",
    "alice",
    { name: "alice", path: "/eng/", arn: UNKNOWN, tags: { [SIG_KEY]: SECRET_SIG, value: { owner: "x" } } },
    { parent: component.urn, outputOnlyKeys: ["arn"], sourcePosition: { file: path.join(SAMPLE_BASE, "src/people.ts"), line: 12, column: 5 } },
);
export const SAMPLE_RESOURCES: CapturedResource[] = [
    resource("pulumi:pulumi:Stack", "team-dev", {}, { custom: false, urn: STACK }),
    resource("pulumi:providers:aws", "default_7_48_0", { region: "eu-central-1" }),
    component,
    SAMPLE_USER,
    resource("aws:s3/bucket:Bucket", "state", { bucket: `a-very-long-bucket-name-${"x".repeat(80)}` }, { parent: STACK, options: { protect: true, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] } }),
    resource("eks:index:Cluster", "cluster", { skipDefaultNodeGroup: true }, { parent: STACK, custom: false, remote: true }),
];

export const MANDATORY: Diagnostic = {
    policyName: "iam-user-requires-mfa",
    policyPackName: "force-mfa-guard",
    description: "Every IAM user is subject to the MFA deny.",
    message: "Every IAM user is subject to the MFA deny.\nuser alice: no policy denies ec2:RunInstances.\nFix: add it to the group.",
    urn: SAMPLE_USER.urn,
    enforcementLevel: "mandatory",
    severity: "high",
};
export const ADVISORY: Diagnostic = { ...MANDATORY, policyName: "exemptions-visible", description: "", message: "2 exemptions in force", urn: "", enforcementLevel: "advisory", severity: "low" };

export function sampleResult(overrides: Partial<OfflinePreviewResult> = {}): OfflinePreviewResult {
    const diagnostics = overrides.diagnostics ?? [MANDATORY, ADVISORY];
    return {
        project: "team",
        entryFile: path.join(SAMPLE_BASE, "index.ts"),
        stack: "dev",
        mode: "preview",
        policyPack: {
            name: "force-mfa-guard",
            version: "0.1.0",
            policies: [
                { name: "iam-user-requires-mfa", description: "Every IAM user is subject to the MFA deny.", policyType: "stack", tags: [], enforcementLevel: "mandatory", severity: "high", configDefaults: {}, configSchema: {} },
                { name: "exemptions-visible", description: "", policyType: "stack", tags: [], enforcementLevel: "advisory", severity: "low", configDefaults: {}, configSchema: {} },
            ],
        },
        resources: SAMPLE_RESOURCES,
        outputs: { userName: "alice", token: { [SIG_KEY]: SECRET_SIG, value: "s3cr3t" } },
        logs: [
            { severity: "warning", message: "path /eng/ is new\nsecond line", urn: SAMPLE_USER.urn },
            { severity: "debug", message: "not shown" },
            { severity: "info", message: "stack-wide note" },
        ],
        remoteComponents: SAMPLE_RESOURCES.filter((r) => r.remote),
        stackConfig: { file: path.join(SAMPLE_BASE, "Pulumi.dev.yaml"), environments: [], missingKeys: [] },
        assumptions: { accountId: "123456789012", region: "eu-central-1", organization: "organization", existingUsers: ["carol"], emptyInvokes: [], reads: [] },
        diagnostics,
        mandatoryViolations: diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
        advisoryViolations: diagnostics.filter((d) => d.enforcementLevel === "advisory").length,
        ...overrides,
    };
}
