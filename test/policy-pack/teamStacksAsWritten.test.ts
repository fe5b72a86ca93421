/**
 * Stacks as teams write them, through the analyzer protocol: what a team stack may not do to the org's trusted
 * enforcement, ARNs linked as AWS resolves them, links unknown at preview that may name several policies, the
 * password a console user must change first, and data-perimeter conditions beside the MFA deny.
 */
import { expect } from "chai";
import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../policy-pack/guardConfig";
import { blocking, PackUnderTest, Verdict } from "./analyzerProtocol";
import { simulate } from "./oracle/simulator";
import { ADMIN_DOCUMENT, ENROLLMENT_ALLOWS, forceMfaDocument, mfaDenyStatement, policy, resource, UNKNOWN, user } from "./stackFixtures";

const ACCOUNT = "123456789012";
const OTHER = "999999999999";

const userGroupMembership = (name: string, groups: string[]) => resource("aws:iam/userGroupMembership:UserGroupMembership", `${name}-groups`, { user: name, groups });
const userAttachment = (name: string, policyArn: string, deps: Record<string, ReturnType<typeof policy>[]> = {}) =>
    resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", `${name}-${policyArn.split("/").pop()}`, { user: name, policyArn }, deps);
const inlinePolicy = (userName: string, document: unknown) => resource("aws:iam/userPolicy:UserPolicy", `${userName}-own`, { user: userName, name: "own", policy: JSON.stringify(document) });
const known = (name: string, extra: Record<string, unknown> = {}) => user(name, { arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, ...extra });

const on = (verdicts: Verdict[], urn: string) => verdicts.filter((v) => v.urn === urn);

