/**
 * The offline preview on programs written as other teams write them: resources passed as inputs, trusts built with
 * aws.iam.getPolicyDocument, invokes nothing answers, remote components, the program's own messages, a program that
 * throws. Each fixture program runs under captureProgram; one force-mfa-guard process judges them all.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { captureProgram, CaptureOutput, CapturedResource, ProgramError, UNKNOWN, UnansweredInvokeError } from "../../../tools/preview/captureProgram";
import { CaptureMode } from "../../../tools/preview/capturedResource";
import { Diagnostic, inputsOf, PolicyPackSession, reportedText, startPolicyPack } from "../../../tools/preview/policyPackClient";
import { readProject, readStackConfig } from "../../../tools/preview/previewInputs";

const ROOT = path.resolve(__dirname, "../../..");
const PROGRAMS = path.join(__dirname, "../../fixtures/preview/programs");

function capture(
    name: string,
    mode: CaptureMode = "preview",
    extra: { allowEmptyInvokes?: boolean; invokeFixtures?: Record<string, unknown>; projectDir?: string } = {},
): Promise<CaptureOutput> {
    const { projectDir = path.join(PROGRAMS, name), ...options } = extra;
    const project = readProject(projectDir);
    return captureProgram({
        programDir: project.programDir,
        projectDir,
        projectName: project.name,
        stackName: "test",
        stackConfig: readStackConfig(projectDir, project.name, "test").config,
        existingUsers: [],
        mode,
        typescript: project.typescript,
        tsconfig: project.tsconfig,
        ...options,
    });
}

/**
 * A copy of a fixture program whose node_modules holds an old TypeScript (as an old @pulumi/pulumi brings 3.8) that
 * must never be loaded, and whose tsconfig asks for what that compiler does not know.
 */
function withOldTypeScript(name: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-old-ts-"));
    fs.cpSync(path.join(PROGRAMS, name), dir, { recursive: true });
    const typescript = path.join(dir, "node_modules", "typescript");
    fs.mkdirSync(path.join(typescript, "lib"), { recursive: true });
    fs.writeFileSync(path.join(typescript, "package.json"), JSON.stringify({ name: "typescript", version: "3.8.3", main: "lib/typescript.js" }));
    fs.writeFileSync(path.join(typescript, "lib", "typescript.js"), 'throw new Error("the program\'s own TypeScript 3.8 was loaded");\n');
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["ES2022"], module: "commonjs", moduleResolution: "node", strict: true } }));
    return dir;
}

function one(resources: CapturedResource[], type: string, name: string): CapturedResource {
    const found = resources.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).to.have.length(1);
    return found[0];
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (err) {
        return err as Error;
    }
    throw new Error("expected the run to fail");
}

