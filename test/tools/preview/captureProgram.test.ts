/**
 * The offline preview's library on this repository's program: what captureProgram records (as the engine would hold
 * it, in a first preview and as `pulumi up` sees it) and what force-mfa-guard answers over the analyzer protocol.
 * The program runs in a child process; the pack is started once for the file.
 */
import { forceMfaGuardPolicies } from "../../../policy-pack/policies";
import { expect } from "chai";
import { cachedCapture } from "./cachedCapture";
import * as fs from "fs";
import * as path from "path";
import { CaptureOutput, CapturedResource, UNKNOWN } from "../../../tools/preview/captureProgram";
import { readExistingUsers, readStackConfig } from "../../../tools/preview/previewInputs";
import { inputsOf, PolicyPackSession, startPolicyPack } from "../../../tools/preview/policyPackClient";
import { SIG_KEY } from "../../../tools/preview/analyzerProperties";

const ROOT = path.resolve(__dirname, "../../..");
/** Pulumi's archive signature (sdk/nodejs/runtime/rpc.ts): an asset or archive value carries it under SIG_KEY. */
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const isArchive = (value: unknown) => typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === ARCHIVE_SIG;
const STACK_URN = "urn:pulumi:example::force-mfa::pulumi:pulumi:Stack::force-mfa-example";
const ENFORCEMENT = "force-mfa:enforcement:MfaEnforcement";
const POLICY_URN = `urn:pulumi:example::force-mfa::${ENFORCEMENT}$aws:iam/policy:Policy::force-mfa-policy`;
const GROUP_URN = `urn:pulumi:example::force-mfa::${ENFORCEMENT}$aws:iam/group:Group::force-mfa-group`;

function capture(mode: "preview" | "known", stackConfig = readStackConfig(ROOT, "force-mfa", "example").config): Promise<CaptureOutput> {
    return cachedCapture({
        programDir: path.join(ROOT, "program"),
        projectDir: ROOT,
        projectName: "force-mfa",
        stackName: "example",
        stackConfig,
        existingUsers: readExistingUsers(path.join(ROOT, "fixtures/existing-users.json")),
        mode,
    });
}

function one(resources: CapturedResource[], type: string, name?: string): CapturedResource {
    const found = resources.filter((r) => r.type === type && (name === undefined || r.name === name));
    expect(found, `${type} ${name ?? ""}`).to.have.length(1);
    return found[0];
}

