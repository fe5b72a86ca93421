/**
 * A pack's policies as GetAnalyzerInfo describes them, and the Configure request the CLI builds from
 * `--policy-pack-config`: each policy's level and its config-schema defaults merged with the given values, checked
 * against the policy's schema first. Stricter than the CLI: a key no policy declares and a policy the pack does not
 * have are refused.
 */
import Ajv from "ajv";
import { EnforcementLevel, LEVEL_NAMES, LEVEL_NUMBERS, PolicySeverity, SEVERITY_NAMES } from "./analyzerAnswers";
import { analyzerMessages, Struct } from "./pulumiProto";

export interface PolicyInfo {
    name: string;
    displayName?: string;
    description: string;
    /** Which call judges it: Analyze (resource), AnalyzeStack (stack); a policy with both reports "resource". */
    policyType: "resource" | "stack" | "unspecified";
    tags: string[];
    enforcementLevel: EnforcementLevel;
    severity: PolicySeverity;
    configDefaults: Record<string, unknown>;
    /** The policy's config as a JSON schema (its declared properties and required keys). */
    configSchema: Record<string, unknown>;
    /** Metadata the pack declares (@pulumi/policy 1.x), as Pulumi Cloud shows it. */
    remediationSteps?: string;
    url?: string;
    framework?: { name: string; version: string; reference: string; specification: string };
}

function frameworkOf(framework: any): PolicyInfo["framework"] {
    return framework
        ? { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference(), specification: framework.getSpecification() }
        : undefined;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    /** What Pulumi Cloud shows of the pack: empty where the pack does not say. */
    displayName?: string;
    provider?: string;
    tags: string[];
    repository?: string;
    readme?: string;
    policies: PolicyInfo[];
}

/** The CLI's `--policy-pack-config` format: policy name → an enforcement level, or an object of config values. */
export type PolicyPackConfig = Record<string, EnforcementLevel | Record<string, unknown>>;

/**
 * The JSON schema a policy's config is checked against before Configure, as the CLI does. Keys the policy does not
 * declare are refused too: a misspelt "exemptUser" would otherwise exempt nobody, silently.
 */
function configSchemaOf(schema: any): Record<string, unknown> {
    return {
        type: "object",
        properties: schema?.getProperties()?.toJavaScript() ?? {},
        required: schema?.getRequiredList?.() ?? [],
        additionalProperties: false,
    };
}

function defaultsOf(schema: any): Record<string, unknown> {
    const properties = schema?.getProperties()?.toJavaScript() ?? {};
    const defaults: Record<string, unknown> = {};
    for (const [key, definition] of Object.entries(properties as Record<string, { default?: unknown }>)) {
        if (definition && "default" in definition) {
            defaults[key] = definition.default;
        }
    }
    return defaults;
}

/** pulumirpc.PolicyType. */
const POLICY_TYPES: Record<number, PolicyInfo["policyType"]> = { 1: "resource", 2: "stack" };

export function analyzerInfoOf(rawInfo: any): AnalyzerInfo {
    return {
        name: rawInfo.getName(),
        version: rawInfo.getVersion(),
        displayName: rawInfo.getDisplayname?.() || undefined,
        provider: rawInfo.getProvider?.() || undefined,
        tags: rawInfo.getTagsList?.() ?? [],
        repository: rawInfo.getRepository?.() || undefined,
        readme: rawInfo.getReadme?.() || undefined,
        policies: rawInfo.getPoliciesList().map((p: any) => ({
            name: p.getName(),
            displayName: p.getDisplayname?.() || undefined,
            description: p.getDescription(),
            policyType: POLICY_TYPES[p.getPolicyType?.() ?? 0] ?? "unspecified",
            tags: p.getTagsList?.() ?? [],
            enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()] ?? "advisory",
            severity: SEVERITY_NAMES[p.getSeverity?.() ?? 0] ?? "unspecified",
            configDefaults: defaultsOf(p.getConfigschema()),
            configSchema: configSchemaOf(p.getConfigschema()),
            remediationSteps: p.getRemediationSteps?.() || undefined,
            url: p.getUrl?.() || undefined,
            framework: frameworkOf(p.getFramework?.()),
        })),
    };
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** "exemptUsers/0: must have required property 'reason'; …" — every problem of one policy's config. */
function configProblems(schema: Record<string, unknown>, values: Record<string, unknown>): string | undefined {
    const validate = ajv.compile(schema);
    if (validate(values)) {
        return undefined;
    }
    return (validate.errors ?? [])
        .map((e) => {
            const at = e.instancePath.replace(/^\//, "") || "config";
            const extra = e.keyword === "additionalProperties" ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : "";
            return `${at}: ${e.message}${extra}`;
        })
        .join("; ");
}

/** What a policy config must be whatever the pack: an object of policy names to a level or config values. */
export function checkPolicyConfigShape(config: unknown): asserts config is PolicyPackConfig {
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new Error(`must be an object of policy names, got ${JSON.stringify(config)}`);
    }
    for (const [name, given] of Object.entries(config)) {
        if (typeof given !== "string" && (typeof given !== "object" || given === null || Array.isArray(given))) {
            throw new Error(`policy ${name}: must be an enforcement level or an object of config values, got ${JSON.stringify(given)}`);
        }
    }
}

/** Whether a value names an enforcement level: own keys only, as `"constructor" in LEVEL_NUMBERS` is true too. */
const isLevel = (level: unknown): level is EnforcementLevel => typeof level === "string" && Object.prototype.hasOwnProperty.call(LEVEL_NUMBERS, level);

/** The Configure request for a pack and a `--policy-pack-config`; throws on anything the pack would not accept. */
export function configureRequest(info: AnalyzerInfo, config: PolicyPackConfig = {}) {
    checkPolicyConfigShape(config);
    // "all": a level for every policy that does not set its own, as the CLI reads it.
    const everyPolicyLevel = config.all;
    if (everyPolicyLevel !== undefined && !isLevel(everyPolicyLevel)) {
        throw new Error(`all: must be an enforcement level (advisory, mandatory, remediate or disabled), got ${JSON.stringify(everyPolicyLevel)}`);
    }
    const unknown = Object.keys(config).filter((name) => name !== "all" && !info.policies.some((p) => p.name === name));
    if (unknown.length > 0) {
        throw new Error(`policy config names policies that ${info.name} does not have: ${unknown.join(", ")}`);
    }
    const request = new analyzerMessages.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const policy of info.policies) {
        const given = config[policy.name];
        const values = typeof given === "object" && given !== null ? { ...given } : {};
        const level =
            (typeof given === "string" ? given : (values.enforcementLevel as EnforcementLevel | undefined)) ??
            (everyPolicyLevel as EnforcementLevel | undefined) ??
            policy.enforcementLevel;
        delete values.enforcementLevel;
        if (!isLevel(level)) {
            throw new Error(`policy ${policy.name}: enforcement level must be advisory, mandatory, remediate or disabled, got ${JSON.stringify(level)}`);
        }
        const problems = configProblems(policy.configSchema, values);
        if (problems) {
            throw new Error(`policy ${policy.name}: ${problems}`);
        }
        const policyConfig = new analyzerMessages.PolicyConfig();
        policyConfig.setEnforcementlevel(LEVEL_NUMBERS[level]);
        policyConfig.setProperties(Struct.fromJavaScript({ ...policy.configDefaults, ...values }));
        map.set(policy.name, policyConfig);
    }
    return request;
}
