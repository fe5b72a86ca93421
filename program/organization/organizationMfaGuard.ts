/**
 * OrganizationMfaGuard: the organization's controls, from its management account (or a delegated administrator).
 *
 * - the MFA service control policy (`aws.organizations.Policy`, SERVICE_CONTROL_POLICY), attached to the root or to
 *   the listed OUs and accounts — one attachment per target, named after it, so adding a target replaces nothing;
 * - optionally, centralized root access (`aws.iam.OrganizationsFeatures`): member accounts' root credentials managed
 *   from the management account, and privileged root sessions instead of root passwords;
 * - optionally, organization-wide AWS Config managed rules (`aws.cfg.OrganizationManagedRule`) reporting IAM users
 *   without MFA and root users without a hardware device in every member account.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ExecutionFrequency, ManagedRuleSpec, MFA_RULES } from "../detection/configRules";
import { ServiceControlPolicyDocument, serviceControlPolicyText } from "./mfaServiceControlPolicy";

/** The rules that need no per-account parameter: the same verdict in every member account. */
export const ORGANIZATION_RULE_IDENTIFIERS = ["IAM_USER_MFA_ENABLED", "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED"] as const;

export const ORGANIZATION_RULES: readonly ManagedRuleSpec[] = ORGANIZATION_RULE_IDENTIFIERS.map((identifier) => MFA_RULES.find((rule) => rule.identifier === identifier)!);

export type RootAccessFeature = "RootCredentialsManagement" | "RootSessions";

export interface OrganizationConfigRulesArgs {
    /** Name prefix of the rules (e.g. "force-mfa-org"). */
    readonly namePrefix: string;
    readonly maximumExecutionFrequency: ExecutionFrequency;
    readonly excludedAccountIds: readonly string[];
}

export interface OrganizationMfaGuardArgs {
    readonly policyName: string;
    readonly policyDocument: ServiceControlPolicyDocument;
    /** The root's id (`r-...`), or OU (`ou-...`) and account ids. */
    readonly targetIds: readonly string[];
    /** Empty: centralized root access is left as it is. */
    readonly rootAccessFeatures: readonly RootAccessFeature[];
    /** Undefined: no organization Config rules. */
    readonly configRules?: OrganizationConfigRulesArgs;
    readonly tags: Readonly<Record<string, string>>;
}

export class OrganizationMfaGuard extends pulumi.ComponentResource {
    readonly policy: aws.organizations.Policy;
    readonly attachments: aws.organizations.PolicyAttachment[];
    readonly rootAccess?: aws.iam.OrganizationsFeatures;
    readonly configRules: aws.cfg.OrganizationManagedRule[];

    constructor(name: string, args: OrganizationMfaGuardArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:organization:OrganizationMfaGuard", name, {}, opts);
        this.policy = new aws.organizations.Policy(
            `${name}-scp`,
            {
                name: args.policyName,
                type: "SERVICE_CONTROL_POLICY",
                description: "force-mfa: IAM users of member accounts can do nothing but enroll MFA until they sign in with it",
                content: serviceControlPolicyText(args.policyDocument),
                tags: { ...args.tags },
            },
            { parent: this },
        );
        this.attachments = args.targetIds.map(
            (targetId) => new aws.organizations.PolicyAttachment(`${name}-scp-${targetId}`, { policyId: this.policy.id, targetId }, { parent: this }),
        );
        if (args.rootAccessFeatures.length > 0) {
            this.rootAccess = new aws.iam.OrganizationsFeatures(`${name}-root-access`, { enabledFeatures: [...args.rootAccessFeatures] }, { parent: this });
        }
        const rules = args.configRules;
        this.configRules = rules
            ? ORGANIZATION_RULES.map(
                  (spec) =>
                      new aws.cfg.OrganizationManagedRule(
                          `${name}-${spec.key}`,
                          {
                              name: `${rules.namePrefix}-${spec.key}`,
                              ruleIdentifier: spec.identifier,
                              description: `force-mfa (organization): ${spec.description}`,
                              maximumExecutionFrequency: rules.maximumExecutionFrequency,
                              ...(rules.excludedAccountIds.length > 0 ? { excludedAccounts: [...rules.excludedAccountIds] } : {}),
                          },
                          { parent: this },
                      ),
              )
            : [];
        this.registerOutputs({ policyId: this.policy.id, targets: [...args.targetIds] });
    }
}
