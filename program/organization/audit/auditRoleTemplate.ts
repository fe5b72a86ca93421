/**
 * The read-only audit role every member account gets from the StackSet (a CloudFormation template built here, from
 * plain names, so it is known during preview): it reads what one account audit needs — the authorization details,
 * the credential report (generated first), the virtual MFA devices — and nothing else, and only the auditing
 * account's job role (the item function's role) may assume it.
 */

/** Everything an account audit reads: judgeAccountExport needs no per-user device call (the report has mfa_active). */
export const AUDIT_ROLE_ACTIONS = ["iam:GetAccountAuthorizationDetails", "iam:GenerateCredentialReport", "iam:GetCredentialReport", "iam:ListVirtualMFADevices"] as const;

/** An hour: an account's read takes minutes, and a longer session is a longer-lived credential. */
export const AUDIT_ROLE_SESSION_SECONDS = 3600;

export interface AuditRoleScope {
    /** The role's name in every member account. */
    readonly roleName: string;
    /** The account the audit runs in (its job role's account). */
    readonly auditAccountId: string;
    /** The one principal trusted: the item function's role in the auditing account. */
    readonly jobRoleArn: string;
}

/**
 * Trusted: the auditing account, and in it only the job role (aws:PrincipalArn). The account as principal, not the
 * role's ARN, so a job role deleted and created again is trusted again (IAM would have kept the old role's id).
 */
export function auditRoleTrustDocument(scope: AuditRoleScope) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OnlyTheAuditJobRole",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${scope.auditAccountId}:root` },
                Action: "sts:AssumeRole",
                Condition: { ArnEquals: { "aws:PrincipalArn": scope.jobRoleArn } },
            },
        ],
    };
}

/** The four reads; none of them supports resource-level permissions, hence `*` (the account's own IAM only). */
export function auditRolePolicyDocument() {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "ReadTheAccountsMfaFacts", Effect: "Allow", Action: [...AUDIT_ROLE_ACTIONS], Resource: "*" }],
    };
}

/** The StackSet's template: the role and its one inline policy. */
export function auditRoleTemplate(scope: AuditRoleScope) {
    return {
        AWSTemplateFormatVersion: "2010-09-09",
        Description: `force-mfa organization audit: a read-only role that ${scope.jobRoleArn} assumes to read this account's IAM principals and credential report`,
        Resources: {
            AuditRole: {
                Type: "AWS::IAM::Role",
                Properties: {
                    RoleName: scope.roleName,
                    Description: "force-mfa organization audit: reads the authorization details, credential report and virtual MFA devices; nothing else",
                    MaxSessionDuration: AUDIT_ROLE_SESSION_SECONDS,
                    AssumeRolePolicyDocument: auditRoleTrustDocument(scope),
                    Policies: [{ PolicyName: "ReadMfaFacts", PolicyDocument: auditRolePolicyDocument() }],
                },
            },
        },
        Outputs: { AuditRoleArn: { Value: { "Fn::GetAtt": ["AuditRole", "Arn"] } } },
    };
}

/** The audit role's ARN in `accountId`. */
export function auditRoleArn(accountId: string, roleName: string): string {
    return `arn:aws:iam::${accountId}:role/${roleName}`;
}
