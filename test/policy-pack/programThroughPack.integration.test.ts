/**
 * Integration: the provisioning program, run under mocks, judged by force-mfa-guard through the analyzer
 * protocol the Pulumi CLI speaks (tools/preview), in the engine's sequence: per resource Remediate then Analyze, then
 * AnalyzeStack in no particular order. The unmodified program passes with zero mandatory violations, in a first
 * preview (ARNs unknown) and in `pulumi up`'s own calls (known); each mutation below is blocked with its message.
 */
import { expect } from "chai";
import { CapturedResource } from "../../tools/preview/captureProgram";
import { exampleThroughPack } from "./exampleThroughPack";
import { sharedPack } from "../tools/preview/previewInProcess";
import { describePolicyAnalyze } from "./policyAnalyzeMode";
import { Diagnostic, EngineSequence, PolicyPackSession, reportedText } from "../../tools/preview/policyPackClient";

const ACCOUNT = "123456789012";
const POLICY = "aws:iam/policy:Policy";
const MEMBERSHIP = "aws:iam/groupMembership:GroupMembership";

function clone(resources: CapturedResource[]): CapturedResource[] {
    return JSON.parse(JSON.stringify(resources));
}

function forceMfaPolicy(resources: CapturedResource[]): CapturedResource {
    const found = resources.filter((r) => r.type === POLICY && (r.properties as Record<string, unknown>).name === "ForceMFA");
    expect(found, "the program registers one ForceMFA policy").to.have.length(1);
    return found[0];
}

function editForceMfa(resources: CapturedResource[], edit: (document: any) => void): CapturedResource[] {
    const mutated = clone(resources);
    const policy = forceMfaPolicy(mutated);
    const document = JSON.parse((policy.properties as Record<string, string>).policy);
    edit(document);
    (policy.properties as Record<string, string>).policy = JSON.stringify(document);
    return mutated;
}

function denyStatement(document: any) {
    return document.Statement.find((s: any) => s.Effect === "Deny" && s.Condition?.BoolIfExists);
}

// One pack process for both modes' suites: each configures it, and every call is independent of the others.
const shared = sharedPack();
after(() => shared.close());

