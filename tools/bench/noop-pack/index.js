/**
 * The benchmark's baseline, prebuilt (plain JavaScript, so start-up is compared with a pack that needs no compiling):
 * NOOP_STACK_POLICIES stack policies and NOOP_RESOURCE_POLICIES resource policies that do nothing: what any pack of
 * that shape pays the SDK as it is (every resource deserialized once per policy, which force-mfa-guard avoids).
 */
"use strict";
const { PolicyPack } = require("@pulumi/policy");

const stackPolicies = Number(process.env.NOOP_STACK_POLICIES ?? "1");
const resourcePolicies = Number(process.env.NOOP_RESOURCE_POLICIES ?? "0");

const policies = [
    ...Array.from({ length: stackPolicies }, (_, i) => ({
        name: `noop-stack-${i}`,
        description: "Does nothing.",
        enforcementLevel: "mandatory",
        validateStack: () => undefined,
    })),
    ...Array.from({ length: resourcePolicies }, (_, i) => ({
        name: `noop-resource-${i}`,
        description: "Does nothing.",
        enforcementLevel: "mandatory",
        validateResource: () => undefined,
    })),
];

new PolicyPack("noop", { policies });