describe("force-mfa-guard on stacks as teams write them (over the analyzer protocol)", function () {
    this.timeout(240_000);
    const pack = new PackUnderTest();
    before(() => pack.start());
    after(() => pack.close());

    describe("a team stack cannot strip the org's enforcement from users it does not declare", () => {
        it("a GroupMembership on the org's enforced group: every member it does not list is removed, account-wide", async () => {
            const svc = user("svc");
            const membership = resource("aws:iam/groupMembership:GroupMembership", "team", { group: "mfa-enforced", users: ["svc"] });
            const verdicts = blocking(await pack.preview([svc, membership]));
            expect(verdicts.map((v) => [v.policy, v.urn])).to.deep.equal([["iam-user-requires-mfa", membership.urn]]);
            expect(verdicts[0].message).to.include("every member of mfa-enforced not listed here, account-wide (the users of every other stack among them), is removed from it");
            expect(verdicts[0].message).to.include("aws.iam.UserGroupMembership");
            // The additive way passes.
            expect(blocking(await pack.preview([svc, userGroupMembership("svc", ["mfa-enforced"])]))).to.deep.equal([]);
        });

        it("a PolicyAttachment of the org's ForceMFA: exclusive account-wide, it detaches it from every holder it does not list", async () => {
            const svc = user("svc");
            const attachment = resource("aws:iam/policyAttachment:PolicyAttachment", "mfa", { policyArn: `arn:aws:iam::${ACCOUNT}:policy/ForceMFA`, users: ["svc"] });
            const verdicts = blocking(await pack.preview([svc, attachment]));
            expect(verdicts.map((v) => v.urn)).to.deep.equal([attachment.urn]);
            expect(verdicts[0].message).to.match(/^PolicyAttachment "mfa" attaches the org's enforcement policy ForceMFA exclusively: AWS detaches it from every user, group and role it does not list, account-wide/);
            expect(blocking(await pack.preview([svc, userAttachment("svc", `arn:aws:iam::${ACCOUNT}:policy/ForceMFA`)]))).to.deep.equal([]);
        });

        it("exclusive policy sets on the enforced group, managed or inline, and a trusted-name policy that does not enforce", async () => {
            const svc = user("svc");
            const inline = resource("aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive", "inline", { groupName: "mfa-enforced", policyNames: [] });
            const managed = resource("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "managed", {
                groupName: "mfa-enforced",
                policyArns: [`arn:aws:iam::${ACCOUNT}:policy/ForceMFA`],
            });
            for (const exclusive of [inline, managed]) {
                const verdicts = on(blocking(await pack.preview([svc, userGroupMembership("svc", ["mfa-enforced"]), exclusive])), exclusive.urn);
                expect(verdicts, exclusive.name).to.have.length(1);
                expect(verdicts[0].message).to.include(`of the org's enforced group mfa-enforced, which this stack does not declare, exactly`);
                expect(verdicts[0].message).to.include("the org's MFA deny among them");
            }
            // Importing the org's policy by its name and changing its document changes it for every holder.
            const lax = policy("ForceMFA", ADMIN_DOCUMENT);
            const [renamed] = blocking(await pack.preview([lax]));
            expect(renamed.urn).to.equal(lax.urn);
            expect(renamed.message).to.match(/^policy ForceMFA carries a name this pack trusts as the org's MFA deny/);
            expect(blocking(await pack.preview([policy("ForceMFA", forceMfaDocument())]))).to.deep.equal([]);
        });
    });

    describe("policy ARNs linked as AWS resolves them", () => {
        it("the org's ForceMFA of another account is not attachable, so it enforces nothing here", async () => {
            const svc = known("svc");
            const verdicts = blocking(await pack.analyzeState([svc, userAttachment("svc", `arn:aws:iam::${OTHER}:policy/ForceMFA`)]));
            expect(verdicts.map((v) => v.urn)).to.deep.equal([svc.urn]);
            expect(verdicts[0].message).to.include(`names a policy of account ${OTHER}, but this stack's principals are in account ${ACCOUNT}`);
            expect(blocking(await pack.analyzeState([svc, userAttachment("svc", `arn:aws:iam::${ACCOUNT}:policy/ForceMFA`)]))).to.deep.equal([]);
        });

        it("an ARN with the name of the stack's policy but another path names no policy: nothing is attached", async () => {
            const deny = resource("aws:iam/policy:Policy", "Deny", { name: "Deny", path: "/security/", policy: forceMfaDocument(), arn: UNKNOWN });
            const alice = user("alice");
            const wrongPath = userAttachment("alice", `arn:aws:iam::${ACCOUNT}:policy/Deny`);
            const verdicts = blocking(await pack.preview([deny, alice, wrongPath]));
            expect(verdicts.map((v) => v.urn)).to.deep.equal([alice.urn]);
            expect(verdicts[0].message).to.include(`names no policy AWS will have: this stack's policy "Deny" is at path /security/, not /`);
            expect(blocking(await pack.preview([deny, alice, userAttachment("alice", `arn:aws:iam::${ACCOUNT}:policy/security/Deny`)]))).to.deep.equal([]);
        });

        it("a string that is no policy ARN is trusted for nothing, whatever name it ends with", async () => {
            const svc = user("svc");
            const [v] = blocking(await pack.preview([svc, userAttachment("svc", `arn:aws:iam::${ACCOUNT}:ForceMFA`)]));
            expect(v.urn).to.equal(svc.urn);
            expect(v.message).to.include("is not the ARN of an IAM policy");
        });
    });

    describe("a link unknown at preview that leads to several policies", () => {
        const deny = () => policy("Deny", forceMfaDocument());
        const admin = () => policy("Admin", ADMIN_DOCUMENT);

        it("one policyArn, two candidates: enforced only if each would enforce", async () => {
            const [d, a] = [deny(), admin()];
            const alice = user("alice");
            const attach = userAttachment("alice", UNKNOWN, { policyArn: [d, a] });
            const verdicts = blocking(await pack.preview([d, a, alice, attach]));
            expect(verdicts.map((v) => v.urn)).to.deep.equal([alice.urn]);
            expect(verdicts[0].message).to.include('may name any of the policies "Deny", "Admin" of this stack');
            const other = policy("Deny2", forceMfaDocument());
            const both = userAttachment("alice", UNKNOWN, { policyArn: [d, other] });
            expect(blocking(await pack.preview([d, other, alice, both]))).to.deep.equal([]);
        });

        it("a list with as many unknown ARNs as candidates holds every one of them", async () => {
            const [d, a] = [deny(), admin()];
            const native = resource("aws-native:iam:User", "bob", { userName: "bob", path: "/", managedPolicyArns: [UNKNOWN, UNKNOWN] }, { managedPolicyArns: [d, a] });
            expect(blocking(await pack.preview([d, a, native]))).to.deep.equal([]);
            const one = resource("aws-native:iam:User", "bob", { userName: "bob", path: "/", managedPolicyArns: [UNKNOWN] }, { managedPolicyArns: [d, a] });
            expect(blocking(await pack.preview([d, a, one])).map((v) => v.urn)).to.deep.equal([one.urn]);
        });
    });

    describe("a console user who must change its password first", () => {
        const withoutChangePassword = () => ({
            Version: "2012-10-17",
            Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement({ NotAction: DEFAULT_ENROLLMENT_ALLOW_LIST.filter((a) => a !== "iam:ChangePassword") })],
        });
        const profile = (name: string, passwordResetRequired: boolean) =>
            resource("aws:iam/userLoginProfile:UserLoginProfile", `${name}-login`, { user: name, passwordResetRequired });

        it("a deny that forbids iam:ChangePassword without MFA locks it out before enrollment", async () => {
            const carol = user("carol");
            const verdicts = blocking(await pack.preview([carol, inlinePolicy("carol", withoutChangePassword()), profile("carol", true)]));
            expect(verdicts.map((v) => [v.policy, v.urn])).to.deep.equal([["mfa-enrollment-not-locked-out", carol.urn]]);
            expect(verdicts[0].message).to.include("must change its password at first sign-in (its login profile requires a reset)");
            expect(verdicts[0].message).to.include("denies iam:ChangePassword on its own ARN");
            expect(verdicts[0].message).to.include("exempt iam:ChangePassword from statement");
            expect(verdicts[0].message).to.include("(add it to its NotAction)");
        });

        it("no reset required, or a deny that exempts it (the default allow-list): no lock-out; native login profiles count too", async () => {
            const carol = user("carol");
            expect(blocking(await pack.preview([carol, inlinePolicy("carol", withoutChangePassword()), profile("carol", false)]))).to.deep.equal([]);
            expect(blocking(await pack.preview([carol, inlinePolicy("carol", JSON.parse(forceMfaDocument())), profile("carol", true)]))).to.deep.equal([]);
            const native = resource("aws-native:iam:User", "dan", {
                userName: "dan",
                path: "/",
                loginProfile: { password: "x", passwordResetRequired: true },
                policies: [{ policyName: "own", policyDocument: withoutChangePassword() }],
            });
            expect(blocking(await pack.preview([native])).map((v) => v.policy)).to.deep.equal(["mfa-enrollment-not-locked-out"]);
        });
    });

    describe("enforced on trust, but locked out by what this stack adds", () => {
        it("a boundary that allows no enrollment (PowerUserAccess) keeps a member of the org's group from ever enrolling", async () => {
            const dev = user("dev", { permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess" });
            const verdicts = blocking(await pack.preview([dev, userGroupMembership("dev", ["mfa-enforced"])]));
            expect(verdicts.map((v) => [v.policy, v.urn])).to.deep.equal([["mfa-enrollment-not-locked-out", dev.urn]]);
            expect(verdicts[0].message).to.match(/^user dev is subject to the MFA deny but cannot enroll a device without MFA: iam:CreateVirtualMFADevice/);
            expect(verdicts[0].message).to.include("permissions boundary");
            const roomy = user("dev", { permissionsBoundary: "arn:aws:iam::aws:policy/AdministratorAccess" });
            expect(blocking(await pack.preview([roomy, userGroupMembership("dev", ["mfa-enforced"])]))).to.deep.equal([]);
        });
    });

    describe("data-perimeter conditions beside the MFA deny", () => {
        const perimeterDeny = (condition: Record<string, Record<string, string>>) => ({
            Version: "2012-10-17",
            Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement({ Condition: condition })],
        });
        const directOnly = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false", "aws:ViaAWSService": "false" } };

        it("a deny limited to direct calls still refuses every request a user makes without MFA", async () => {
            const erin = user("erin");
            expect(blocking(await pack.preview([erin, inlinePolicy("erin", perimeterDeny(directOnly))]))).to.deep.equal([]);
            const notCloudFormation = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, StringNotEqualsIfExists: { "aws:CalledViaFirst": "cloudformation.amazonaws.com" } };
            expect(blocking(await pack.preview([erin, inlinePolicy("erin", perimeterDeny(notCloudFormation))]))).to.deep.equal([]);
        });

        it("one limited to calls through a service, or to some networks, lets direct requests through", async () => {
            const erin = user("erin");
            const viaService = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false", "aws:ViaAWSService": "true" } };
            const [v] = blocking(await pack.preview([erin, inlinePolicy("erin", perimeterDeny(viaService))]));
            expect(v.urn).to.equal(erin.urn);
            const outsideNetwork = { ...directOnly, NotIpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" } };
            const [w] = blocking(await pack.preview([erin, inlinePolicy("erin", perimeterDeny(outsideNetwork))]));
            expect(w.message).to.include("also depends on aws:SourceIp");
        });

        it("the independent evaluator agrees: direct requests without MFA are explicitly denied, with the key absent or false", async () => {
            for (const mfa of [{}, { "aws:MultiFactorAuthPresent": "false" }] as Record<string, string>[]) {
                const result = await simulate({
                    principal: `arn:aws:iam::${ACCOUNT}:user/erin`,
                    action: "s3:ListAllMyBuckets",
                    resource: "*",
                    context: { "aws:ViaAWSService": "false", "aws:PrincipalIsAWSService": "false", ...mfa },
                    identityPolicies: [perimeterDeny(directOnly), JSON.parse(ADMIN_DOCUMENT)],
                });
                expect(result, JSON.stringify(mfa)).to.equal("ExplicitlyDenied");
            }
        });
    });
});
