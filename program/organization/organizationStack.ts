/**
 * The organization section of a stack run in the management account (or a delegated administrator): what is checked
 * against the organization before anything is created, and the controls it deploys. The management account's own IAM
 * users are enforced by the per-account resources of the same stack: an SCP never applies to the management account.
 */
import { AccountFacts } from "../accountFacts";
import { AccountChecks, Deployment, noFindings } from "../capability";
import { ForceMfaConfig } from "../stackConfig";
import { SensitiveActionGroup } from "../sensitiveActions/sensitiveActionDenies";
import { sensitiveActionGroups } from "../sensitiveActions/sensitiveActionsConfig";
import { OrganizationFacts } from "./organizationFacts";
import { OrganizationSettings, ROOT_TARGET } from "./organizationConfig";
import { exemptionEndsAt, mfaServiceControlPolicy, MfaServiceControlPolicyOptions } from "./mfaServiceControlPolicy";
import { ExemptionStatus, exemptionStatus, utcDate } from "../../account";
import { ExemptionTermsText } from "../enforcement/exemptionTermsConfig";
import { OrganizationMfaGuard, RootAccessFeature } from "./organizationMfaGuard";
import { serviceControlPolicySize, serviceControlPolicySizeProblem } from "./serviceControlPolicySize";
import { checkOrganizationAudit, deployOrganizationAudit } from "./audit/organizationAuditStack";
import { OrganizationAudit } from "./audit/organizationAudit";

/** What the per-account part of the same config says, which the SCP mirrors. */
export interface EnforcementNames {
    readonly enforcedGroupName: string;
    readonly policyName: string;
    readonly allowPasswordChangeWithoutMfa: boolean;
    /** The sensitive actions in force (sensitiveActionGroups of the stack config): the SCP denies them too. */
    readonly sensitiveActionGroups?: readonly SensitiveActionGroup[];
}

/** An SCP exemption with its terms: a plain pattern has none but its ARN (no reason, permanent). */
export type ScpExemption = { readonly arn: string } & Partial<ExemptionTermsText>;

export function scpExemptions(settings: Pick<OrganizationSettings, "exemptUserArns">): ScpExemption[] {
    return settings.exemptUserArns.map((entry) => (typeof entry === "string" ? { arn: entry } : entry));
}

/** Each SCP exemption with whether it counts on `today`, for the `exemptions` output. */
export function scpExemptionStatuses(settings: Pick<OrganizationSettings, "exemptUserArns">, today: string): (ScpExemption & { status: ExemptionStatus })[] {
    return scpExemptions(settings).map((e) => ({ ...e, status: exemptionStatus({ name: e.arn, ...e }, today) }));
}

/**
 * The policy's options on `today`: an exemption past its expiresOn is left out (no exemption at all); one that ends
 * later carries its date, and the policy ends it then (aws:CurrentTime) even if nobody deploys again.
 */
export function scpOptions(settings: OrganizationSettings, names: EnforcementNames, today: string = utcDate()): MfaServiceControlPolicyOptions {
    return {
        allowPasswordChangeWithoutMfa: names.allowPasswordChangeWithoutMfa,
        exemptionTagKey: settings.exemptionTagKey,
        exemptUserArns: scpExemptionStatuses(settings, today)
            .filter((e) => e.status !== "expired")
            .map((e) => (e.expiresOn === undefined ? e.arn : { arn: e.arn, expiresOn: e.expiresOn })),
        deployerRoleArns: settings.deployerRoleArns,
        enforcedGroupName: names.enforcedGroupName,
        forceMfaPolicyName: names.policyName,
        sensitiveActionGroups: names.sensitiveActionGroups ?? [],
    };
}