describe("offline preview on other teams' programs", function () {
    this.timeout(300_000);
    let pack: PolicyPackSession;

    before(async () => {
        pack = await startPolicyPack(path.join(ROOT, "policy-pack"));
        await pack.configure();
    });
    after(async () => pack?.close());

    /** As a preview sends it: Remediate and Analyze per resource, then AnalyzeStack. */
    async function judge(captured: CaptureOutput): Promise<Diagnostic[]> {
        return (await pack.run("preview", captured.resources)).diagnostics;
    }

    for (const mode of ["preview", "known"] as const) {
        it(`a resource passed as an input reaches the pack as the engine sends it: a custom resource as its id, a component as its URN (${mode})`, async () => {
            const captured = await capture("resource-reference", mode);
            const role = one(captured.resources, "aws:iam/role:Role", "deployer");
            const team = one(captured.resources, "ref:index:Team", "platform");
            const attachment = one(captured.resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "deployer-logs");
            const inline = one(captured.resources, "aws:iam/rolePolicy:RolePolicy", "deployer-inline");
            const roleId = mode === "preview" ? UNKNOWN : role.properties.id;
            expect(roleId).to.be.a("string").and.not.equal("");
            expect(inputsOf(attachment).role).to.equal(roleId);
            expect(inputsOf(inline).role).to.equal(roleId);
            expect((inputsOf(role).tags as Record<string, unknown>).team).to.equal(team.urn);
            expect(attachment.propertyDependencies.role).to.deep.equal([role.urn]);
            // Judged, not refused: a service role with its attachments passes.
            const diagnostics = await judge(captured);
            expect(diagnostics.filter((d) => d.enforcementLevel === "mandatory")).to.deep.equal([]);
        });
    }

    it("a trust built with aws.iam.getPolicyDocument is computed as the provider computes it and judged on its content", async () => {
        const captured = await capture("policy-document", "known");
        const guarded = one(captured.resources, "aws:iam/role:Role", "guarded");
        const document = JSON.parse(guarded.properties.assumeRolePolicy as string);
        expect(document).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: "sts:AssumeRole",
                    Principal: { AWS: "arn:aws:iam::123456789012:root" },
                    Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
                },
            ],
        });
        const blocked = (await judge(captured)).filter((d) => d.enforcementLevel === "mandatory");
        expect(blocked.map((d) => [d.policyName, d.urn])).to.deep.equal([["iam-role-trust-requires-mfa", one(captured.resources, "aws:iam/role:Role", "open").urn]]);
        // Blocked for what the trust says, not because no document could be read.
        expect(blocked[0].message).not.to.match(/no document|could not be verified/);
    });

    describe("the GitHub Actions deploy role: a trust built from the OIDC provider's arn", () => {
        const notes = (diagnostics: Diagnostic[]) =>
            diagnostics.filter((d) => d.policyName === "iam-role-trust-requires-mfa" && d.enforcementLevel === "advisory").map((d) => [d.urn, reportedText(d)]);
        const blocked = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => [d.policyName, d.urn]);

        it("preview: the unknown trusts are named in advisory notes, not blocked; a known trust without MFA still blocks", async () => {
            const captured = await capture("github-oidc", "preview");
            const ci = one(captured.resources, "aws:iam/role:Role", "ci");
            const ciDoc = one(captured.resources, "aws:iam/role:Role", "ci-doc");
            expect(inputsOf(ci).assumeRolePolicy).to.equal(UNKNOWN);
            const diagnostics = await judge(captured);
            expect(blocked(diagnostics)).to.deep.equal([["iam-role-trust-requires-mfa", one(captured.resources, "aws:iam/role:Role", "open").urn]]);
            const said = (role: string) => `role ${role}: trust built from values known only at update; verified then, before the role is created or updated`;
            expect(notes(diagnostics)).to.have.deep.members([
                [ci.urn, `can't run policy 'iam-role-trust-requires-mfa' from policy pack 'force-mfa-guard@v0.1.0' during preview: ${said("ci")}`],
                [ciDoc.urn, `can't run policy 'iam-role-trust-requires-mfa' from policy pack 'force-mfa-guard@v0.1.0' during preview: ${said("ci-doc")}`],
            ]);
        });

        it("update: the trusts are known when the engine analyzes each role, before it is created — the OIDC roles pass, the open one is refused", async () => {
            const captured = await capture("github-oidc", "known");
            const ci = one(captured.resources, "aws:iam/role:Role", "ci");
            const trust = JSON.parse(inputsOf(ci).assumeRolePolicy as string);
            expect(trust.Statement[0].Principal.Federated).to.match(/^arn:aws:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/);
            const open = one(captured.resources, "aws:iam/role:Role", "open");
            // As `pulumi up` sends it: the update stops at the open role's Analyze, before its step, with no AnalyzeStack.
            const update = await pack.run("update", captured.resources);
            expect(update.stoppedAt).to.equal(open.urn);
            expect(update.stackOrder).to.deep.equal([]);
            expect(blocked(update.diagnostics)).to.deep.equal([["iam-role-trust-requires-mfa", open.urn]]);
            expect(reportedText(update.diagnostics.find((d) => d.urn === open.urn)!)).to.match(/^role open: statement 1 of its trust policy lets arn:aws:iam::123456789012:root assume it with MFA absent/);
            expect(notes(update.diagnostics)).to.deep.equal([]);
            // Without it, the update runs to its end: the OIDC roles and the guarded one pass per resource and on the stack.
            const rest = await pack.run("update", captured.resources.filter((r) => r.urn !== open.urn));
            expect(rest.stoppedAt).to.equal(undefined);
            expect(rest.stackOrder).to.have.length(captured.resources.length - 1);
            expect(blocked(rest.diagnostics)).to.deep.equal([]);
            const diagnostics = await judge(captured);
            expect(blocked(diagnostics)).to.deep.equal([["iam-role-trust-requires-mfa", open.urn]]);
            expect(notes(diagnostics)).to.deep.equal([]);
        });
    });

    it("an invoke nothing answers stops the run, naming the token and the line of the program that called it", async () => {
        const err = await rejection(capture("unanswered-invoke"));
        expect(err).to.be.instanceOf(UnansweredInvokeError);
        const invokes = (err as UnansweredInvokeError).invokes;
        expect(invokes).to.deep.equal([{ token: "aws:ec2/getSubnets:getSubnets", sites: ["index.ts:4:25"] }]);
        expect(err.message).to.include("aws:ec2/getSubnets:getSubnets").and.include("index.ts:4:25").and.include("--fixtures");
    });

    it("with empty answers allowed, the same program runs to the end and the empty answer is reported", async () => {
        const captured = await capture("unanswered-invoke", "preview", { allowEmptyInvokes: true });
        expect(captured.emptyInvokes).to.deep.equal(["aws:ec2/getSubnets:getSubnets"]);
    });

    it("a remote component is recorded as remote, without children", async () => {
        const captured = await capture("remote-component");
        const cluster = one(captured.resources, "eks:index:Cluster", "cluster");
        expect(cluster.remote).to.equal(true);
        expect(captured.resources.filter((r) => r.parent === cluster.urn)).to.deep.equal([]);
        expect(one(captured.resources, "aws:s3/bucket:Bucket", "logs").remote).to.equal(undefined);
    });

    it("the program's log messages are kept with the resource they were logged on", async () => {
        const captured = await capture("program-log");
        const topic = one(captured.resources, "aws:sns/topic:Topic", "alerts");
        expect(captured.logs).to.deep.include({ severity: "warning", message: "nobody is notified until the topic has a subscriber", urn: topic.urn });
        expect(captured.logs).to.deep.include({ severity: "info", message: "alerts go to the alerts topic" });
    });

    it("a program that throws is reported with its message and the file and line that threw", async () => {
        const err = await rejection(capture("throwing"));
        expect(err).to.be.instanceOf(ProgramError);
        expect(err.message).to.equal("bucket team-data is not allowed here");
        expect((err as ProgramError).location).to.equal("index.ts:6:11");
    });

    describe("programs as teams write them", () => {
        const KUBECONFIG = "apiVersion: v1\nkind: Config\n";

        it("a resource method call is answered from the fixtures by its token, and the program built on it runs — compiled by this tool's TypeScript, not the old one in the program's node_modules", async () => {
            const captured = await capture("method-call", "preview", {
                projectDir: withOldTypeScript("method-call"),
                invokeFixtures: { "team:index:Cluster/getKubeconfig": { kubeconfig: KUBECONFIG } },
            });
            const parameter = one(captured.resources, "aws:ssm/parameter:Parameter", "kubeconfig");
            expect(inputsOf(parameter).value).to.deep.include({ value: KUBECONFIG });
            expect(captured.outputs.config).to.equal(KUBECONFIG);
        });

        it("an unanswered method call stops the run naming its token, the program's line and the resource it was called on", async () => {
            const err = await rejection(capture("method-call"));
            expect(err).to.be.instanceOf(UnansweredInvokeError);
            expect((err as UnansweredInvokeError).invokes).to.deep.equal([
                { token: "team:index:Cluster/getKubeconfig", sites: ["index.ts:11:31"], resources: ["urn:pulumi:test::method-team::team:index:Cluster::cluster"] },
            ]);
            expect(err.message).to.include("team:index:Cluster/getKubeconfig (called at index.ts:11:31 on team:index:Cluster cluster)");
        });

        it("an invoke the provider refuses fails with its reason at the line that called it; the config read but not set is named", async () => {
            const err = await rejection(capture("invoke-error"));
            expect(err).to.be.instanceOf(ProgramError);
            expect(err.message).to.include(
                "invocation of aws:iam/getPolicyDocument:getPolicyDocument returned an error: aws.iam.getPolicyDocument: statements[0].principals[0].identifiers must be a list of strings, got [null]",
            );
            expect((err as ProgramError).location).to.equal("index.ts:8:23");
            expect((err as ProgramError).configMisses).to.include("invoke-error-team:deployerArn");
        });

        it("an ES module program runs (imports, top-level await, import.meta) and is judged: its open role is refused", async () => {
            const captured = await capture("esm-program");
            expect(captured.outputs.entry).to.equal("index.mts");
            const open = one(captured.resources, "aws:iam/role:Role", "open");
            // Computed outputs from the provider's declarations: unknown in a preview, not only id and arn.
            expect(open.properties).to.include({ arn: UNKNOWN, uniqueId: UNKNOWN });
            const blocked = (await judge(captured)).filter((d) => d.enforcementLevel === "mandatory");
            expect(blocked.map((d) => [d.policyName, d.urn])).to.deep.equal([["iam-role-trust-requires-mfa", open.urn]]);
        });
    
        it("another stack's outputs come from the fixtures, unanswered they stop the run; an existing role read by its id", async () => {
            const vpcArn = "arn:aws:ec2:us-west-2:123456789012:vpc/vpc-1";
            const captured = await capture("stack-reference", "preview", { invokeFixtures: { "stackReference:acme/network/prod": { vpcArn } } });
            const policy = one(captured.resources, "aws:iam/rolePolicy:RolePolicy", "vpc-read");
            expect(inputsOf(policy).role).to.equal("platform-admin");
            expect(JSON.parse(inputsOf(policy).policy as string).Statement[0].Resource).to.equal(vpcArn);
            expect(captured.outputs.adminArn).to.equal("arn:aws:iam::123456789012:role/platform-admin");
            expect(captured.reads).to.deep.equal(["aws:iam/role:Role admin (id platform-admin)"]);
            const err = await rejection(capture("stack-reference"));
            expect((err as UnansweredInvokeError).invokes.map((i) => i.token)).to.deep.equal(["stackReference:acme/network/prod"]);
        });
    });
});
