/**
 * Sensitive actions in the program: the checks that the documents carrying the denies fit AWS's quotas (the ForceMFA
 * policy, the roles' managed policy; the SCP's size is the organization's check), and the roles' managed policy with
 * its attachments. The users' denies are deployed by enforcement, inside the ForceMFA policy.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccountFacts } from "../accountFacts";
import { AccountChecks, Deployment, noFindings } from "../capability";
import { forceMfaPolicyDocument } from "../enforcement/forceMfaPolicyDocument";
import { MfaAdminRole, policyLength } from "../privilegedAccess/adminRole";
import { ForceMfaConfig } from "../stackConfig";
import { sensitiveActionGroups } from "./sensitiveActionsConfig";
import { SensitiveActionGroup, sensitiveActionsPolicyDocument } from "./sensitiveActionDenies";
import { SensitiveActionsGuard } from "./sensitiveActionsGuard";

/** IAM's limit on a customer managed policy, whitespace not counted. */
export const MANAGED_POLICY_MAX_LENGTH = 6144;

export interface SensitiveActionsSummary {
    readonly policyArn: pulumi.Output<string>;
    readonly roles: string[];
    readonly groups: { name: string; maxMfaAgeSeconds: number; actions: string[] }[];
}

/** The stack outputs: `sensitiveActions` while on, nothing while off. */
export type SensitiveActionsOutputs = { readonly sensitiveActions?: SensitiveActionsSummary };

function tooLong(what: string, length: number): string {
    return (
        `sensitiveActions.groups: ${what} would be ${length} characters (whitespace not counted), over IAM's ${MANAGED_POLICY_MAX_LENGTH} for a managed policy — ` +
        `merge actions into wildcards (e.g. "iam:Attach*Policy") or list fewer`
    );
}

/** Both documents that carry the denies must fit IAM's managed-policy quota, or `pulumi up` fails half-way. */
export function checkSensitiveActions(config: ForceMfaConfig, _account: AccountFacts): AccountChecks {
    const groups = sensitiveActionGroups(config.sensitiveActions);
    if (groups.length === 0) {
        return noFindings();
    }
    const problems: string[] = [];
    const forUsers = policyLength(forceMfaPolicyDocument({ ...config, sensitiveActionGroups: groups }));
    if (forUsers > MANAGED_POLICY_MAX_LENGTH) {
        problems.push(tooLong(`the ForceMFA policy "${config.policyName}" with the sensitive-action denies`, forUsers));
    }
    const forRoles = policyLength(sensitiveActionsPolicyDocument(groups));
    if (forRoles > MANAGED_POLICY_MAX_LENGTH) {
        problems.push(tooLong(`the roles' policy "${config.sensitiveActions.policyName}"`, forRoles));
    }
    return { problems, warnings: [] };
}

function summaryGroups(groups: readonly SensitiveActionGroup[]) {
    return groups.map((g) => ({ name: g.name, maxMfaAgeSeconds: g.maxMfaAgeSeconds, actions: [...g.actions] }));
}

/** `adminRole`: the admin role when privileged access created one; it carries the policy too. */
export function deploySensitiveActions(
    config: ForceMfaConfig,
    _account: AccountFacts,
    adminRole: Pick<MfaAdminRole, "role"> | undefined,
): Deployment<SensitiveActionsOutputs, { sensitiveActions?: SensitiveActionsGuard }> {
    const groups = sensitiveActionGroups(config.sensitiveActions);
    if (groups.length === 0) {
        return { outputs: {}, nextSteps: [], components: {} };
    }
    const settings = config.sensitiveActions;
    const roles = [
        ...(adminRole ? [{ key: "admin", name: adminRole.role.name }] : []),
        ...settings.roles.map((name) => ({ key: `role-${name.toLowerCase()}`, name })),
    ];
    const guard = new SensitiveActionsGuard("sensitive-actions", {
        policyName: settings.policyName,
        policyDocument: sensitiveActionsPolicyDocument(groups),
        roles,
        tags: config.tags,
    });
    const youngest = Math.min(...groups.map((g) => g.maxMfaAgeSeconds));
    return {
        outputs: {
            sensitiveActions: {
                policyArn: guard.policy.arn,
                roles: [...(adminRole ? [config.adminRole.name] : []), ...settings.roles],
                groups: summaryGroups(groups),
            },
        },
        nextSteps: [
            `Sensitive actions (${groups.map((g) => g.name).join(", ")}) need MFA as fresh as ${youngest} s: refresh it (aws sts get-session-token, or assume the role again) before such work, \`pulumi up\` of IAM changes included.`,
        ],
        components: { sensitiveActions: guard },
    };
}
