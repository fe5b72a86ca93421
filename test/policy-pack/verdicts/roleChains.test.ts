/**
 * Role chains: a role that trusts only roles of the stack no person can enter without MFA passes;
 * a role a person reaches without MFA, directly or through roles, is refused once — per resource when a person path
 * is in its own trust, on the stack when the path goes through roles.
 */
import { expect } from "chai";
import { exemptionsVisible } from "../../../policy-pack/policies/exemptionsVisible";
import { roleTrustRequiresMfa } from "../../../policy-pack/policies/roleTrustRequiresMfa";
import { FakeResource, resource, role, runPolicy, runResourcePolicy, runStackPolicy, UNKNOWN } from "../stackFixtures";

const ACCOUNT = "123456789012";
const OIDC = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const trust = (statement: unknown) => ({ Version: "2012-10-17", Statement: statement });
const assume = (principal: unknown, condition?: unknown) => ({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
const WITH_MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
const githubHub = (name = "gh-hub") =>
    role(
        name,
        trust({
            Effect: "Allow",
            Principal: { Federated: OIDC },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } },
        }),
    );
const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const withOutputs = (r: FakeResource, outputs: Record<string, unknown>): FakeResource => ({ ...r, props: { ...r.props, ...outputs } });

const messages = async (resources: FakeResource[], config: Record<string, unknown> = {}) => (await runPolicy(roleTrustRequiresMfa, resources, config)).map((r) => [r.urn, r.message]);

