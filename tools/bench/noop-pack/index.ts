/**
 * The benchmark's baseline: NOOP_STACK_POLICIES stack policies and NOOP_RESOURCE_POLICIES resource policies that do
 * nothing, so the SDK's own work (deserializing every resource once per policy) is the same as for the pack measured.
 */
import { PolicyPack, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

const stackPolicies = Number(process.env.NOOP_STACK_POLICIES ?? "1");
const resourcePolicies = Number(process.env.NOOP_RESOURCE_POLICIES ?? "0");

const policies: (StackValidationPolicy | ResourceValidationPolicy)[] = [
    ...Array.from({ length: stackPolicies }, (_, i): StackValidationPolicy => ({
        name: `noop-stack-${i}`,
        description: "Does nothing.",
        enforcementLevel: "mandatory",
        validateStack: () => undefined,
    })),
    ...Array.from({ length: resourcePolicies }, (_, i): ResourceValidationPolicy => ({
        name: `noop-resource-${i}`,
        description: "Does nothing.",
        enforcementLevel: "mandatory",
        validateResource: () => undefined,
    })),
];

new PolicyPack("noop", { policies });
