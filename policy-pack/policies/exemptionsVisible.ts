/**
 * mfa-exemptions-visible (advisory): every exemption of the config is named, with its reason, on every preview, so
 * exemptions stay in plain view for auditors instead of hiding in a config file.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../guardConfig";
import { guardedStackValidation, StackCheckInput, Violation } from "./guardRuntime";

export const EXEMPTIONS_POLICY_NAME = "mfa-exemptions-visible";

export function exemptionNotices({ graph, config }: StackCheckInput): Violation[] {
    const userUrn = new Map(graph.users.filter((u) => u.inStack).map((u) => [u.name, u.urn]));
    const roleUrn = new Map(graph.roles.map((r) => [r.name, r.urn]));
    return [
        ...config.exemptUsers.map((e) => ({
            urn: userUrn.get(e.name),
            message: `user ${e.name} is exempt from MFA enforcement: ${e.reason}${userUrn.has(e.name) ? "" : " (not declared in this stack)"}`,
        })),
        ...config.exemptRoles.map((e) => ({
            urn: roleUrn.get(e.name),
            message: `role ${e.name} may be assumed without MFA: ${e.reason}${roleUrn.has(e.name) ? "" : " (not declared in this stack)"}`,
        })),
    ];
}

export const exemptionsVisible: StackValidationPolicy = {
    name: EXEMPTIONS_POLICY_NAME,
    description: "Names every MFA exemption and its reason on every preview.",
    enforcementLevel: "advisory",
    configSchema: configSchema(["exemptUsers", "exemptRoles"]),
    validateStack: guardedStackValidation(EXEMPTIONS_POLICY_NAME, exemptionNotices),
};
