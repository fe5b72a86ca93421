/**
 * force-mfa-guard's evaluator as a library: the one module outside code imports from the pack (the account library,
 * and through it the audit CLI and the enrollment-window job), so an account is judged by the pack's own code —
 * never a copy — and a change of the pack's layout touches this file only.
 */
export { buildIamGraph, documentSource, IAM_TYPES, usable, userIdentityDocuments } from "./stack/iamGraph";
export type { DocumentSource, GroupEntry, IamGraph, StackResource, UserEntry } from "./stack/iamGraph";
export { describeEscape, groupMfaStatus, userMfaStatus } from "./verdicts/principalMfaStatus";
export type { MfaStatus } from "./verdicts/principalMfaStatus";
export { isExempt } from "./verdicts/exemptions";
export { mfaDenyAnalyzer } from "./verdicts/callState";
export { stackCheckInput } from "./verdicts/guardedValidation";
export type { StackCheckInput, Violation } from "./verdicts/guardedValidation";
export { roleSensitiveActionGaps, sensitiveActionViolations, userSensitiveActionGaps } from "./policies/sensitiveActionsNeedFreshMfa";
export type { SensitiveActionGap } from "./policies/sensitiveActionsNeedFreshMfa";
export { groupViolations } from "./policies/groupRequiresMfa";
export { lockOutViolations } from "./policies/enrollmentNotLockedOut";
export { roleTrustViolations } from "./policies/roleTrustRequiresMfa";
export { findTrustEscape } from "./iam/trustPolicy";
export { checkEnrollment } from "./iam/enrollment";
export { evaluateConditions, UnverifiableConditionError } from "./iam/conditions";
export { WITHOUT_MFA } from "./iam/requestContexts";
export type { MfaDenyAnalyzer } from "./iam/mfaDenyAnalysis";
export { DEFAULT_ENFORCED_GROUP_NAME, DEFAULT_ENFORCEMENT_POLICY_NAME, DEFAULT_ENROLLMENT_ALLOW_LIST, readGuardConfig } from "./guardConfig";
export type { GuardConfig } from "./guardConfig";
export { activeExemptions, exemptionStatus, isCalendarDate, ISO_DATE, utcDate } from "./verdicts/exemptionTerms";
export type { ExemptionStatus, ExemptionTerms } from "./verdicts/exemptionTerms";
export { findAllowedRequest } from "./iam/allowedRequest";
export type { AllowedRequest, AllowSearch } from "./iam/allowedRequest";
export { actionMatches, matchesEverything } from "./iam/wildcard";
export { ACTION_PATTERN, DEFAULT_SENSITIVE_ACTION_GROUPS, MFA_AGE_LIMITS, sensitiveActionGroupList } from "./iam/sensitiveActions";
export type { SensitiveActionGroup, SensitiveActionGroupSettings } from "./iam/sensitiveActions";
export { statementLabel } from "./iam/policyDocument";
export type { PolicyDocument } from "./iam/policyDocument";
