/**
 * force-mfa-guard's policies run in-process over resources registered under mocks, as the analyzer would hand them
 * over: what each policy reported, as `<policy>: <message>`.
 */
import { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { forceMfaGuardPolicies } from "../../policy-pack/policies";
import { Registered } from "./pulumiMocks";

export interface PackResource {
    type: string;
    urn: string;
    name: string;
    props: Record<string, any>;
    dependencies: unknown[];
    propertyDependencies: Record<string, unknown>;
}

/** Registered resources as the pack sees them: their inputs (as in Analyze) or their state (as in AnalyzeStack). */
export function packResources(registered: readonly Registered[], props: "inputs" | "state"): PackResource[] {
    return registered.map((r) => ({
        type: r.type,
        urn: `urn:pulumi:test::force-mfa::${r.type}::${r.name}`,
        name: r.name,
        props: r[props],
        dependencies: [],
        propertyDependencies: {},
    }));
}

export interface PackRunOptions {
    /** The pack's config, as `getConfig()` returns it to every policy. */
    readonly config?: Record<string, unknown>;
    /** Skip the advisory policies (mfa-exemptions-visible reports every exemption by design). */
    readonly mandatoryOnly?: boolean;
}

/** Every policy of the pack over the resources, per resource and for the stack; returns what was reported. */
export async function packReports(resources: readonly PackResource[], options: PackRunOptions = {}): Promise<string[]> {
    const config = options.config ?? {};
    const reported: string[] = [];
    for (const policy of forceMfaGuardPolicies) {
        if (options.mandatoryOnly && policy.enforcementLevel === "advisory") {
            continue;
        }
        const report = (message: string) => reported.push(`${policy.name}: ${message}`);
        const resourcePolicy = policy as ResourceValidationPolicy;
        if (resourcePolicy.validateResource !== undefined) {
            const validations = Array.isArray(resourcePolicy.validateResource) ? resourcePolicy.validateResource : [resourcePolicy.validateResource];
            for (const r of resources) {
                for (const validate of validations) {
                    await validate({ ...r, getConfig: () => config } as unknown as ResourceValidationArgs, report);
                }
            }
        }
        const stackPolicy = policy as StackValidationPolicy;
        if (stackPolicy.validateStack !== undefined) {
            const args = { resources: resources as unknown as PolicyResource[], getConfig: () => config, stackTags: new Map() } as unknown as StackValidationArgs;
            await stackPolicy.validateStack(args, report);
        }
    }
    return reported;
}
