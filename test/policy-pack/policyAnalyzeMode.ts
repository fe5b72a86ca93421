/**
 * `pulumi policy analyze` judges a stack's existing state (analyze_snapshot.go): for each resource of the state,
 * Remediate (reported, never applied) then Analyze with its inputs; then AnalyzeStack with every resource's outputs,
 * in the state's order, every value known. The pack must give the verdicts it gives during `pulumi up`. Also what
 * GetAnalyzerInfo tells Pulumi Cloud about each policy. Through the analyzer protocol, the pack started as the CLI
 * starts it, on the provisioning program captured as `pulumi up` sees it: the capture and the pack of the
 * integration suite's known mode (programThroughPack.integration.test.ts), shared rather than made again.
 */
import { expect } from "chai";
import { CapturedResource } from "../../tools/preview/captureProgram";
import { ExampleThroughPack } from "./exampleThroughPack";
import { Diagnostic, EngineSequence, PolicyPackSession, reportedText } from "../../tools/preview/policyPackClient";
import { PACK_README_URL } from "../../policy-pack/verdicts/policyMetadata";

const ACCOUNT = "123456789012";

type Seen = [policy: string, level: string, urn: string, message: string];

const seen = (diagnostics: Diagnostic[]): Seen[] =>
    diagnostics.map((d): Seen => [d.policyName, d.enforcementLevel, d.urn, reportedText(d)]).sort((a, b) => a.join("|").localeCompare(b.join("|")));

/** The policy-analyze cases, on the example as `pulumi up` left it (`example()` once its suite's `before` has run). */
export function describePolicyAnalyze(example: () => ExampleThroughPack): void {
    describe("under `pulumi policy analyze` (the state's resources, then the state)", function () {
        this.timeout(240_000);
        let pack: PolicyPackSession;
        let resources: CapturedResource[];

        before(() => {
            ({ resources, pack } = example());
        });

        async function judged(sequence: EngineSequence, stack: CapturedResource[]): Promise<Seen[]> {
            return seen((await pack.run(sequence, stack)).diagnostics);
        }
        const analyzed = (stack: CapturedResource[]) => judged("policy analyze", stack);
        /**
         * As a preview before `pulumi up` judges it: every resource, then the stack (the update itself stops at the first
         * resource with a mandatory violation, as `pulumi policy analyze` does not).
         */
        const asUp = (stack: CapturedResource[]) => judged("preview", stack);

        it("passes the program's state with zero mandatory violations, as `pulumi up` does", async () => {
            const state = await analyzed(resources);
            expect(state.filter((s) => s[1] === "mandatory")).to.deep.equal([]);
            expect(state).to.deep.equal(await asUp(resources));
        });

        it("blocks a role trusted by the account without MFA", async () => {
            const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] };
            const deploy: CapturedResource = {
                type: "aws:iam/role:Role",
                name: "deploy",
                urn: "urn:pulumi:example::force-mfa::aws:iam/role:Role::deploy",
                custom: true,
                properties: { name: "deploy", arn: `arn:aws:iam::${ACCOUNT}:role/deploy`, assumeRolePolicy: JSON.stringify(trust) },
                dependencies: [],
                propertyDependencies: {},
                options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
            };
            const stack = [...resources, deploy];
            const state = (await analyzed(stack)).filter((s) => s[1] === "mandatory");
            expect(state.map((s) => [s[0], s[1], s[2]])).to.deep.equal([["iam-role-trust-requires-mfa", "mandatory", deploy.urn]]);
            expect(state[0][3]).to.match(/^role deploy: statement 1 of its trust policy lets arn:aws:iam::123456789012:root assume it with MFA absent.*Fix: add "Condition"/);
            expect(await analyzed(stack)).to.deep.equal(await asUp(stack));
        });

        it("blocks a user left out of the group, linked by the known ARNs of the state", async () => {
            const mutated: CapturedResource[] = JSON.parse(JSON.stringify(resources));
            const membership = mutated.find((r) => r.type === "aws:iam/groupMembership:GroupMembership")!;
            (membership.properties as { users: string[] }).users = (membership.properties as { users: string[] }).users.filter((u) => u !== "alice");
            const state = (await analyzed(mutated)).filter((s) => s[1] === "mandatory");
            expect(state.map((s) => s[0])).to.deep.equal(["iam-user-requires-mfa"]);
            expect(state[0][2]).to.match(/aws:iam\/user:User::.*alice$/);
            expect(state[0][3]).to.include('Fix: list alice in the users of GroupMembership');
        });

        it("tells Pulumi Cloud each policy's severity, remediation steps and README section; a framework only where a published control maps", () => {
            for (const policy of pack.info.policies) {
                expect(policy.severity, policy.name).to.be.oneOf(["low", "medium", "high", "critical"]);
                expect(policy.remediationSteps, policy.name).to.be.a("string").and.not.empty;
                expect(policy.url).to.equal(`${PACK_README_URL}#${policy.name}`);
            }
            const severities = Object.fromEntries(pack.info.policies.map((p) => [p.name, p.severity]));
            expect(severities).to.deep.equal({
                "iam-user-requires-mfa": "high",
                "iam-group-requires-mfa": "high",
                "iam-role-trust-requires-mfa": "high",
                "mfa-enrollment-not-locked-out": "medium",
                "mfa-exemptions-visible": "low",
                "sensitive-actions-need-fresh-mfa": "medium",
            });
            expect(pack.info.policies.filter((p) => p.framework).map((p) => [p.name, p.framework!.name, p.framework!.reference])).to.deep.equal([
                ["iam-user-requires-mfa", "AWS Foundational Security Best Practices", "IAM.19"],
            ]);
        });
    });
}
