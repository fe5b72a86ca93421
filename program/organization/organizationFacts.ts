/** What is read from AWS Organizations for a stack with an organization section. */
import * as aws from "@pulumi/aws";

export interface OrganizationFacts {
    /** `o-...`; empty when the account belongs to no organization. */
    readonly id: string;
    readonly rootId: string;
    readonly featureSet: string;
    /** Policy types enabled in the root, e.g. SERVICE_CONTROL_POLICY. */
    readonly enabledPolicyTypes: readonly string[];
    readonly managementAccountId: string;
}

/** Reads the organization. An invoke: it runs during preview too, so the root id is known then. */
export async function lookUpOrganization(): Promise<OrganizationFacts> {
    const organization = await aws.organizations.getOrganization({});
    const root = organization.roots?.[0];
    return {
        id: organization.id ?? "",
        rootId: root?.id ?? "",
        featureSet: organization.featureSet,
        enabledPolicyTypes: (root?.policyTypes ?? []).filter((t) => t.status === "ENABLED").map((t) => t.type),
        managementAccountId: organization.masterAccountId,
    };
}
