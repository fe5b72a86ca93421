/**
 * mfa-exemptions-visible (advisory): every exemption of the config is named, with its reason, on every preview, so
 * exemptions stay in plain view for auditors instead of hiding in a config file.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../guardConfig";
import { guardedStackValidation, StackCheckInput, Violation } from "./guardRuntime";

export const EXEMPTIONS_POLICY_NAME = "mfa-exemptions-visible";

export function exemptionNotices({ graph, config }: StackCheckInput): Violation[] {
    // IAM names are unique regardless of case, as isExempt matches them.
    const userUrn = new Map(graph.users.filter((u) => u.inStack && u.nameKnown && u.name !== undefined).map((u) => [u.name!.toLowerCase(), u.urn]));
    const roleUrn = new Map(graph.roles.filter((r) => r.nameKnown).map((r) => [r.name!.toLowerCase(), r.urn]));
    return [
        ...config.exemptUsers.map((e) => {
            const urn = userUrn.get(e.name.toLowerCase());
            return { urn, message: `user ${e.name} is exempt from MFA enforcement: ${e.reason}${urn ? "" : " (not declared in this stack)"}` };
        }),
        ...config.exemptRoles.map((e) => {
            const urn = roleUrn.get(e.name.toLowerCase());
            return { urn, message: `role ${e.name} may be assumed without MFA: ${e.reason}${urn ? "" : " (not declared in this stack)"}` };
        }),
    ];
}

export const exemptionsVisible: StackValidationPolicy = {
    name: EXEMPTIONS_POLICY_NAME,
    description: "Names every MFA exemption and its reason on every preview.",
    enforcementLevel: "advisory",
    configSchema: configSchema(["exemptUsers", "exemptRoles"]),
    validateStack: guardedStackValidation(EXEMPTIONS_POLICY_NAME, exemptionNotices),
};
