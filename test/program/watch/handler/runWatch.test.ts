/**
 * The watch's batch run against AWS SDK v3 clients mocked with aws-sdk-client-mock: what each kind of change reads,
 * whom it judges (by the account library, the pack's evaluator), what it records and publishes; replays, bursts,
 * throttling, deleted principals and failed alerts.
 */
import { AddUserToGroupCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import { runWatch, SqsRecord } from "../../../../program/watch/handler/runWatch";
import { WatchJobSettings } from "../../../../program/watch/handler/watchSettings";
import { CALLER, cloudTrailRecord, iamCall, sqsRecord } from "../../../../tools/bench/cloudTrailSamples";
import { ADMIN_ARN, FakeAws, FORCE_MFA_ARN, MFA_TRUST, OPEN_TRUST, TABLE, TOPIC } from "../../../../tools/bench/watchFakeAws";

const SETTINGS: WatchJobSettings = { topicArn: TOPIC, tableName: TABLE, enforcedGroupName: "mfa-enforced", mode: "report", exemptions: [{ name: "breakglass", reason: "hardware MFA in the safe" }] };
const NOW = new Date("2026-12-07T10:05:00Z");

describe("watch — one batch of IAM changes", () => {
    let aws: FakeAws;
    let lines: Record<string, any>[];
    beforeEach(() => {
        aws = new FakeAws();
        aws.addUser("alice", { attached: [ADMIN_ARN] });
        aws.addUser("bob", { attached: [ADMIN_ARN] });
        aws.roles.set("deploy", MFA_TRUST);
        lines = [];
    });
    afterEach(() => aws.restore());

    const run = (records: SqsRecord[], settings = SETTINGS) =>
        runWatch(aws.clients(), settings, records, { now: NOW, log: (line) => lines.push(JSON.parse(line)) });
    const decisions = () => lines.filter((l) => l.principal !== undefined);

    it("a user taken out of the enforced group: judged escaping, one alert naming the call, the caller, the witness and the fix", async () => {
        await run([iamCall("AddUserToGroup")]); // first verdict recorded: enforced, no alert
        expect(aws.published()).to.deep.equal([]);
        aws.users.get("alice")!.groups = [];
        const outcome = await run([iamCall("RemoveUserFromGroup")]);
        expect(outcome.batchItemFailures).to.deep.equal([]);
        expect(outcome.alerts).to.equal(1);
        const [alert] = aws.published();
        expect(alert.Subject).to.equal("force-mfa watch: user alice can act without MFA");
        expect(alert.Message).to.include("Verdict: escapes (was enforced)").and.include(`RemoveUserFromGroup at`).and.include(`by ${CALLER} from 203.0.113.7`);
        expect(alert.Message).to.match(/Witness: \S+ .*with MFA/).and.include("Fix: add alice to the group \"mfa-enforced\"");
        expect(aws.items.get("user/alice")!.status.S).to.equal("escapes");
        expect(decisions().at(-1)).to.include({ principal: "user/alice", status: "escapes", previous: "enforced", changed: true, alerted: true });
    });

    it("a user's reads are its own and its groups' (every list paged), never the whole account", async () => {
        aws.users.get("alice")!.groups = ["mfa-enforced", "devs"];
        aws.groups.set("devs", { inline: { a: { Version: "2012-10-17", Statement: [] }, b: { Version: "2012-10-17", Statement: [] } }, attached: [] });
        aws.users.get("alice")!.inline = { one: { Version: "2012-10-17", Statement: [] }, two: { Version: "2012-10-17", Statement: [] } };
        const outcome = await run([iamCall("PutUserPolicy")]);
        expect(outcome.batchItemFailures).to.deep.equal([]);
        expect(outcome.iamCalls).to.deep.equal({
            GetGroupPolicy: 2,
            GetPolicy: 2,
            GetPolicyVersion: 2,
            GetUser: 1,
            GetUserPolicy: 2,
            ListAttachedGroupPolicies: 2,
            ListAttachedUserPolicies: 1,
            ListGroupPolicies: 3,
            ListGroupsForUser: 2,
            ListUserPolicies: 2,
        });
        expect(aws.calls.has("GetAccountAuthorizationDetails")).to.equal(false);
        expect(aws.items.get("user/alice")!.status.S).to.equal("enforced");
    });

    it("a group's policy detached: each member judged once, the shared group and policies read once", async () => {
        aws.addUser("carol", { attached: [ADMIN_ARN] });
        await run([iamCall("AttachGroupPolicy")]);
        aws.groups.get("mfa-enforced")!.attached = [];
        const outcome = await run([iamCall("DetachGroupPolicy")]);
        expect(outcome.judged).to.equal(3);
        expect(aws.published().map((p) => p.Subject)).to.have.members([
            "force-mfa watch: user alice can act without MFA",
            "force-mfa watch: user bob can act without MFA",
            "force-mfa watch: user carol can act without MFA",
        ]);
        expect(outcome.iamCalls.ListGroupPolicies).to.equal(1);
        expect(outcome.iamCalls.GetPolicy).to.equal(1); // AdministratorAccess, once for the three
    });

    it("a new default version of the enforcement policy: every holder re-judged, through ListEntitiesForPolicy", async () => {
        await run([iamCall("SetDefaultPolicyVersion", { policyArn: FORCE_MFA_ARN, versionId: "v1" })]);
        expect(aws.published()).to.deep.equal([]);
        const policy = aws.policies.get(FORCE_MFA_ARN)!;
        policy.versions.v2 = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" }] };
        policy.defaultVersion = "v2";
        const outcome = await run([iamCall("SetDefaultPolicyVersion", { policyArn: FORCE_MFA_ARN, versionId: "v2" })]);
        expect(outcome.iamCalls.ListEntitiesForPolicy).to.equal(1);
        expect(aws.published()).to.have.length(2);
    });

    it("a version created but not made default changes nothing: no IAM call", async () => {
        const outcome = await run([iamCall("CreatePolicyVersion", { policyArn: FORCE_MFA_ARN, policyDocument: "{}", setAsDefault: false })]);
        expect(outcome.iamCalls).to.deep.equal({});
        expect(lines[0].ignored).to.match(/not made the default/);
    });

    it("a role's trust opened to principals without MFA: one GetRole, one alert with the caller", async () => {
        await run([iamCall("CreateRole")]);
        aws.roles.set("deploy", OPEN_TRUST);
        const outcome = await run([iamCall("UpdateAssumeRolePolicy")]);
        expect(outcome.iamCalls).to.deep.equal({ GetRole: 1 });
        const [alert] = aws.published();
        expect(alert.Subject).to.equal("force-mfa watch: role deploy can act without MFA");
        expect(alert.Message).to.include("Witness: sts:AssumeRole on").and.include(CALLER).and.include("never reverts");
    });

    it("replayed (the same messages again): nothing published twice, the verdict unchanged", async () => {
        aws.users.get("alice")!.groups = [];
        const batch = [iamCall("RemoveUserFromGroup")];
        await run(batch);
        const again = await run(batch);
        expect(again.alerts).to.equal(0);
        expect(aws.published()).to.have.length(1);
        expect(decisions().at(-1)).to.include({ principal: "user/alice", changed: false, alerted: false });
    });

    it("a burst of hundreds of events on a few principals: each judged once, one alert each", async () => {
        aws.users.get("alice")!.groups = [];
        aws.users.get("bob")!.groups = [];
        const burst = Array.from({ length: 300 }, (_, i) => iamCall(i % 2 === 0 ? "PutUserPolicy" : "AttachUserPolicy", { userName: i % 3 === 0 ? "alice" : "bob", policyArn: ADMIN_ARN, policyName: "p" }));
        const outcome = await run(burst);
        expect(outcome.events).to.equal(300);
        expect(outcome.judged).to.equal(2);
        expect(outcome.iamCalls.GetUser).to.equal(2);
        expect(aws.published()).to.have.length(2);
        expect(aws.published()[0].Message).to.match(/with \d+ other change\(s\) to it in the same batch/);
    });

    it("a principal deleted before its event is handled: its verdict forgotten, nothing alerted, nothing failed", async () => {
        await run([iamCall("CreateUser")]);
        expect(aws.items.has("user/alice")).to.equal(true);
        aws.users.delete("alice");
        const outcome = await run([iamCall("DeleteUser")]);
        expect(outcome.batchItemFailures).to.deep.equal([]);
        expect(aws.items.has("user/alice")).to.equal(false);
        expect(decisions().at(-1)).to.include({ principal: "user/alice", status: "gone" });
    });

    it("a renamed user: the old name forgotten, the new one judged", async () => {
        await run([iamCall("CreateUser")]);
        aws.users.set("alice2", aws.users.get("alice")!);
        aws.users.delete("alice");
        await run([iamCall("UpdateUser")]);
        expect(aws.items.has("user/alice")).to.equal(false);
        expect(aws.items.get("user/alice2")!.status.S).to.equal("enforced");
    });

    it("an IAM user creating its own access key (no userName): the caller is judged", async () => {
        const outcome = await run([iamCall("CreateAccessKey", {})]);
        expect(outcome.judged).to.equal(0); // mallory is not in the fake account: read as gone
        expect(decisions().at(-1)).to.include({ principal: "user/mallory", status: "gone" });
    });

    it("throttled past the SDK's retries on one user: only that user's message fails, and its retry alerts", async () => {
        aws.users.get("alice")!.groups = [];
        aws.users.get("bob")!.groups = [];
        aws.failures.push({ api: "ListGroupsForUser", name: "bob", error: Object.assign(new Error("Rate exceeded"), { name: "Throttling" }), times: 1 });
        const first = iamCall("RemoveUserFromGroup", { userName: "alice", groupName: "mfa-enforced" });
        const second = iamCall("RemoveUserFromGroup", { userName: "bob", groupName: "mfa-enforced" });
        const outcome = await run([first, second]);
        expect(outcome.batchItemFailures).to.deep.equal([{ itemIdentifier: second.messageId }]);
        expect(aws.published().map((p) => p.Subject)).to.deep.equal(["force-mfa watch: user alice can act without MFA"]);
        expect(lines.some((l) => l.error === "Throttling: Rate exceeded" && l.while === "reading user/bob")).to.equal(true);
        const retry = await run([second]);
        expect(retry.batchItemFailures).to.deep.equal([]);
        expect(aws.published()).to.have.length(2);
    });

    it("an alert that cannot be published: the verdict's claim is undone and the message fails, so the retry alerts once", async () => {
        aws.users.get("alice")!.groups = [];
        aws.publishFailures = 1;
        const batch = [iamCall("RemoveUserFromGroup")];
        const outcome = await run(batch);
        expect(outcome.batchItemFailures).to.deep.equal([{ itemIdentifier: batch[0].messageId }]);
        expect(aws.items.has("user/alice")).to.equal(false);
        await run(batch);
        expect(aws.sns.calls()).to.have.length(2); // the failed attempt, then the one that went out
        expect(aws.items.get("user/alice")!.status.S).to.equal("escapes");
    });

    it("an exempt user is judged exempt and never alerted on", async () => {
        aws.addUser("breakglass", { groups: [], attached: [ADMIN_ARN] });
        await run([iamCall("AttachUserPolicy", { userName: "breakglass", policyArn: ADMIN_ARN })]);
        expect(aws.published()).to.deep.equal([]);
        expect(aws.items.get("user/breakglass")!.status.S).to.equal("exempt");
    });

    it("an exemption past its expiresOn is no exemption: the user is judged like any other, and alerted on", async () => {
        aws.addUser("contractor", { groups: [], attached: [ADMIN_ARN] });
        const settings = { ...SETTINGS, exemptions: [{ name: "contractor", reason: "migration", expiresOn: "2026-12-01" }] };
        await run([iamCall("AttachUserPolicy", { userName: "contractor", policyArn: ADMIN_ARN })], settings);
        expect(aws.items.get("user/contractor")!.status.S).to.equal("escapes");
        expect(aws.published().map((p) => p.Subject)).to.deep.equal(["force-mfa watch: user contractor can act without MFA"]);
        const current = { ...SETTINGS, exemptions: [{ name: "contractor", reason: "migration", expiresOn: "2026-12-31" }] };
        aws.addUser("contractor2", { groups: [], attached: [ADMIN_ARN] });
        await run([iamCall("AttachUserPolicy", { userName: "contractor2", policyArn: ADMIN_ARN })], { ...current, exemptions: [{ ...current.exemptions[0], name: "contractor2" }] });
        expect(aws.items.get("user/contractor2")!.status.S).to.equal("exempt");
    });

    it("a user locked out of enrollment by a new deny: alerted as locked out", async () => {
        aws.users.get("alice")!.inline = { lock: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:*", Resource: "*" }] } };
        await run([iamCall("PutUserPolicy")]);
        const [alert] = aws.published();
        expect(alert.Subject).to.equal("force-mfa watch: user alice is locked out of MFA enrollment");
    });

    it("a message that is not a CloudTrail IAM event fails alone (to the dead-letter queue after the retries), a failed call is ignored", async () => {
        const failedCall = sqsRecord(cloudTrailRecord("AttachUserPolicy", { userName: "alice", policyArn: ADMIN_ARN }, { errorCode: "AccessDenied" }));
        const outcome = await run([{ messageId: "junk", body: "not json" }, failedCall]);
        expect(outcome.batchItemFailures).to.deep.equal([{ itemIdentifier: "junk" }]);
        expect(outcome.iamCalls).to.deep.equal({});
    });

    describe("enforce mode: a user created outside the enforced group is added to it, nothing else is changed", () => {
        const ENFORCE: WatchJobSettings = { ...SETTINGS, mode: "enforce" };
        const adds = () => aws.iam.commandCalls(AddUserToGroupCommand).map((c) => c.args[0].input);

        it("a new user with permissions and no group joins mfa-enforced: one write, logged, no alert; a replay writes nothing", async () => {
            aws.addUser("carol", { attached: [ADMIN_ARN], groups: [] });
            const outcome = await run([iamCall("CreateUser", { userName: "carol" })], ENFORCE);
            expect(outcome.batchItemFailures).to.deep.equal([]);
            expect(adds()).to.deep.equal([{ GroupName: "mfa-enforced", UserName: "carol" }]);
            expect(aws.users.get("carol")!.groups).to.deep.equal(["mfa-enforced"]);
            expect(aws.published()).to.deep.equal([]);
            expect(lines.find((l) => l.action)).to.include({ principal: "user/carol", action: "added to the enforced group", group: "mfa-enforced", was: "escapes" });
            expect(aws.items.get("user/carol")!.status.S).to.equal("enforced");
            await run([iamCall("CreateUser", { userName: "carol" })], ENFORCE);
            expect(adds()).to.have.length(1);
        });

        it("report mode only alerts; a user taken out of the group and an exempt user are never written", async () => {
            aws.addUser("carol", { attached: [ADMIN_ARN], groups: [] });
            await run([iamCall("CreateUser", { userName: "carol" })]);
            expect(adds()).to.deep.equal([]);
            expect(aws.published().map((p) => p.Subject)).to.deep.equal(["force-mfa watch: user carol can act without MFA"]);

            aws.users.get("alice")!.groups = [];
            await run([iamCall("RemoveUserFromGroup")], ENFORCE);
            aws.addUser("breakglass", { attached: [ADMIN_ARN], groups: [] });
            await run([iamCall("CreateUser", { userName: "breakglass" })], ENFORCE);
            expect(adds()).to.deep.equal([]);
        });

        it("a refused write fails the message, alone, for the queue's retry", async () => {
            aws.addUser("carol", { attached: [ADMIN_ARN], groups: [] });
            aws.failures.push({ api: "AddUserToGroup", error: new Error("AccessDenied"), times: 1 });
            const created = { ...iamCall("CreateUser", { userName: "carol" }), messageId: "m1" };
            const outcome = await run([created, iamCall("PutUserPolicy", { userName: "bob" })], ENFORCE);
            expect(outcome.batchItemFailures).to.deep.equal([{ itemIdentifier: "m1" }]);
            expect(aws.items.has("user/carol")).to.equal(false);
        });
    });
});
