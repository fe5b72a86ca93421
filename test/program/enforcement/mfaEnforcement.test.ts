/**
 * MfaEnforcement under Pulumi mocks, and whom it enrolls: every user of the account, declared or existing, minus
 * the exempt, compared without case, in one exclusive membership that waits for the users and the attachment.
 */
import { expect } from "chai";
import { enrolledUserNames, MfaEnforcement } from "../../../program/enforcement/mfaEnforcement";
import { forceMfaPolicyDocument } from "../../../program/enforcement/forceMfaPolicyDocument";
import { installMocks, MockRegistry, parseJson, settleRegistry } from "../pulumiMocks";

const declared = (...names: string[]) => names.map((name) => ({ name, path: "/", tags: {} }));
const exempt = (...names: string[]) => names.map((name) => ({ name, reason: "emergency access" }));

describe("enrolledUserNames", () => {
    it("existing and declared users, the exempt left out, sorted", () => {
        expect(enrolledUserNames(declared("zed", "alice"), ["carol", "breakglass"], exempt("breakglass"))).to.deep.equal(["alice", "carol", "zed"]);
    });

    it("IAM user names ignore case: a user both declared and found counts once (the account's spelling), an exemption matches any case", () => {
        expect(enrolledUserNames(declared("Alice"), ["alice", "BreakGlass"], exempt("breakglass"))).to.deep.equal(["alice"]);
    });

    it("nobody to enrol: an empty list", () => {
        expect(enrolledUserNames([], ["breakglass"], exempt("breakglass"))).to.deep.equal([]);
    });
});

describe("MfaEnforcement under mocks", () => {
    let mocks: MockRegistry;
    let enforcement: MfaEnforcement;
    const document = forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200 });

    before(async () => {
        mocks = installMocks();
        enforcement = new MfaEnforcement("force-mfa", {
            policyName: "ForceMFA",
            policyDocument: document,
            groupName: "mfa-enforced",
            declaredUsers: [{ name: "alice", path: "/eng/", tags: { team: "platform" } }],
            existingUserNames: ["carol", "breakglass"],
            exemptions: exempt("breakglass"),
            tags: { owner: "security" },
        });
        await settleRegistry(mocks);
    });

    it("the policy carries the document as JSON and the stack's tags; the group gets it attached", () => {
        const policy = mocks.one("aws:iam/policy:Policy");
        expect(policy.inputs).to.deep.include({ name: "ForceMFA", tags: { owner: "security" } });
        expect(parseJson(policy.inputs.policy)).to.deep.equal(document);
        expect(mocks.one("aws:iam/group:Group").inputs.name).to.equal("mfa-enforced");
        expect(mocks.one("aws:iam/groupPolicyAttachment:GroupPolicyAttachment").inputs.group).to.equal("mfa-enforced");
    });

    it("declared users are created with their path and the stack's tags merged with their own, no login or key", () => {
        const user = mocks.one("aws:iam/user:User", "force-mfa-user-alice");
        expect(user.inputs).to.deep.equal({ name: "alice", path: "/eng/", tags: { owner: "security", team: "platform" } });
        expect(mocks.ofType("aws:iam/userLoginProfile:UserLoginProfile")).to.deep.equal([]);
        expect(mocks.ofType("aws:iam/accessKey:AccessKey")).to.deep.equal([]);
    });

    it("one exclusive membership of the enrolled users, after the users and the attachment", () => {
        const membership = mocks.one("aws:iam/groupMembership:GroupMembership");
        expect(membership.inputs).to.deep.include({ group: "mfa-enforced", users: ["alice", "carol"] });
        expect(membership.dependencies.some((urn) => urn.endsWith("aws:iam/user:User::force-mfa-user-alice"))).to.equal(true);
        expect(membership.dependencies.some((urn) => urn.endsWith("::force-mfa-attachment"))).to.equal(true);
        expect(enforcement.enrolledUsers).to.deep.equal(["alice", "carol"]);
    });

    it("with nobody to enrol: no membership (the provider needs a member), the group stays empty", async () => {
        const empty = installMocks();
        const none = new MfaEnforcement("empty", {
            policyName: "ForceMFA",
            policyDocument: document,
            groupName: "mfa-enforced",
            declaredUsers: [],
            existingUserNames: ["breakglass"],
            exemptions: exempt("breakglass"),
            tags: {},
        });
        await settleRegistry(empty);
        expect(none.membership).to.equal(undefined);
        expect(empty.ofType("aws:iam/groupMembership:GroupMembership")).to.deep.equal([]);
    });
});
