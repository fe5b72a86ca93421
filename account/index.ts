/**
 * The account library's one public face, imported by the program's Lambda jobs and by the CLIs in tools/: parsers
 * that take what AWS returns (text, bytes, objects, SDK pages with Date values) and know no file system, the judgement
 * of each principal by force-mfa-guard's evaluator (policy-pack/evaluator.ts), the report builder, and its three
 * renderings.
 */
export { AuditInputError } from "./inputs/auditInputError";
export { parseJson } from "./inputs/jsonReader";
export { parseAuthorizationDetails } from "./inputs/authorizationDetails";
export type { AuthorizationDetails, IamGroup, IamRole, IamUser, ManagedPolicy } from "./inputs/authorizationDetails";
export { parseCredentialReport, ROOT_ROW } from "./inputs/credentialReport";
export type { CredentialFacts, CredentialReport } from "./inputs/credentialReport";
export { isRootDevice, parseVirtualMfaDevices } from "./inputs/virtualMfaDevices";
export { mfaDeviceKind, parseRootCredentials } from "./inputs/rootCredentials";
export { isActiveMember, parseOrganizationAccounts } from "./inputs/organizationAccounts";
export type { OrganizationMember } from "./inputs/organizationAccounts";
export type { RootCredentials } from "./inputs/rootCredentials";
export type { VirtualMfaDevice } from "./inputs/virtualMfaDevices";
export { NO_EXEMPTIONS, parseExemptionsFile, parseStackExemptions } from "./inputs/exemptions";
export type { Exemption, Exemptions } from "./inputs/exemptions";
export { activeExemptions, exemptionStatus, isCalendarDate, ISO_DATE, utcDate } from "../policy-pack/evaluator";
export type { ExemptionStatus, ExemptionTerms } from "../policy-pack/evaluator";
export { buildAuditReport, summarize } from "./report/buildAuditReport";
export { DEFAULT_SUSPENDED_GROUP_NAME } from "./judgement/suspension";
export type { AuditInputs, AuditOptions } from "./report/buildAuditReport";
export { DEFAULT_FAIL_ON, exitCode, FAIL_ON_CONDITIONS, FailOnError, failures, parseFailOn } from "./report/failOn";
export type { FailOnCondition } from "./report/failOn";
export { PRINCIPAL_TYPES, STATUSES } from "./report/reportModel";
export type { AuditReport, Credentials, PrincipalStatus, PrincipalVerdict, RootFacts, Witness } from "./report/reportModel";
export { renderHtmlReport } from "./output/htmlPage";
export { renderCsvReport } from "./output/csvReport";
export { asffFindings, renderAsffFindings } from "./output/asffFindings";
export { renderJsonReport, REPORT_SCHEMA_VERSION } from "./output/jsonReport";
export { renderTerminalSummary } from "./output/terminalSummary";
// The pack's defaults are the program's: defined once, in the evaluator, and read by the program through this face.
export { DEFAULT_ENFORCED_GROUP_NAME, DEFAULT_ENFORCEMENT_POLICY_NAME, DEFAULT_ENROLLMENT_ALLOW_LIST } from "../policy-pack/evaluator";
// The sensitive actions the program denies without fresh MFA are the ones the pack proves: one list, one matcher.
export { ACTION_PATTERN, actionMatches, DEFAULT_SENSITIVE_ACTION_GROUPS, MFA_AGE_LIMITS, sensitiveActionGroupList } from "../policy-pack/evaluator";
export type { SensitiveActionGroup, SensitiveActionGroupSettings } from "../policy-pack/evaluator";
// The kinds of IAM input the evaluator reads (a resource type each), for the watch's list of CloudTrail events.
export { IAM_TYPES } from "../policy-pack/evaluator";
// The organization audit: each member account judged by judgeAccountExport (the account audit's own code), reduced to
// its entry, and the organization's report, page and ASFF findings (the offline CLI and the program's Step Functions jobs).
export { ACCOUNT_FAILURE_REASONS, ACCOUNT_ID, accountAuditFailure } from "./organization/accountAuditResult";
export type { AccountAuditResult, AccountFailureReason, AuditedAccount, AuditReportJson, FailedAccount } from "./organization/accountAuditResult";
export { judgeAccountExport } from "./organization/judgeAccountExport";
export type { AccountExportInput } from "./organization/judgeAccountExport";
export { buildOrganizationReport, compareAccountRisk, organizationAccount, organizationReportOf } from "./organization/buildOrganizationReport";
export { LISTED_STATUSES, RISKS } from "./organization/organizationModel";
export type { AuditedAccountEntry, FailedAccountEntry, OrganizationAccount, OrganizationReport, OrganizationTotals, Risk } from "./organization/organizationModel";
export { DEFAULT_ORGANIZATION_FAIL_ON, NOT_AUDITED, ORGANIZATION_FAIL_ON_CONDITIONS, organizationFailures, parseOrganizationFailOn } from "./organization/organizationFailOn";
export type { OrganizationFailOnCondition } from "./organization/organizationFailOn";
export { renderOrganizationHtml } from "./output/organizationPage";
export { organizationAsffFindings, renderOrganizationAsffFindings } from "./output/organizationAsff";
export type { OrganizationAsffOptions } from "./output/organizationAsff";
export { ORGANIZATION_REPORT_SCHEMA_VERSION, organizationJsonChunks, renderOrganizationJson } from "./output/organizationJson";
export { renderOrganizationSummary } from "./output/organizationSummary";
