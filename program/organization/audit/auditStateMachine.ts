/**
 * The organization audit's state machine (Amazon States Language, JSONPath), built from plain names so it is known
 * during preview:
 *
 *   ListAccounts ─→ AuditAccounts (Distributed Map over the run's accounts.json) ─→ WriteReport ─→ MapOutcome ─→ Done
 *        │                 │ each item: AuditAccount ─(caught)→ RecordFailure ─(caught)→ AccountNotRecorded (Fail)
 *        │                 └─(more items failed than tolerated: caught)→ WriteReport, then TooManyAccountsFailed
 *        └─(caught)→ AuditFailed                                             WriteReport ─(caught)→ AuditFailed
 *
 * Every Task retries what is worth retrying — Lambda's own transient errors and an account's IAM throttling, with
 * exponential backoff and jitter — and catches the rest. An account that cannot be read is recorded as failed by
 * RecordFailure and the run goes on; the report is written even when more items failed than tolerated.
 */
import { MAP_RESULTS_PREFIX } from "./handler/auditRun";
import { THROTTLED_ERROR } from "./handler/auditErrors";

export interface AuditStateMachineArgs {
    readonly listFunctionArn: string;
    readonly accountFunctionArn: string;
    readonly reportFunctionArn: string;
    readonly bucketName: string;
    readonly maxConcurrency: number;
    readonly toleratedFailurePercentage: number;
}

/** Lambda's transient errors, as Step Functions' Lambda integration names them. */
export const LAMBDA_TRANSIENT_ERRORS = ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"] as const;

const LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

/** Lambda's transient errors and throttling: exponential backoff with full jitter, capped at five minutes. */
function retries(attempts: number) {
    return [{ ErrorEquals: [...LAMBDA_TRANSIENT_ERRORS, THROTTLED_ERROR], IntervalSeconds: 5, BackoffRate: 2, MaxAttempts: attempts, MaxDelaySeconds: 300, JitterStrategy: "FULL" }];
}

function invoke(functionArn: string, payload: Record<string, unknown>) {
    return { Type: "Task", Resource: LAMBDA_INVOKE, Parameters: { FunctionName: functionArn, Payload: payload } };
}

export function auditStateMachineDefinition(args: AuditStateMachineArgs) {
    return {
        Comment: "force-mfa organization audit: every account of the organization judged, one organization report",
        StartAt: "ListAccounts",
        States: {
            ListAccounts: {
                ...invoke(args.listFunctionArn, { "executionName.$": "$$.Execution.Name", "startTime.$": "$$.Execution.StartTime", "input.$": "$" }),
                // The listing replaces the input: { run, purpose, bucket, accountsKey, accounts }.
                OutputPath: "$.Payload",
                Retry: retries(6),
                Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "AuditFailed" }],
                Next: "AuditAccounts",
            },
            AuditAccounts: {
                Type: "Map",
                ItemReader: {
                    Resource: "arn:aws:states:::s3:getObject",
                    ReaderConfig: { InputType: "JSON" },
                    Parameters: { "Bucket.$": "$.bucket", "Key.$": "$.accountsKey" },
                },
                ItemSelector: { "run.$": "$.run", "account.$": "$$.Map.Item.Value" },
                ItemProcessor: {
                    // Standard child workflows: an account's retries may outlast an Express workflow's five minutes.
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
                    StartAt: "AuditAccount",
                    States: {
                        AuditAccount: {
                            ...invoke(args.accountFunctionArn, { "run.$": "$.run", "account.$": "$.account" }),
                            OutputPath: "$.Payload",
                            Retry: retries(6),
                            Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "RecordFailure" }],
                            End: true,
                        },
                        RecordFailure: {
                            ...invoke(args.accountFunctionArn, { "run.$": "$.run", "account.$": "$.account", "error.$": "$.error" }),
                            OutputPath: "$.Payload",
                            Retry: retries(3),
                            Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.recordError", Next: "AccountNotRecorded" }],
                            End: true,
                        },
                        // Counted against ToleratedFailurePercentage; the report names the account as not recorded.
                        AccountNotRecorded: { Type: "Fail", Error: "AccountNotRecorded", Cause: "the account's failure could not be written to the audit bucket" },
                    },
                },
                MaxConcurrency: args.maxConcurrency,
                ToleratedFailurePercentage: args.toleratedFailurePercentage,
                ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: args.bucketName, Prefix: MAP_RESULTS_PREFIX } },
                ResultPath: "$.map",
                Retry: [{ ErrorEquals: ["States.ItemReaderFailed", "States.ResultWriterFailed"], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3, JitterStrategy: "FULL" }],
                // More failures than tolerated: the report is still written, then the run fails.
                Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.map", Next: "WriteReport" }],
                Next: "WriteReport",
            },
            WriteReport: {
                ...invoke(args.reportFunctionArn, { "run.$": "$.run", "purpose.$": "$.purpose", "accountsKey.$": "$.accountsKey", "map.$": "$.map" }),
                ResultSelector: { "summary.$": "$.Payload" },
                ResultPath: "$.report",
                Retry: retries(4),
                Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "AuditFailed" }],
                Next: "MapOutcome",
            },
            MapOutcome: {
                Type: "Choice",
                Choices: [{ Variable: "$.map.Error", IsPresent: true, Next: "TooManyAccountsFailed" }],
                Default: "Done",
            },
            TooManyAccountsFailed: {
                Type: "Fail",
                Error: "TooManyAccountsFailed",
                Cause: "more accounts failed than organization.audit.toleratedFailurePercentage allows; the report was written and names each",
            },
            AuditFailed: { Type: "Fail", Error: "AuditFailed", Cause: "listing the accounts or writing the report failed; see the execution's history" },
            Done: { Type: "Succeed" },
        },
    };
}
