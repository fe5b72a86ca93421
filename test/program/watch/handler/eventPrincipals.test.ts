import { expect } from "chai";
import { targetsOf } from "../../../../program/watch/handler/eventPrincipals";
import { IamChangeEvent } from "../../../../program/watch/handler/iamChangeEvent";
import { EVENT_AFFECTS, WatchedEventName } from "../../../../program/watch/watchedEvents";
import { SAMPLE_PARAMETERS } from "../../../../tools/bench/cloudTrailSamples";

const event = (name: string, parameters: Record<string, unknown>, extra: Partial<IamChangeEvent> = {}): IamChangeEvent => ({ id: "evt-1", name, time: "2026-12-07T10:00:00Z", caller: "arn:aws:iam::123456789012:user/mallory", parameters, ...extra });

describe("watch — eventPrincipals: whom an IAM call affects, from its parameters alone", () => {
    it("every watched call names at least one target from its sample parameters", () => {
        for (const name of Object.keys(EVENT_AFFECTS) as WatchedEventName[]) {
            const { targets, ignored } = targetsOf(event(name, SAMPLE_PARAMETERS[name]));
            expect(ignored, name).to.equal(undefined);
            expect(targets.length, name).to.be.greaterThan(0);
        }
    });

    it("user calls target the named user, or the calling user when it manages its own keys, password or device", () => {
        expect(targetsOf(event("AttachUserPolicy", { userName: "alice", policyArn: "x" })).targets).to.deep.equal([{ kind: "user", name: "alice" }]);
        expect(targetsOf(event("CreateAccessKey", {}, { callerUserName: "mallory" })).targets).to.deep.equal([{ kind: "user", name: "mallory" }]);
        expect(targetsOf(event("CreateAccessKey", { userName: "" }, { callerUserName: "mallory" })).targets).to.deep.equal([{ kind: "user", name: "mallory" }]);
        expect(targetsOf(event("CreateAccessKey", {}))).to.deep.equal({ targets: [], ignored: "CreateAccessKey names no user and was not made by one" });
    });

    it("a renamed user is judged under both names (the old one is forgotten); a path change alone, under one", () => {
        expect(targetsOf(event("UpdateUser", { userName: "alice", newUserName: "alice2" })).targets).to.deep.equal([
            { kind: "user", name: "alice" },
            { kind: "user", name: "alice2" },
        ]);
        expect(targetsOf(event("UpdateUser", { userName: "alice", newPath: "/eng/" })).targets).to.deep.equal([{ kind: "user", name: "alice" }]);
        expect(targetsOf(event("UpdateUser", { userName: "alice", newUserName: "alice" })).targets).to.deep.equal([{ kind: "user", name: "alice" }]);
    });

    it("group calls target the group's members (expanded later); a renamed group, under its new name", () => {
        expect(targetsOf(event("PutGroupPolicy", { groupName: "devs", policyName: "p" })).targets).to.deep.equal([{ kind: "group", name: "devs" }]);
        expect(targetsOf(event("UpdateGroup", { groupName: "devs", newGroupName: "developers" })).targets).to.deep.equal([{ kind: "group", name: "developers" }]);
        expect(targetsOf(event("UpdateGroup", { groupName: "devs", newPath: "/x/" })).targets).to.deep.equal([{ kind: "group", name: "devs" }]);
    });

    it("a policy version counts only when made the default, the only one IAM applies", () => {
        const arn = "arn:aws:iam::123456789012:policy/p";
        expect(targetsOf(event("CreatePolicyVersion", { policyArn: arn, setAsDefault: true })).targets).to.deep.equal([{ kind: "policy", arn }]);
        expect(targetsOf(event("CreatePolicyVersion", { policyArn: arn, setAsDefault: false })).ignored).to.match(/not made the default/);
        // setAsDefault left out: IAM leaves the new version aside
        expect(targetsOf(event("CreatePolicyVersion", { policyArn: arn })).targets).to.deep.equal([]);
        expect(targetsOf(event("SetDefaultPolicyVersion", { policyArn: arn, versionId: "v3" })).targets).to.deep.equal([{ kind: "policy", arn }]);
    });

    it("role calls target the role", () => {
        expect(targetsOf(event("UpdateAssumeRolePolicy", { roleName: "deploy", policyDocument: "{}" })).targets).to.deep.equal([{ kind: "role", name: "deploy" }]);
    });

    it("a failed call, or one that changes no verdict, affects nobody and says why", () => {
        expect(targetsOf(event("AttachUserPolicy", { userName: "alice" }, { errorCode: "AccessDenied" }))).to.deep.equal({ targets: [], ignored: "the call failed (AccessDenied) and changed nothing" });
        expect(targetsOf(event("CreateGroup", { groupName: "devs" }))).to.deep.equal({ targets: [], ignored: "CreateGroup changes no principal's verdict" });
    });

    it("a required parameter missing or empty is an error naming the call, its id and the parameter", () => {
        expect(() => targetsOf(event("PutGroupPolicy", {}))).to.throw("PutGroupPolicy (evt-1): requestParameters.groupName must be a non-empty string, got undefined");
        expect(() => targetsOf(event("DeleteRole", { roleName: "" }))).to.throw(/requestParameters.roleName must be a non-empty string, got ""/);
        expect(() => targetsOf(event("UpdateUser", { newUserName: "x" }))).to.throw(/requestParameters.userName/);
        expect(() => targetsOf(event("SetDefaultPolicyVersion", { policyArn: 7 }))).to.throw(/requestParameters.policyArn must be a non-empty string, got 7/);
    });
});
