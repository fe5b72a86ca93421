/**
 * The one door to force-mfa-guard's evaluator: everything the audit uses from the policy pack comes through here, so
 * the account is judged by the pack's own code (never a copy) and a change of the pack's layout touches one file.
 */
export { buildIamGraph, documentSource, IAM_TYPES, usable, userIdentityDocuments } from "../../../policy-pack/stack/iamGraph";
export type { DocumentSource, GroupEntry, IamGraph, StackResource, UserEntry } from "../../../policy-pack/stack/iamGraph";
export { describeEscape, groupMfaStatus, userMfaStatus } from "../../../policy-pack/policies/principalMfaStatus";
export type { MfaStatus } from "../../../policy-pack/policies/principalMfaStatus";
export { isExempt, mfaDenyAnalyzer } from "../../../policy-pack/policies/guardRuntime";
export type { Violation } from "../../../policy-pack/policies/guardRuntime";
export { groupViolations } from "../../../policy-pack/policies/groupRequiresMfa";
export { lockOutViolations } from "../../../policy-pack/policies/enrollmentNotLockedOut";
export { roleTrustViolations } from "../../../policy-pack/policies/roleTrustRequiresMfa";
export { findTrustEscape } from "../../../policy-pack/iam/trustPolicy";
export { checkEnrollment } from "../../../policy-pack/iam/enrollment";
export { evaluateConditions, UnverifiableConditionError } from "../../../policy-pack/iam/conditions";
export { WITHOUT_MFA } from "../../../policy-pack/iam/requestContexts";
export type { MfaDenyAnalyzer } from "../../../policy-pack/iam/mfaDenyAnalysis";
export { DEFAULT_ENFORCED_GROUP_NAME, readGuardConfig } from "../../../policy-pack/guardConfig";
export type { GuardConfig } from "../../../policy-pack/guardConfig";