for (const mode of ["preview", "known"] as const) {
    describe(`the program through force-mfa-guard over the analyzer protocol (${mode})`, function () {
        this.timeout(240_000);
        let pack: PolicyPackSession;
        let resources: CapturedResource[];
        // Known values are what the update's own calls carry: it stops at a resource Analyze blocks.
        const sequence: EngineSequence = mode === "preview" ? "preview" : "update";

        /** Mandatory violations, with the message as the policy reported it. */
        async function mandatory(stack: CapturedResource[]): Promise<Diagnostic[]> {
            const { diagnostics } = await pack.run(sequence, stack);
            return diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => ({ ...d, message: reportedText(d) }));
        }

        before(async () => {
            ({ resources, pack } = await exampleThroughPack(mode, {}, shared));
        });

        if (mode === "known") {
            describePolicyAnalyze(() => ({ resources, pack }));
        }

        if (mode === "preview") {
            it("sees the first preview as the CLI would: the policy ARN unknown, linked only through the resource graph", () => {
                const attachment = resources.find((r) => r.type === "aws:iam/groupPolicyAttachment:GroupPolicyAttachment")!;
                expect((attachment.properties as Record<string, unknown>).policyArn).to.equal("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
                expect(attachment.propertyDependencies.policyArn).to.deep.equal([forceMfaPolicy(resources).urn]);
            });
        }

        if (mode === "known") {
            it("sees what `pulumi up` would send: the attachment carries the policy's real ARN", () => {
                const attachment = resources.find((r) => r.type === "aws:iam/groupPolicyAttachment:GroupPolicyAttachment")!;
                const arn = (forceMfaPolicy(resources).properties as Record<string, unknown>).arn;
                expect(arn).to.equal(`arn:aws:iam::${ACCOUNT}:policy/ForceMFA`);
                expect((attachment.properties as Record<string, unknown>).policyArn).to.equal(arn);
            });
        }

        it("passes the unmodified program with zero mandatory violations, and names the exemptions", async () => {
            expect(await mandatory(resources)).to.deep.equal([]);
            const advisories = (await pack.run(sequence, resources)).stackDiagnostics.filter((d) => d.policyName === "mfa-exemptions-visible");
            expect(advisories.map(reportedText)).to.include(
                "user breakglass is exempt from MFA enforcement: Emergency administrator; hardware MFA kept in the office safe, use is paged to security (not declared in this stack); permanent: no expiresOn",
            );
        });

        it("proves the example's sensitive-action denies for its users and its admin role, and names a group the ForceMFA policy loses", async () => {
            const sensitive = async (stack: CapturedResource[]) =>
                (await pack.run(sequence, stack)).stackDiagnostics.filter((d) => d.policyName === "sensitive-actions-need-fresh-mfa");
            expect((await sensitive(resources)).map(reportedText)).to.deep.equal([]);
            const mutated = editForceMfa(resources, (document) => {
                document.Statement = document.Statement.filter((s: { Sid?: string }) => s.Sid !== "DenySensitiveActionsMfaOlderThan300s");
            });
            const advisories = await sensitive(mutated);
            expect(advisories.length).to.be.greaterThan(0);
            expect(advisories.every((d) => d.enforcementLevel === "advisory")).to.equal(true);
            expect(advisories.map(reportedText).join("\n")).to.match(/^(user alice|\d+ users \(alice[^)]*\)) can use sensitive actions without fresh MFA: audit-logging \(MFA at most 300 s old\): no policy denies .* \| kms-key-destruction \(MFA at most 300 s old\): .* \| s3-bucket-destruction \(MFA at most 300 s old\): /);
        });

        it("blocks a user left out of the group", async () => {
            const mutated = clone(resources);
            const membership = mutated.find((r) => r.type === MEMBERSHIP)!;
            const props = membership.properties as { users: string[] };
            props.users = props.users.filter((u) => u !== "alice");
            const violations = await mandatory(mutated);
            expect(violations.map((v) => v.policyName)).to.deep.equal(["iam-user-requires-mfa"]);
            expect(violations[0].message).to.match(/^user alice: groups \[\]; no policy denies ec2:RunInstances with MFA absent \(long-term access keys\)/);
            expect(violations[0].urn).to.match(/aws:iam\/user:User::.*alice$/);
        });

        it("blocks Bool in place of BoolIfExists", async () => {
            const mutated = editForceMfa(resources, (document) => {
                const deny = denyStatement(document);
                deny.Condition = { Bool: deny.Condition.BoolIfExists };
            });
            const violations = await mandatory(mutated);
            const byPolicy = new Set(violations.map((v) => v.policyName));
            expect([...byPolicy].sort()).to.deep.equal(["iam-group-requires-mfa", "iam-user-requires-mfa"]);
            expect(violations.find((v) => v.policyName === "iam-user-requires-mfa")!.message).to.include(
                'uses "Bool" on aws:MultiFactorAuthPresent, which never matches when the key is absent (long-term access keys); use "BoolIfExists"',
            );
            expect(violations.find((v) => v.policyName === "iam-group-requires-mfa")!.message).to.match(/^group mfa-enforced is the enforced group but does not carry the MFA deny/);
        });

        it("blocks a role trusted by the account without MFA", async () => {
            const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] };
            const role: CapturedResource = {
                ...clone(resources).find((r) => r.type === POLICY)!,
                type: "aws:iam/role:Role",
                name: "deploy",
                urn: "urn:pulumi:example::force-mfa::aws:iam/role:Role::deploy",
                properties: { name: "deploy", assumeRolePolicy: JSON.stringify(trust) },
                dependencies: [],
                propertyDependencies: {},
            };
            const violations = await mandatory([...resources, role]);
            expect(violations.map((v) => [v.policyName, v.urn])).to.deep.equal([["iam-role-trust-requires-mfa", role.urn]]);
            expect(violations[0].message).to.match(/^role deploy: statement 1 of its trust policy lets arn:aws:iam::123456789012:root assume it with MFA absent/);
        });

        it("blocks a NotAction widened beyond enrollment", async () => {
            const mutated = editForceMfa(resources, (document) => {
                denyStatement(document).NotAction.push("s3:Get*");
            });
            const violations = await mandatory(mutated);
            const user = violations.find((v) => v.policyName === "iam-user-requires-mfa");
            expect(user?.message).to.include("no policy denies s3:GetObject with MFA absent");
            expect(user?.message).to.include("NotAction exempts s3:GetObject (s3:Get*), more than enrollment");
        });
    });
}
