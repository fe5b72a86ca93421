/** The organization, the per-account names and the section the organization's tests share. */
import { OrganizationSettings } from "../../../program/organization/organizationConfig";
import { organizationAuditSection } from "../../../program/organization/audit/organizationAuditConfig";
import { OrganizationFacts } from "../../../program/organization/organizationFacts";
import { EnforcementNames } from "../../../program/organization/organizationStack";

export const ORGANIZATION: OrganizationFacts = {
    id: "o-abc123",
    rootId: "r-a1b2",
    featureSet: "ALL",
    enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
    managementAccountId: "999988887777",
};
export const MANAGEMENT = ORGANIZATION.managementAccountId;
export const NAMES: EnforcementNames = { enforcedGroupName: "mfa-enforced", policyName: "ForceMFA", allowPasswordChangeWithoutMfa: true };
export const SETTINGS: OrganizationSettings = {
    serviceControlPolicyName: "force-mfa-deny-without-mfa",
    attachTo: ["root"],
    exemptionTagKey: "force-mfa-exempt",
    // Dated, as a reviewed exemption is: a plain pattern is permanent, and warned about at every deploy.
    exemptUserArns: [{ arn: "arn:aws:iam::*:user/breakglass", reason: "emergency access, hardware MFA in the safe", approvedBy: "ciso", expiresOn: "2099-12-31" }],
    deployerRoleArns: ["arn:aws:iam::*:role/force-mfa-deployer"],
    centralRootAccess: { credentialsManagement: false, sessions: false },
    configRules: { enabled: false, maximumExecutionFrequency: "TwentyFour_Hours", excludedAccountIds: [] },
    audit: organizationAuditSection.parse({}),
};
