/**
 * The state machine's definition as built (a pure function): every state reachable, every Task and the Map with
 * Retry and Catch, the Distributed Map's item reader, concurrency and tolerated failures from its arguments, the
 * throttling retried with backoff, an account's failure recorded, the report written even when the map fails.
 */
import { expect } from "chai";
import { auditStateMachineDefinition, LAMBDA_TRANSIENT_ERRORS } from "../../../../program/organization/audit/auditStateMachine";
import { THROTTLED_ERROR } from "../../../../program/organization/audit/handler/auditErrors";
import { MAP_RESULTS_PREFIX } from "../../../../program/organization/audit/handler/auditRun";
import { checkDefinition } from "./stateMachineChecks";

const ARGS = {
    listFunctionArn: "arn:aws:lambda:eu-central-1:123456789012:function:audit-list-accounts",
    accountFunctionArn: "arn:aws:lambda:eu-central-1:123456789012:function:audit-account",
    reportFunctionArn: "arn:aws:lambda:eu-central-1:123456789012:function:audit-report",
    bucketName: "audit-123456789012-eu-central-1",
    maxConcurrency: 40,
    toleratedFailurePercentage: 10,
};

describe("organization audit state machine definition", () => {
    const definition = auditStateMachineDefinition(ARGS) as any;
    const map = definition.States.AuditAccounts;
    const item = map.ItemProcessor.States;

    it("every state reachable, every transition to a state that exists, every Task and the Map with Retry and a Catch of every error", () => {
        expect(checkDefinition(definition)).to.have.members([
            "machine.ListAccounts",
            "machine.AuditAccounts",
            "machine.WriteReport",
            "machine.AuditAccounts.AuditAccount",
            "machine.AuditAccounts.RecordFailure",
        ]);
    });

    it("the checks fail on a definition with an unreachable state, a Task without Catch, or a transition to nowhere", () => {
        const broken = (change: (d: any) => void) => {
            const copy = JSON.parse(JSON.stringify(definition));
            change(copy);
            return () => checkDefinition(copy);
        };
        expect(broken((d) => (d.States.Orphan = { Type: "Succeed" }))).to.throw(/unreachable/);
        expect(broken((d) => delete d.States.WriteReport.Catch)).to.throw(/WriteReport: Catch/);
        expect(broken((d) => (d.States.WriteReport.Next = "Nowhere"))).to.throw(/transition to Nowhere/);
    });

    it("a Distributed Map reading the run's account list from the bucket, with the concurrency and tolerated failures of config, results written to the bucket", () => {
        expect(map.Type).to.equal("Map");
        expect(map.ItemProcessor.ProcessorConfig).to.deep.equal({ Mode: "DISTRIBUTED", ExecutionType: "STANDARD" });
        expect(map.ItemReader).to.deep.equal({
            Resource: "arn:aws:states:::s3:getObject",
            ReaderConfig: { InputType: "JSON" },
            Parameters: { "Bucket.$": "$.bucket", "Key.$": "$.accountsKey" },
        });
        expect(map.MaxConcurrency).to.equal(40);
        expect(map.ToleratedFailurePercentage).to.equal(10);
        expect(map.ResultWriter.Parameters).to.deep.equal({ Bucket: ARGS.bucketName, Prefix: MAP_RESULTS_PREFIX });
        const other = auditStateMachineDefinition({ ...ARGS, maxConcurrency: 7, toleratedFailurePercentage: 0 }) as any;
        expect([other.States.AuditAccounts.MaxConcurrency, other.States.AuditAccounts.ToleratedFailurePercentage]).to.deep.equal([7, 0]);
    });

    it("each account: the item function with backoff on throttling and Lambda's transient errors; anything else caught and recorded as the account's failure", () => {
        const retry = item.AuditAccount.Retry[0];
        expect(retry.ErrorEquals).to.have.members([...LAMBDA_TRANSIENT_ERRORS, THROTTLED_ERROR]);
        expect(retry.BackoffRate).to.be.greaterThan(1);
        expect(retry.JitterStrategy).to.equal("FULL");
        expect(item.AuditAccount.Catch).to.deep.equal([{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "RecordFailure" }]);
        expect(item.RecordFailure.Parameters).to.deep.equal({ FunctionName: ARGS.accountFunctionArn, Payload: { "run.$": "$.run", "account.$": "$.account", "error.$": "$.error" } });
        expect(item.RecordFailure.Catch[0].Next).to.equal("AccountNotRecorded");
        expect(item.AccountNotRecorded.Type).to.equal("Fail");
    });

    it("the report is written after the map, and also after a map that failed more items than tolerated, and then the run fails", () => {
        expect(map.Next).to.equal("WriteReport");
        expect(map.Catch).to.deep.equal([{ ErrorEquals: ["States.ALL"], ResultPath: "$.map", Next: "WriteReport" }]);
        expect(definition.States.WriteReport.Next).to.equal("MapOutcome");
        expect(definition.States.MapOutcome.Choices).to.deep.equal([{ Variable: "$.map.Error", IsPresent: true, Next: "TooManyAccountsFailed" }]);
        expect(definition.States.MapOutcome.Default).to.equal("Done");
        expect(definition.States.ListAccounts.Catch[0].Next).to.equal("AuditFailed");
    });
});
