import { expect } from "chai";
import { MalformedEventError, parseIamChangeEvent } from "../../../../program/watch/handler/iamChangeEvent";
import { CALLER, cloudTrailRecord, eventBridgeEvent, iamCall } from "../../../../tools/bench/cloudTrailSamples";

const body = (detail: Record<string, unknown>) => JSON.stringify(eventBridgeEvent(detail));
const refusal = (text: string) => {
    try {
        parseIamChangeEvent(text);
    } catch (err) {
        expect(err).to.be.instanceOf(MalformedEventError);
        return (err as Error).message;
    }
    throw new Error("accepted");
};

describe("watch — iamChangeEvent: an SQS message read into the IAM call it carries", () => {
    it("reads the call's id, name, time, caller (an IAM user acting: its name too), source address and parameters", () => {
        const event = parseIamChangeEvent(iamCall("AttachUserPolicy", { userName: "alice", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }).body);
        expect(event).to.deep.include({ name: "AttachUserPolicy", caller: CALLER, callerUserName: "mallory", sourceIp: "203.0.113.7" });
        expect(event.id).to.match(/^evt-/);
        expect(event.time).to.match(/^2026-12-07T/);
        expect(event.parameters).to.deep.equal({ userName: "alice", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
        expect(event).to.not.have.property("errorCode");
    });

    it("a role session is named by its ARN, and by the issuing role when CloudTrail gives no ARN; never a user name", () => {
        const assumed = { type: "AssumedRole", principalId: "AROA:ci", arn: "arn:aws:sts::123456789012:assumed-role/ci/run-7", sessionContext: { sessionIssuer: { arn: "arn:aws:iam::123456789012:role/ci" } } };
        expect(parseIamChangeEvent(body(cloudTrailRecord("CreateUser", {}, { userIdentity: assumed })))).to.include({ caller: assumed.arn }).and.not.have.property("callerUserName");
        const noArn = { ...assumed, arn: undefined };
        expect(parseIamChangeEvent(body(cloudTrailRecord("CreateUser", {}, { userIdentity: noArn }))).caller).to.equal("arn:aws:iam::123456789012:role/ci");
        const service = { type: "AWSService", invokedBy: "cloudformation.amazonaws.com" };
        expect(parseIamChangeEvent(body(cloudTrailRecord("CreateUser", {}, { userIdentity: service }))).caller).to.equal("cloudformation.amazonaws.com");
        expect(parseIamChangeEvent(body(cloudTrailRecord("CreateUser", {}, { userIdentity: null }))).caller).to.equal("unknown");
    });

    it("a failed call keeps its error code; null request parameters read as none; no source address, none given", () => {
        const event = parseIamChangeEvent(body(cloudTrailRecord("CreateUser", null, { errorCode: "AccessDenied", sourceIPAddress: undefined })));
        expect(event.errorCode).to.equal("AccessDenied");
        expect(event.parameters).to.deep.equal({});
        expect(event).to.not.have.property("sourceIp");
    });

    it("refuses what is not a CloudTrail IAM event, naming the rule broken", () => {
        expect(refusal("not json")).to.match(/the message body is not JSON$/);
        expect(refusal("{}")).to.match(/holds no `detail` object$/);
        expect(refusal(JSON.stringify({ detail: [] }))).to.match(/holds no `detail` object$/);
        expect(refusal(body(cloudTrailRecord("RunInstances", {}, { eventSource: "ec2.amazonaws.com" })))).to.match(/detail.eventSource must be iam.amazonaws.com, got "ec2.amazonaws.com"$/);
        expect(refusal(body(cloudTrailRecord("CreateUser", [] as unknown as Record<string, unknown>)))).to.match(/detail.requestParameters must be an object/);
        expect(refusal(body(cloudTrailRecord("CreateUser", {}, { eventID: "" })))).to.match(/detail.eventID must be a non-empty string, got ""$/);
        expect(refusal(body(cloudTrailRecord("", {})))).to.match(/detail.eventName must be a non-empty string/);
        expect(refusal(body(cloudTrailRecord("CreateUser", {}, { eventTime: 5 })))).to.match(/detail.eventTime must be a non-empty string, got 5$/);
        expect(refusal("{}")).to.match(/^not a CloudTrail IAM event delivered by EventBridge: /);
    });
});