describe("offline preview library: captureProgram and the analyzer client on this repository's program", function () {
    this.timeout(180_000);
    let preview: CaptureOutput;
    let known: CaptureOutput;
    let pack: PolicyPackSession;

    before(async () => {
        [preview, known, pack] = await Promise.all([capture("preview"), capture("known"), startPolicyPack(path.join(ROOT, "policy-pack"))]);
    });

    after(async () => {
        await pack?.close();
    });

    describe("capture", () => {
        it("preview: the ForceMFA policy's arn is unknown, and the attachment's policyArn is unknown and depends on the policy", () => {
            const policy = one(preview.resources, "aws:iam/policy:Policy", "force-mfa-policy");
            expect(policy.urn).to.equal(POLICY_URN);
            expect(policy.properties.name).to.equal("ForceMFA");
            expect(policy.properties.arn).to.equal(UNKNOWN);
            expect(policy.properties.id).to.equal(UNKNOWN);
            expect(JSON.parse(policy.properties.policy as string).Statement).to.be.an("array");
            const attachment = one(preview.resources, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment");
            expect(attachment.properties.policyArn).to.equal(UNKNOWN);
            expect(attachment.properties.group).to.equal("mfa-enforced");
            expect(attachment.propertyDependencies.policyArn).to.deep.equal([POLICY_URN]);
            expect(attachment.propertyDependencies.group).to.deep.equal([GROUP_URN]);
            expect(attachment.dependencies).to.include.members([POLICY_URN, GROUP_URN]);
        });

        it("known: real-looking ARNs, and the attachment carries the policy's ARN", () => {
            const policy = one(known.resources, "aws:iam/policy:Policy", "force-mfa-policy");
            expect(policy.properties.arn).to.equal("arn:aws:iam::123456789012:policy/ForceMFA");
            const attachment = one(known.resources, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment");
            expect(attachment.properties.policyArn).to.equal(policy.properties.arn);
            expect(attachment.propertyDependencies.policyArn).to.deep.equal([POLICY_URN]);
            expect(one(known.resources, "aws:iam/user:User", "force-mfa-user-alice").properties.arn).to.equal("arn:aws:iam::123456789012:user/eng/alice");
            expect(one(known.resources, "aws:iam/group:Group", "force-mfa-group").properties.arn).to.equal("arn:aws:iam::123456789012:group/mfa-enforced");
            expect(one(known.resources, "aws:s3/bucket:Bucket", "terraform-state-bucket").properties.arn).to.equal("arn:aws:s3:::example-corp-terraform-state-eu-central-1");
            for (const r of known.resources.filter((r) => r.custom)) {
                for (const [key, value] of Object.entries(r.properties)) {
                    // An archive's text is code, not a value: the job's bundle holds the sentinel as a string literal.
                    if (!isArchive(value)) {
                        expect(JSON.stringify(value), `${r.urn} ${key}`).not.to.include(UNKNOWN);
                    }
                }
            }
        });

        it("the tree as the engine holds it: root stack, components under it, URNs qualified by the parent's type, options", () => {
            const stack = one(preview.resources, "pulumi:pulumi:Stack");
            expect(stack).to.include({ urn: STACK_URN, name: "force-mfa-example", custom: false });
            expect(stack.parent).to.equal(undefined);
            const enforcement = one(preview.resources, ENFORCEMENT);
            expect(enforcement.parent).to.equal(STACK_URN);
            expect(enforcement.urn).to.equal(`urn:pulumi:example::force-mfa::${ENFORCEMENT}::force-mfa`);
            expect(one(preview.resources, "aws:iam/policy:Policy", "force-mfa-policy").parent).to.equal(enforcement.urn);
            expect(one(preview.resources, "aws:s3/bucket:Bucket", "terraform-state-bucket").options.protect).to.equal(true);
            for (const r of preview.resources.filter((r) => r.urn !== STACK_URN && !r.type.startsWith("pulumi:providers:"))) {
                expect(r.parent, r.urn).to.be.a("string");
            }
        });

        it("default provider: registered once, with the package's stack config and version, referenced by every AWS resource", () => {
            const provider = one(preview.resources, "pulumi:providers:aws");
            expect(provider.name).to.match(/^default_7_\d+_\d+$/);
            expect(provider.properties).to.include({ region: "eu-central-1" });
            for (const r of preview.resources.filter((r) => r.custom && r.type.startsWith("aws:"))) {
                expect(r.provider, r.urn).to.equal(`${provider.urn}::${UNKNOWN}`);
            }
        });

        it("Analyze gets inputs (no computed id/arn), AnalyzeStack outputs; the stack's outputs are the program's exports", () => {
            const policy = one(known.resources, "aws:iam/policy:Policy", "force-mfa-policy");
            expect(inputsOf(policy)).to.not.have.any.keys("arn", "id");
            expect(inputsOf(policy)).to.include({ name: "ForceMFA" });
            expect(preview.outputs).to.have.property("policyArn", UNKNOWN);
            expect(known.outputs).to.have.property("policyArn", "arn:aws:iam::123456789012:policy/ForceMFA");
            expect(Object.keys(known.outputs).length).to.be.greaterThan(0);
            expect(one(known.resources, "pulumi:pulumi:Stack").properties).to.deep.equal(known.outputs);
            expect(inputsOf(one(known.resources, "pulumi:pulumi:Stack"))).to.deep.equal({});
        });

        it("a config the program rejects: the program's one-line reason, no stack trace", async () => {
            const config = { ...readStackConfig(ROOT, "force-mfa", "example").config, "force-mfa:maxMfaAgeSeconds": "60" };
            const reason = await capture("preview", config).then(
                () => "resolved",
                (err: Error) => err.message,
            );
            expect(reason).to.equal("invalid stack config: maxMfaAgeSeconds: must be an integer from 900 to 129600, got 60");
        });
    });

    describe("force-mfa-guard over the analyzer protocol", () => {
        it("GetAnalyzerInfo lists every policy with its schema defaults; with them the example passes, a configured value replaces one", async () => {
            expect(pack.info.policies.map((p) => p.name)).to.deep.equal(forceMfaGuardPolicies.map((p) => p.name));
            for (const policy of pack.info.policies) {
                expect(Object.keys(policy.configDefaults), policy.name).to.not.be.empty;
            }
            const userPolicy = pack.info.policies.find((p) => p.name === "iam-user-requires-mfa")!;
            expect(userPolicy.configDefaults).to.deep.include({ enforcedGroupName: "mfa-enforced", exemptUsers: [] });
            expect(userPolicy.configDefaults.enrollmentAllowList).to.include("iam:EnableMFADevice");
            // The defaults alone (enforcedGroupName: mfa-enforced) make the example stack pass ...
            await pack.configure();
            expect((await pack.analyzeStack(preview.resources)).filter((d) => d.enforcementLevel === "mandatory")).to.deep.equal([]);
            // ... and a configured value replaces its default: with a narrower allow-list, ForceMFA's NotAction
            // exempts actions (e.g. sts:GetSessionToken) the pack no longer accepts without MFA.
            await pack.configure({ "iam-user-requires-mfa": { enrollmentAllowList: ["iam:EnableMFADevice"] } });
            const violations = (await pack.analyzeStack(preview.resources)).filter((d) => d.enforcementLevel === "mandatory");
            expect(violations.map((d) => d.policyName)).to.include("iam-user-requires-mfa");
            await pack.configure();
        });

        for (const mode of ["preview", "known"] as const) {
            it(`${mode}: the example stack has no mandatory violation, per resource or for the stack`, async () => {
                const resources = (mode === "preview" ? preview : known).resources;
                await pack.configure();
                const diagnostics = [...(await Promise.all(resources.map((r) => pack.analyze(r, resources)))).flat(), ...(await pack.analyzeStack(resources))];
                expect(diagnostics.filter((d) => d.enforcementLevel === "mandatory")).to.deep.equal([]);
            });
        }

        it("an extra IAM user in no group: a mandatory iam-user-requires-mfa violation naming it", async () => {
            const user: CapturedResource = {
                type: "aws:iam/user:User",
                urn: "urn:pulumi:example::force-mfa::aws:iam/user:User::mallory",
                name: "mallory",
                custom: true,
                parent: STACK_URN,
                provider: one(preview.resources, "aws:iam/user:User", "force-mfa-user-alice").provider,
                properties: { name: "mallory", path: "/", arn: UNKNOWN, id: UNKNOWN },
                outputOnlyKeys: ["arn", "id"],
                dependencies: [],
                propertyDependencies: {},
                options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
            };
            await pack.configure();
            const mandatory = (await pack.analyzeStack([...preview.resources, user])).filter((d) => d.enforcementLevel === "mandatory");
            expect(mandatory.map((d) => [d.policyName, d.urn])).to.deep.equal([["iam-user-requires-mfa", user.urn]]);
            expect(mandatory[0].message).to.include("mallory");
            expect(mandatory[0].policyPackName).to.equal("force-mfa-guard");
        });
    });
});