describe("iam-role-trust-requires-mfa: role chains over the stack's trust graph", () => {
    describe("pass: no person reaches the role without MFA", () => {
        it("a GitHub OIDC hub and the deploy roles that trust only its ARN (by name in the ARN, or its known ARN)", async () => {
            const hub = githubHub();
            const deploy = role("deploy", trust(assume({ AWS: roleArn("gh-hub") })));
            const session = role("deploy-session", trust(assume({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/gh-hub/ci` })));
            expect(await messages([hub, deploy, session])).to.deep.equal([]);
            // As AnalyzeStack sees an existing stack: the hub's ARN among its outputs.
            expect(await runStackPolicy(roleTrustRequiresMfa, [withOutputs(hub, { arn: roleArn("gh-hub") }), deploy])).to.deep.equal([]);
        });

        it("a chain several roles deep, and a cycle of roles that trust only each other", async () => {
            const hub = githubHub();
            const mid = role("mid", trust(assume({ AWS: roleArn("gh-hub") })));
            const last = role("last", trust(assume({ AWS: [roleArn("mid"), roleArn("loop-a")] })));
            const a = role("loop-a", trust(assume({ AWS: roleArn("loop-b") })));
            const b = role("loop-b", trust(assume({ AWS: roleArn("loop-a") })));
            expect(await messages([last, mid, hub, a, b])).to.deep.equal([]);
        });

        it("a role entered only with MFA, and the roles chained from it without MFA", async () => {
            const admin = role("admin", trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, WITH_MFA)));
            const ops = role("ops", trust(assume({ AWS: roleArn("admin") })));
            expect(await messages([admin, ops])).to.deep.equal([]);
        });

        it("a stack role's path in the ARN; a service role chained from", async () => {
            const hub = resource("aws:iam/role:Role", "hub", { name: "hub", path: "/ci/", assumeRolePolicy: JSON.stringify(trust(assume({ Service: "codebuild.amazonaws.com" }))) });
            const deploy = role("deploy", trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci/hub` })));
            expect(await messages([hub, deploy])).to.deep.equal([]);
        });
    });

    describe("refused once: per resource when its own trust is a person path, on the stack through roles", () => {
        it("a hub a person enters without MFA: the hub per resource, the deploy role on the stack, naming the chain", async () => {
            const hub = role("hub", trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` })));
            const deploy = role("deploy", trust(assume({ AWS: roleArn("hub") })));
            const last = role("last", trust(assume({ AWS: roleArn("deploy") })));
            const found = await messages([hub, deploy, last]);
            expect(found.map(([urn]) => urn)).to.deep.equal([hub.urn, deploy.urn, last.urn]);
            expect(found[0][1]).to.match(/^role hub: statement 1 of its trust policy lets arn:aws:iam::123456789012:root assume it with MFA absent/);
            expect(found[1][1]).to.equal(
                `role deploy: statement 1 of its trust policy lets ${roleArn("hub")} (role hub of this stack) assume it with MFA absent (long-term access keys): ` +
                    "no condition requires MFA, and a person reaches role hub without MFA: arn:aws:iam::123456789012:root (statement 1 of role hub's trust: " +
                    "no condition requires MFA) → role hub. Action that gets through: sts:AssumeRole. " +
                    'Fix: add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} (optionally with "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}) ' +
                    "to statement 1. Or require MFA where the chain starts.",
            );
            expect(found[2][1]).to.include("a person reaches role deploy without MFA: arn:aws:iam::123456789012:root (statement 1 of role hub's trust: no condition requires MFA) → role hub → role deploy");
            // Per resource, the deploy role is left to the stack: only the stack can see the hub's trust.
            expect(await runResourcePolicy(roleTrustRequiresMfa, deploy)).to.deep.equal([]);
        });

        it("a cycle a person enters at one role: every role of it is reached", async () => {
            const a = role("a", trust([assume({ AWS: roleArn("b") }), assume({ AWS: "*" })]));
            const b = role("b", trust(assume({ AWS: roleArn("a") })));
            const found = await messages([a, b]);
            expect(found.map(([urn]) => urn)).to.deep.equal([a.urn, b.urn]);
            expect(found[0][1]).to.include("lets * assume it");
            expect(found[1][1]).to.include("a person reaches role a without MFA: * (statement 2 of role a's trust");
        });

        it("a role outside the stack, a role of another account, a path that is not the stack role's: fail closed", async () => {
            const hub = withOutputs(githubHub("hub"), { arn: roleArn("hub") });
            const outside = role("d1", trust(assume({ AWS: roleArn("platform-admin") })));
            const otherAccount = role("d2", trust(assume({ AWS: roleArn("hub", "210987654321") })));
            const otherPath = role("d3", trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/ops/hub` })));
            const found = await messages([hub, outside, otherAccount, otherPath]);
            expect(found.map(([urn]) => urn)).to.deep.equal([outside.urn, otherAccount.urn, otherPath.urn]);
            expect(found[0][1]).to.include(`and ${roleArn("platform-admin")} is not a role of this stack, so whether a person can enter it without MFA is not known here`);
            expect(found[1][1]).to.include(`and ${roleArn("hub", "210987654321")} is not a role of this stack`);
        });

        it("a wildcard in a role ARN names no one role: a person path per resource", async () => {
            const [v, ...rest] = await messages([githubHub(), role("deploy", trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/*` })))]);
            expect(rest).to.deep.equal([]);
            expect(v[1]).to.match(/^role deploy: statement 1 of its trust policy lets arn:aws:iam::123456789012:role\/\* assume it/);
        });

        it("a role that lets in both a person and a role is reported once, per resource", async () => {
            const hub = role("hub", trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` })));
            const both = role("both", trust(assume({ AWS: [roleArn("hub"), `arn:aws:iam::${ACCOUNT}:user/alice`] })));
            const found = await messages([hub, both]);
            expect(found.map(([urn]) => urn)).to.deep.equal([hub.urn, both.urn]);
            expect(found[1][1]).to.match(/lets arn:aws:iam::123456789012:user\/alice assume it/);
        });

        it("an exempt role still lets people in: the roles chained from it are refused", async () => {
            const vendor = role("vendor", trust(assume({ AWS: "210987654321" })));
            const deploy = role("deploy", trust(assume({ AWS: roleArn("vendor") })));
            const found = await messages([vendor, deploy], { exemptRoles: [{ name: "vendor", reason: "vendor access under contract 42" }] });
            expect(found.map(([urn]) => urn)).to.deep.equal([deploy.urn]);
            expect(found[0][1]).to.include("a person reaches role vendor without MFA: 210987654321");
        });

        it("a role whose chain leads to a trust that cannot be verified is not passed", async () => {
            const hub = role("hub", "{not json");
            const deploy = role("deploy", trust(assume({ AWS: roleArn("hub") })));
            const found = await messages([hub, deploy]);
            expect(found.map(([urn]) => urn)).to.deep.equal([hub.urn, deploy.urn]);
            expect(found[1][1]).to.match(/^role deploy: statement 1 of its trust policy lets .* \(role hub of this stack\) assume it .*, and the trust policy of role hub could not be verified \(AWS refuses/);
        });
    });

    describe("values unknown during preview", () => {
        const nativeRole = (name: string, document: unknown, deps: Record<string, FakeResource[]> = {}) =>
            resource("aws-native:iam:Role", name, { roleName: name, assumeRolePolicyDocument: document }, deps);

        it("an aws-native hub whose provider ARN is unknown, a deploy role whose AWS principal is the hub's unknown ARN: passes on the stack", async () => {
            const provider = resource("aws-native:iam:OidcProvider", "github", { url: "https://token.actions.githubusercontent.com", arn: UNKNOWN });
            const hub = nativeRole("gh-hub", trust({ Effect: "Allow", Principal: { Federated: UNKNOWN }, Action: "sts:AssumeRoleWithWebIdentity" }), { assumeRolePolicyDocument: [provider] });
            const deploy = nativeRole("deploy", trust(assume({ AWS: UNKNOWN })), { assumeRolePolicyDocument: [hub] });
            expect(await runResourcePolicy(roleTrustRequiresMfa, hub)).to.deep.equal([]);
            // Alone, the deploy role's principal could be anyone: the update's Analyze judges it known.
            await runResourcePolicy(roleTrustRequiresMfa, deploy).then(
                () => expect.fail("expected the advisory"),
                (err: Error) => expect(err.message).to.equal("role deploy: trust built from values known only at update; verified then, before the role is created or updated"),
            );
            expect(await runStackPolicy(roleTrustRequiresMfa, [provider, hub, deploy])).to.deep.equal([]);
            // Traced to a role a person enters without MFA, it is refused on the stack.
            const open = role("gh-hub", trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` })));
            const reached = nativeRole("deploy", trust(assume({ AWS: UNKNOWN })), { assumeRolePolicyDocument: [open] });
            const [v, ...rest] = await runStackPolicy(roleTrustRequiresMfa, [open, reached]);
            expect(rest).to.deep.equal([]);
            expect([v.urn, v.message]).to.deep.equal([
                reached.urn,
                "role deploy: statement 1 of its trust policy lets role gh-hub of this stack (its ARN known only at update) assume it with MFA absent (long-term access keys): " +
                    "no condition requires MFA, and a person reaches role gh-hub without MFA: arn:aws:iam::123456789012:root (statement 1 of role gh-hub's trust: " +
                    "no condition requires MFA) → role gh-hub. Action that gets through: sts:AssumeRole. " +
                    'Fix: add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} (optionally with "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}) to statement 1. ' +
                    "Or require MFA where the chain starts.",
            ]);
        });

        it("an unknown principal computed from something else than the stack's roles stays unknown: the advisory, no stack verdict", async () => {
            const account = resource("aws:organizations/account:Account", "member", { id: UNKNOWN });
            const deploy = nativeRole("deploy", trust(assume({ AWS: UNKNOWN })), { assumeRolePolicyDocument: [account] });
            expect(await runStackPolicy(roleTrustRequiresMfa, [account, deploy])).to.deep.equal([]);
        });

        it("a hub whose trust is unknown as a whole: the deploy role's chain is left to the update, named in the advisory policy", async () => {
            const hub = role("gh-hub", UNKNOWN);
            const deploy = role("deploy", trust(assume({ AWS: roleArn("gh-hub") })));
            expect(await runStackPolicy(roleTrustRequiresMfa, [hub, deploy])).to.deep.equal([]);
            const notes = await runStackPolicy(exemptionsVisible, [hub, deploy]);
            expect(notes).to.deep.equal([
                {
                    urn: deploy.urn,
                    message: `role deploy: lets ${roleArn("gh-hub")} (role gh-hub of this stack) assume it without MFA, and the trust of role gh-hub is known only at update: this role chain is judged then, on the stack`,
                },
            ]);
        });
    });
});
