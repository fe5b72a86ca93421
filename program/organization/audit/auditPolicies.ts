/**
 * The IAM documents of the organization audit in the auditing account, built from plain names so each is known
 * during preview. Each function reads and writes only its own part of the run in the audit bucket; only the item
 * function assumes the member accounts' audit role; nothing here writes to IAM.
 */
import { writeOwnLogsStatement } from "../../aws/lambdaRole";
import { AUDIT_ROLE_ACTIONS } from "./auditRoleTemplate";
import { AuditNames, executionsArns, functionArn, stateMachineArn } from "./auditNames";
import { AUDIT_PREFIX, MAP_RESULTS_PREFIX } from "./handler/auditRun";

export interface AuditScope {
    readonly accountId: string;
    readonly region: string;
    readonly names: AuditNames;
}

const objects = (scope: AuditScope, pattern: string) => `arn:aws:s3:::${scope.names.bucket}/${pattern}`;

/** Lists the organization's accounts (Organizations' list calls support no resource-level permissions). */
export function listFunctionPolicyDocument(scope: AuditScope) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ListTheOrganizationsAccounts",
                Effect: "Allow",
                Action: ["organizations:ListAccounts", "organizations:ListAccountsForParent", "organizations:ListOrganizationalUnitsForParent"],
                Resource: "*",
            },
            { Sid: "WriteTheRunsAccountList", Effect: "Allow", Action: "s3:PutObject", Resource: objects(scope, `${AUDIT_PREFIX}*/accounts.json`) },
            writeOwnLogsStatement({ ...scope, functionName: scope.names.listFunction }),
        ],
    };
}

/**
 * The job role the member accounts trust: assumes their audit role (by its name, in any account: the trust decides
 * who gets in), reads its own account directly (the StackSet never reaches the account it is run from), writes each
 * account's result.
 */
export function accountFunctionPolicyDocument(scope: AuditScope & { readonly auditRoleName: string }) {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AssumeTheAuditRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::*:role/${scope.auditRoleName}` },
            { Sid: "ReadThisAccountsMfaFacts", Effect: "Allow", Action: [...AUDIT_ROLE_ACTIONS], Resource: "*" },
            { Sid: "WriteAccountResults", Effect: "Allow", Action: "s3:PutObject", Resource: objects(scope, `${AUDIT_PREFIX}*/accounts/*`) },
            writeOwnLogsStatement({ ...scope, functionName: scope.names.accountFunction }),
        ],
    };
}

/** Security Hub's own product in this account: the only one an account may import findings for. */
export function securityHubProductArn(accountId: string, region: string): string {
    return `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

/** Reads the run's results, writes the organization report, and imports its findings when Security Hub is on. */
export function reportFunctionPolicyDocument(scope: AuditScope & { readonly securityHub: boolean }) {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadTheRun", Effect: "Allow", Action: "s3:GetObject", Resource: objects(scope, `${AUDIT_PREFIX}*`) },
            {
                Sid: "ListTheRunsResults",
                Effect: "Allow",
                Action: "s3:ListBucket",
                Resource: `arn:aws:s3:::${scope.names.bucket}`,
                Condition: { StringLike: { "s3:prefix": `${AUDIT_PREFIX}*` } },
            },
            { Sid: "WriteTheReport", Effect: "Allow", Action: "s3:PutObject", Resource: objects(scope, `${AUDIT_PREFIX}*/organization-report.*`) },
            ...(scope.securityHub
                ? [{ Sid: "ImportFindings", Effect: "Allow", Action: "securityhub:BatchImportFindings", Resource: securityHubProductArn(scope.accountId, scope.region) }]
                : []),
            writeOwnLogsStatement({ ...scope, functionName: scope.names.reportFunction }),
        ],
    };
}

/** A service's trust, for this account's resources only. */
export function serviceTrustDocument(service: "states.amazonaws.com" | "scheduler.amazonaws.com", accountId: string) {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": accountId } } }],
    };
}

/**
 * The state machine's role: invokes its three functions, reads the run's account list (the Distributed Map's
 * ItemReader), writes the map's result files (ResultWriter), and runs its own child workflows.
 */
export function stateMachinePolicyDocument(scope: AuditScope) {
    const { accountId, region, names } = scope;
    const functions = [names.listFunction, names.accountFunction, names.reportFunction].map((f) => functionArn(accountId, region, f));
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "InvokeTheAuditFunctions", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [...functions, ...functions.map((arn) => `${arn}:*`)] },
            { Sid: "ReadTheRunsAccountList", Effect: "Allow", Action: "s3:GetObject", Resource: objects(scope, `${AUDIT_PREFIX}*/accounts.json`) },
            {
                Sid: "WriteTheMapsResults",
                Effect: "Allow",
                Action: ["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
                Resource: objects(scope, `${MAP_RESULTS_PREFIX}/*`),
            },
            { Sid: "RunTheChildWorkflows", Effect: "Allow", Action: "states:StartExecution", Resource: stateMachineArn(accountId, region, names.stateMachine) },
            { Sid: "FollowTheChildWorkflows", Effect: "Allow", Action: ["states:DescribeExecution", "states:StopExecution"], Resource: executionsArns(accountId, region, names.stateMachine) },
        ],
    };
}

/** The schedules start the state machine, and do nothing else. */
export function schedulerPolicyDocument(scope: AuditScope) {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "StartTheAudit", Effect: "Allow", Action: "states:StartExecution", Resource: stateMachineArn(scope.accountId, scope.region, scope.names.stateMachine) }],
    };
}
