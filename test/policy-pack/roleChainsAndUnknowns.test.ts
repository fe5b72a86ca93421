/**
 * Role chains and documents with values unknown at preview, through the analyzer protocol (the pack started as the CLI starts it): role chains no
 * person can enter pass, a chain a person enters is refused once (per resource where the role alone decides, on the
 * stack where only the stack can follow it), and documents with one unknown value are judged on what is known.
 */
import { expect } from "chai";
import { blocking, PackUnderTest, Verdict, verdicts } from "./analyzerProtocol";
import { ENROLLMENT_ALLOWS, FakeResource, group, groupMembership, groupPolicyAttachment, mfaDenyStatement, resource, role, UNKNOWN, user } from "./stackFixtures";

const ACCOUNT = "123456789012";
const trust = (statement: unknown) => ({ Version: "2012-10-17", Statement: statement });
const assume = (principal: unknown) => ({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" });
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const githubTrust = (provider: string) =>
    trust({
        Effect: "Allow",
        Principal: { Federated: provider },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" } },
    });
const nativeRole = (name: string, document: unknown, deps: Record<string, FakeResource[]> = {}) =>
    resource("aws-native:iam:Role", name, { roleName: name, assumeRolePolicyDocument: document }, deps);
const ofPolicy = (found: readonly Verdict[], policy: string) => found.filter((v) => v.policy === policy).map((v) => [v.level, v.urn, v.message]);

describe("force-mfa-guard: role chains and values unknown at preview (over the analyzer protocol)", function () {
    this.timeout(240_000);
    const pack = new PackUnderTest();
    before(() => pack.start());
    after(() => pack.close());

    it("a GitHub OIDC hub and the deploy roles chained from it pass, in a preview and in an update", async () => {
        const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
        const hub = role("gh-hub", githubTrust(provider));
        const deploy = role("deploy-prod", trust(assume({ AWS: roleArn("gh-hub") })));
        const session = role("deploy-dev", trust(assume({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/gh-hub/ci-run` })));
        expect(await pack.preview([hub, deploy, session])).to.deep.equal([]);
        const update = await pack.run("update", [hub, deploy, session]);
        expect([update.stoppedAt, verdicts(update.diagnostics)]).to.deep.equal([undefined, []]);
    });

    it("aws-native, at preview: the provider's ARN and the hub's ARN unknown, traced through the graph — no block, one note for the deploy role's own trust", async () => {
        const provider = resource("aws-native:iam:OidcProvider", "github", { url: "https://token.actions.githubusercontent.com", arn: UNKNOWN });
        const hub = nativeRole("gh-hub", githubTrust(UNKNOWN), { assumeRolePolicyDocument: [provider] });
        const deploy = nativeRole("deploy", trust(assume({ AWS: UNKNOWN })), { assumeRolePolicyDocument: [hub] });
        const found = await pack.preview([provider, hub, deploy]);
        expect(blocking(found)).to.deep.equal([]);
        expect(found.map((v) => [v.policy, v.level, v.urn])).to.deep.equal([["iam-role-trust-requires-mfa", "advisory", deploy.urn]]);
        expect(found[0].message).to.match(/role deploy: trust built from values known only at update; verified then, before the role is created or updated$/);
    });

    it("a hub a person enters without MFA: refused per resource, and the deploy role on the stack — each once", async () => {
        const hub = role("hub", trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` })));
        const deploy = role("deploy", trust(assume({ AWS: roleArn("hub") })));
        const found = ofPolicy(blocking(await pack.preview([hub, deploy])), "iam-role-trust-requires-mfa");
        expect(found.map(([level, urn]) => [level, urn])).to.deep.equal([
            ["mandatory", hub.urn],
            ["mandatory", deploy.urn],
        ]);
        expect(found[1][2]).to.include("and a person reaches role hub without MFA: arn:aws:iam::123456789012:root (statement 1 of role hub's trust: no condition requires MFA) → role hub.");
        // `pulumi up` stops at the hub's own Analyze, before the hub exists.
        const update = await pack.run("update", [hub, deploy]);
        expect(update.stoppedAt).to.equal(hub.urn);
    });

    it("a role trusted from outside the stack: left to the stack per resource, refused there (fail closed)", async () => {
        const deploy = role("deploy", trust(assume({ AWS: roleArn("platform-admin") })));
        const update = await pack.run("update", [deploy]);
        expect(update.stoppedAt).to.equal(undefined);
        const found = verdicts(update.stackDiagnostics);
        expect(found.map((v) => [v.policy, v.level, v.urn])).to.deep.equal([["iam-role-trust-requires-mfa", "mandatory", deploy.urn]]);
        expect(found[0].message).to.include(`${roleArn("platform-admin")} is not a role of this stack, so whether a person can enter it without MFA is not known here`);
    });

    it("a hub whose trust is unknown as a whole: the chained role is not blocked at preview, and the chain is named as judged at update", async () => {
        const hub = role("gh-hub", UNKNOWN);
        const deploy = role("deploy", trust(assume({ AWS: roleArn("gh-hub") })));
        const found = await pack.preview([hub, deploy]);
        expect(blocking(found)).to.deep.equal([]);
        expect(ofPolicy(found, "mfa-exemptions-visible")).to.deep.equal([
            [
                "advisory",
                deploy.urn,
                `role deploy: lets ${roleArn("gh-hub")} (role gh-hub of this stack) assume it without MFA, and the trust of role gh-hub is known only at update: this role chain is judged then, on the stack`,
            ],
        ]);
    });

    it("a policy object whose Allow has an unknown Resource beside the known MFA deny: its user passes at preview", async () => {
        const alice = user("alice");
        const staff = group("staff");
        const document = { Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, { Effect: "Allow", Action: "s3:GetObject", Resource: UNKNOWN }, mfaDenyStatement()] };
        const staffPolicy = resource("aws-native:iam:ManagedPolicy", "staff", { managedPolicyName: "staff", policyDocument: document, policyArn: UNKNOWN });
        const found = await pack.preview([alice, staff, staffPolicy, groupPolicyAttachment(staff, staffPolicy), groupMembership(staff, [alice])]);
        expect(blocking(found)).to.deep.equal([]);
        // The deny with the unknown instead: not proven, named as what could not be verified.
        const unknownDeny = { Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement({ Resource: UNKNOWN })] };
        const unproven = resource("aws-native:iam:ManagedPolicy", "staff", { managedPolicyName: "staff", policyDocument: unknownDeny, policyArn: UNKNOWN });
        const refused = ofPolicy(blocking(await pack.preview([alice, staff, unproven, groupPolicyAttachment(staff, unproven), groupMembership(staff, [alice])])), "iam-user-requires-mfa");
        expect(refused.map(([, urn]) => urn)).to.deep.equal([alice.urn]);
        expect(refused[0][2]).to.include("the Resource of statement 3 is unknown until the update runs");
    });
});
