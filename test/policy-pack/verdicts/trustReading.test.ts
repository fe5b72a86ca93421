/**
 * A role's trust as the role checks read it: who it lets in without MFA for every and for some preview value, why it
 * cannot be judged, what the role's own check does with it, and an unknown principal traced to roles of the stack.
 */
import { expect } from "chai";
import { buildIamGraph, StackResource } from "../../../policy-pack/stack/iamGraph";
import { aloneVerdict, readTrust, trustInStack } from "../../../policy-pack/verdicts/trustReading";
import { FakeResource, resource, role, UNKNOWN } from "../stackFixtures";

const ACCOUNT = "123456789012";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const trust = (statement: unknown) => ({ Version: "2012-10-17", Statement: statement });
const assume = (principal: unknown, condition?: unknown) => ({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
const QUOTA = 2048;

/** The stack's role entries, by name. */
function roles(...resources: FakeResource[]) {
    const graph = buildIamGraph(resources as unknown as StackResource[]);
    return new Map(graph.roles.map((r) => [r.resource.name, r]));
}
const readOne = (r: FakeResource, quota = QUOTA) => readTrust(roles(r).get(r.name)!, quota);

describe("a role's trust, read for the role checks", () => {
    it("a person let in without MFA, for every preview value: reported by the role's own check", () => {
        const reading = readOne(role("open", trust(assume({ AWS: ROOT }))));
        expect(reading.definite.map((e) => e.principal)).to.deep.equal([ROOT]);
        expect(reading.possible.map((e) => e.principal)).to.deep.equal([ROOT]);
        expect(aloneVerdict(reading)).to.equal("reported");
    });

    it("MFA required: no one let in, nothing for the stack to follow", () => {
        const reading = readOne(role("mfa", trust(assume({ AWS: ROOT }, { Bool: { "aws:MultiFactorAuthPresent": "true" } }))));
        expect([reading.definite, reading.possible, reading.problem]).to.deep.equal([[], [], undefined]);
        expect(aloneVerdict(reading)).to.equal("deferred");
    });

    it("only a role let in without MFA: deferred to the stack, which follows the role", () => {
        const reading = readOne(role("deploy", trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/hub` }))));
        expect(reading.definite).to.have.length(1);
        expect(aloneVerdict(reading)).to.equal("deferred");
    });

    it("a trust unknown as a whole during preview: left to the update", () => {
        const reading = readOne(role("later", UNKNOWN));
        expect(reading.unknown).to.equal(true);
        expect(aloneVerdict(reading)).to.equal("atUpdate");
    });

    it("a trust AWS refuses or the pack cannot verify: a problem, reported", () => {
        const long = readOne(role("long", trust(assume({ AWS: ROOT }))), 10);
        expect(long.problem).to.match(/longer than the account's trust policy length quota/);
        const operator = readOne(role("odd", trust(assume({ AWS: ROOT }, { StringSomehow: { "aws:PrincipalTag/team": "a" } }))));
        expect(operator.problem).to.be.a("string");
        expect(aloneVerdict(long)).to.equal("reported");
        expect(aloneVerdict(operator)).to.equal("reported");
        expect(readOne(role("broken", "{not json")).problem).to.be.a("string");
    });

    it("an unknown AWS principal computed only from roles of the stack (and providers) stands for those roles", () => {
        const provider = resource("aws-native:iam:OidcProvider", "github", { arn: UNKNOWN });
        const hub = role("hub", trust(assume({ AWS: ROOT })));
        const nativeRole = (name: string, deps: Record<string, FakeResource[]>) =>
            resource("aws-native:iam:Role", name, { roleName: name, assumeRolePolicyDocument: trust(assume({ AWS: UNKNOWN })) }, deps);
        const traced = nativeRole("deploy", { assumeRolePolicyDocument: [hub, provider] });
        const entries = roles(provider, hub, traced);
        const urns = new Set([hub.urn, traced.urn]);
        const deploy = entries.get("deploy")!;
        const inStack = trustInStack(deploy, urns);
        expect(inStack).to.not.equal(deploy.trust);
        const reading = readTrust(deploy, QUOTA, inStack);
        expect(reading.definite).to.have.length(1);
        expect(aloneVerdict(reading), "the stand-in is a role of the stack, no person").to.equal("deferred");
        // Alone, the same principal could be anyone: the update judges it.
        expect(aloneVerdict(readTrust(deploy, QUOTA))).to.equal("atUpdate");
        // Computed also from something that is neither a role of the stack nor a provider: read as it is.
        const bucket = resource("aws:s3/bucket:Bucket", "b", { arn: UNKNOWN });
        const untraced = nativeRole("other", { assumeRolePolicyDocument: [hub, bucket] });
        const other = roles(hub, bucket, untraced).get("other")!;
        expect(trustInStack(other, new Set([hub.urn, untraced.urn]))).to.equal(other.trust);
    });
});
