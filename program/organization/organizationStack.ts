/**
 * The organization section of a stack run in the management account (or a delegated administrator): what is read
 * from AWS Organizations, what is checked against it before anything is created, and the controls it deploys. The
 * management account's own IAM users are enforced by the per-account resources of the same stack: an SCP never
 * applies to the management account.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../config";
import { OrganizationConfig, ROOT_TARGET } from "./organizationConfig";
import { mfaServiceControlPolicy, MfaServiceControlPolicyOptions } from "./mfaServiceControlPolicy";
import { OrganizationMfaGuard, RootAccessFeature } from "./organizationMfaGuard";
import { serviceControlPolicySize, serviceControlPolicySizeProblem } from "./serviceControlPolicySize";

/** What the per-account part of the same config says, which the SCP mirrors. */
export interface EnforcementNames {
    readonly enforcedGroupName: string;
    readonly policyName: string;
    readonly allowPasswordChangeWithoutMfa: boolean;
}

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

export function scpOptions(settings: OrganizationConfig, names: EnforcementNames): MfaServiceControlPolicyOptions {
    return {
        allowPasswordChangeWithoutMfa: names.allowPasswordChangeWithoutMfa,
        exemptionTagKey: settings.exemptionTagKey,
        exemptUserArns: settings.exemptUserArns,
        deployerRoleArns: settings.deployerRoleArns,
        enforcedGroupName: names.enforcedGroupName,
        forceMfaPolicyName: names.policyName,
    };
}

/** Problems and warnings found against the organization, before anything is created. */
export function checkAgainstOrganization(
    settings: OrganizationConfig,
    names: EnforcementNames,
    organization: OrganizationFacts,
    callerAccountId: string,
): { problems: string[]; warnings: string[] } {
    const problems: string[] = [];
    const warnings: string[] = [];
    const size = serviceControlPolicySizeProblem(scpOptions(settings, names));
    if (size) {
        problems.push(size);
    }
    if (organization.id === "") {
        problems.push("organization: getOrganization found no organization; run this stack in the organization's management account (or a delegated administrator)");
        return { problems, warnings };
    }
    if (organization.featureSet !== "ALL") {
        problems.push(`organization: the organization has feature set ${organization.featureSet}; service control policies need all features enabled (aws organizations enable-all-features)`);
    } else if (!organization.enabledPolicyTypes.includes("SERVICE_CONTROL_POLICY")) {
        problems.push(
            `organization: service control policies are not enabled in the root ${organization.rootId || "(none found)"}; ` +
                `enable them first: aws organizations enable-policy-type --root-id ${organization.rootId || "<root-id>"} --policy-type SERVICE_CONTROL_POLICY`,
        );
    }
    if (settings.attachTo.includes(ROOT_TARGET) && organization.rootId === "") {
        problems.push("organization.attachTo: the organization has no root to attach to (getOrganization found none)");
    }
    // A delegated administrator may manage policies; these two only the management account can create.
    if (callerAccountId !== organization.managementAccountId) {
        if (settings.centralRootAccess.credentialsManagement || settings.centralRootAccess.sessions) {
            problems.push(`organization.centralRootAccess: only the management account (${organization.managementAccountId}) can enable it; this stack runs in ${callerAccountId}`);
        }
        if (settings.configRules.enabled) {
            problems.push(`organization.configRules: organization Config rules are created from the management account (${organization.managementAccountId}); this stack runs in ${callerAccountId}`);
        }
    }
    if (settings.attachTo.includes(organization.managementAccountId)) {
        warnings.push(
            `organization.attachTo: ${organization.managementAccountId} is the management account; a service control policy never applies there — its own IAM users are enforced by this stack's ForceMFA group`,
        );
    }
    return { problems, warnings };
}

export function deployOrganizationMfa(
    settings: OrganizationConfig,
    names: EnforcementNames,
    organization: OrganizationFacts,
    tags: Readonly<Record<string, string>>,
) {
    const document = mfaServiceControlPolicy(scpOptions(settings, names));
    const targetIds = settings.attachTo.map((target) => (target === ROOT_TARGET ? organization.rootId : target));
    const rootAccessFeatures: RootAccessFeature[] = [
        ...(settings.centralRootAccess.credentialsManagement ? (["RootCredentialsManagement"] as const) : []),
        ...(settings.centralRootAccess.sessions ? (["RootSessions"] as const) : []),
    ];
    const guard = new OrganizationMfaGuard("force-mfa-organization", {
        policyName: settings.serviceControlPolicyName,
        policyDocument: document,
        targetIds,
        rootAccessFeatures,
        configRules: settings.configRules.enabled
            ? { namePrefix: "force-mfa-org", maximumExecutionFrequency: settings.configRules.maximumExecutionFrequency, excludedAccountIds: settings.configRules.excludedAccountIds }
            : undefined,
        tags,
    });
    return {
        outputs: {
            serviceControlPolicyId: guard.policy.id,
            serviceControlPolicyName: settings.serviceControlPolicyName,
            serviceControlPolicySize: serviceControlPolicySize(scpOptions(settings, names)),
            attachedTo: targetIds,
            rootAccessFeatures,
            configRuleNames: guard.configRules.map((rule) => rule.name),
            nextSteps: [
                "A service control policy never applies to the management account: its IAM users are enforced by this stack's ForceMFA group.",
                "Each member account still runs its own stack (the enforced group and ForceMFA policy the SCP protects, detection, state backend).",
                "IAM Identity Center's MFA setting has no API: set it in the console (see README, Organization).",
            ],
        } satisfies Record<string, unknown>,
        guard,
    };
}

/** The part of the stack config the organization section reads. */
export interface ConfigWithOrganization extends EnforcementNames {
    readonly organization?: OrganizationConfig;
    readonly tags: Readonly<Record<string, string>>;
}

/**
 * Checks the organization section against the organization now, before the stack registers anything (throws
 * ConfigError), and returns what deploys it; undefined for a stack without the section.
 */
export function prepareOrganization(config: ConfigWithOrganization, account: { accountId: string; organization?: OrganizationFacts }) {
    const settings = config.organization;
    if (settings === undefined) {
        return undefined;
    }
    if (account.organization === undefined) {
        throw new Error("the organization section needs the organization's facts: lookUpAccount({ organization: true })");
    }
    const organization = account.organization;
    const { problems, warnings } = checkAgainstOrganization(settings, config, organization, account.accountId);
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }
    warnings.forEach((warning) => pulumi.log.warn(warning));
    return () => deployOrganizationMfa(settings, config, organization, config.tags).outputs;
}