/** Advisory, like the users' exemptions: one that has ended, one that never ends. */
function scpExemptionWarnings(settings: OrganizationSettings, today: string): string[] {
    return scpExemptionStatuses(settings, today).flatMap((e) => {
        if (e.status === "expired") {
            return [`organization.exemptUserArns: the exemption of ${e.arn} expired on ${e.expiresOn}: it is left out of the service control policy (a policy deployed with its date has denied it since ${exemptionEndsAt(e.expiresOn!)}) — renew it (a new expiresOn) or remove it`];
        }
        if (e.status === "permanent") {
            return [`organization.exemptUserArns: ${e.arn} has no expiresOn: it is permanent — write it as {arn, reason, approvedBy, ticket, grantedOn, expiresOn} so it is reviewed`];
        }
        return [];
    });
}

/** Problems and warnings found against the organization, before anything is created. */
export function checkAgainstOrganization(
    settings: OrganizationSettings,
    names: EnforcementNames,
    organization: OrganizationFacts,
    callerAccountId: string,
    today: string = utcDate(),
): AccountChecks {
    const problems: string[] = [];
    const warnings: string[] = [...scpExemptionWarnings(settings, today)];
    const size = serviceControlPolicySizeProblem(scpOptions(settings, names, today));
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
    const audit = checkOrganizationAudit(settings.audit, organization, callerAccountId);
    problems.push(...audit.problems);
    warnings.push(...audit.warnings);
    if (settings.attachTo.includes(organization.managementAccountId)) {
        warnings.push(
            `organization.attachTo: ${organization.managementAccountId} is the management account; a service control policy never applies there — its own IAM users are enforced by this stack's ForceMFA group`,
        );
    }
    return { problems, warnings };
}

export function deployOrganizationMfa(
    settings: OrganizationSettings,
    names: EnforcementNames,
    organization: OrganizationFacts,
    tags: Readonly<Record<string, string>>,
    today: string = utcDate(),
) {
    const options = scpOptions(settings, names, today);
    const document = mfaServiceControlPolicy(options);
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
            serviceControlPolicySize: serviceControlPolicySize(options),
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

/** The facts the section is checked and deployed against; lookUpAccount({ organization: true }) reads them. */
function organizationOf(account: AccountFacts): OrganizationFacts {
    if (account.organization === undefined) {
        throw new Error("the organization section needs the organization's facts: lookUpAccount({ organization: true })");
    }
    return account.organization;
}

/** What the SCP mirrors of the per-account config, sensitive actions resolved to the groups in force. */
function enforcementNames(config: ForceMfaConfig): EnforcementNames {
    return { ...config, sensitiveActionGroups: sensitiveActionGroups(config.sensitiveActions) };
}

/** The section checked against the organization; nothing to check for a stack without it. */
export function checkOrganization(config: ForceMfaConfig, account: AccountFacts): AccountChecks {
    return config.organization === undefined ? noFindings() : checkAgainstOrganization(config.organization, enforcementNames(config), organizationOf(account), account.accountId, account.today);
}

export type OrganizationOutputs = {
    readonly organization?: ReturnType<typeof deployOrganizationMfa>["outputs"] & { readonly audit?: ReturnType<typeof deployOrganizationAudit>["outputs"] };
};

/** The organization's controls (and its audit, when on), exported as the one output `organization`; nothing for a stack without the section. */
export function deployOrganization(config: ForceMfaConfig, account: AccountFacts): Deployment<OrganizationOutputs, { organization?: OrganizationMfaGuard; organizationAudit?: OrganizationAudit }> {
    if (config.organization === undefined) {
        return { outputs: {}, nextSteps: [], components: {} };
    }
    const organization = organizationOf(account);
    const { outputs, guard } = deployOrganizationMfa(config.organization, enforcementNames(config), organization, config.tags, account.today);
    const audit = config.organization.audit.enabled ? deployOrganizationAudit(config.organization.audit, organization, account, config.tags) : undefined;
    // Its next steps stay inside its own output, as they only concern the management account.
    return {
        outputs: { organization: audit ? { ...outputs, nextSteps: [...outputs.nextSteps, ...audit.nextSteps], audit: audit.outputs } : outputs },
        nextSteps: [],
        components: { organization: guard, ...(audit ? { organizationAudit: audit.component } : {}) },
    };
}
