/**
 * The organization audit in the organization section: what is checked against the organization before anything is
 * created (a service-managed StackSet also needs all features, which the section's own checks require), and the
 * component with its outputs and next steps.
 */
import { AccountFacts } from "../../accountFacts";
import { AccountChecks } from "../../capability";
import { OrganizationFacts } from "../organizationFacts";
import { stateMachineArn } from "./auditNames";
import { OrganizationAudit, startCommand } from "./organizationAudit";
import { OrganizationAuditSettings, WHOLE_ORGANIZATION } from "./organizationAuditConfig";

/** The StackSet service's principal, for trusted access and delegated administration. */
export const STACKSETS_SERVICE_PRINCIPAL = "member.org.stacksets.cloudformation.amazonaws.com";

export function checkOrganizationAudit(settings: OrganizationAuditSettings, organization: OrganizationFacts, callerAccountId: string): AccountChecks {
    if (!settings.enabled || organization.id === "") {
        return { problems: [], warnings: [] };
    }
    const problems: string[] = [];
    const warnings: string[] = [];
    if (settings.targets.includes(WHOLE_ORGANIZATION) && organization.rootId === "") {
        problems.push(`organization.audit.targets: "${WHOLE_ORGANIZATION}" needs the organization's root, and getOrganization found none`);
    }
    if (callerAccountId !== organization.managementAccountId) {
        warnings.push(
            `organization.audit: this stack runs in ${callerAccountId}, not the management account ${organization.managementAccountId}: the StackSet is created as a delegated administrator ` +
                `(register ${callerAccountId} for ${STACKSETS_SERVICE_PRINCIPAL}), and a service-managed StackSet never deploys to the management account — ` +
                `its principals are audited only if you create the audit role there yourself (docs/organization-audit.md), else it is reported as role-missing`,
        );
    }
    return { problems, warnings };
}

export function deployOrganizationAudit(settings: OrganizationAuditSettings, organization: OrganizationFacts, account: AccountFacts, tags: Readonly<Record<string, string>>) {
    const component = new OrganizationAudit("force-mfa-organization-audit", {
        accountId: account.accountId,
        region: account.region,
        settings,
        rootId: organization.rootId,
        delegatedAdministrator: account.accountId !== organization.managementAccountId,
        tags: { ...tags },
    });
    const machineArn = stateMachineArn(account.accountId, account.region, component.names.stateMachine);
    return {
        component,
        outputs: {
            stateMachineArn: machineArn,
            bucket: component.names.bucket,
            stackSetName: component.names.stackSet,
            auditRoleName: settings.roleName,
            schedules: { weeklyCheck: settings.schedules.weeklyCheck, quarterlyReport: settings.schedules.quarterlyReport, timezone: settings.schedules.timezone },
            startCommand: startCommand(machineArn),
        },
        nextSteps: [
            `Organization audit: CloudFormation's trusted access for StackSets must be on (aws cloudformation activate-organizations-access) before the StackSet deploys the role ${settings.roleName} to the member accounts.`,
            `Organization audit: runs start on the schedules and by hand (${startCommand(machineArn)}); reports land in s3://${component.names.bucket}/organization-audit/<run>/.`,
            ...(settings.securityHub ? ["Organization audit: Security Hub must be enabled in this account and region; the findings are imported as this account's, each naming its member account."] : []),
        ],
    };
}
