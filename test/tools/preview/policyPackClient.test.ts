/**
 * The analyzer client: what it learns from the pack, the calls it sends in the engine's sequences (as a pack that
 * records them sees them), and that a pack never outlives the process that started it.
 */
import { spawn } from "child_process";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CapturedResource, UNKNOWN } from "../../../tools/preview/capturedResource";
import { PolicyPackSession, startPolicyPack, stateOrder, unorderedStack } from "../../../tools/preview/policyPackClient";

const ROOT = path.resolve(__dirname, "../../..");

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (condition()) {
            return true;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return condition();
}

describe("policy pack client", function () {
    this.timeout(120_000);
    let session: PolicyPackSession | undefined;

    after(async () => {
        await session?.close();
    });

    it("reads the pack's policies, levels and config-schema defaults from GetAnalyzerInfo", async () => {
        session = await startPolicyPack(path.join(ROOT, "policy-pack"));
        expect(session.info.name).to.equal("force-mfa-guard");
        expect(session.info.policies.map((p) => [p.name, p.enforcementLevel])).to.deep.equal([
            ["iam-user-requires-mfa", "mandatory"],
            ["iam-group-requires-mfa", "mandatory"],
            ["iam-role-trust-requires-mfa", "mandatory"],
            ["mfa-enrollment-not-locked-out", "mandatory"],
            ["mfa-exemptions-visible", "advisory"],
            ["sensitive-actions-need-fresh-mfa", "advisory"],
        ]);
        expect(session.info.policies[0].configDefaults).to.include({ enforcedGroupName: "mfa-enforced" });
        await session.close();
        expect(await until(() => !alive(session!.pid), 10_000)).to.equal(true);
    });

    it("rejects config naming a policy the pack does not have, or a bad enforcement level", async () => {
        session = await startPolicyPack(path.join(ROOT, "policy-pack"));
        await session.configure({ "iam-role-trust-requires-mfa": "advisory" });
        const rejection = (promise: Promise<unknown>) => promise.then(() => "resolved", (err: Error) => err.message);
        expect(await rejection(session.configure({ "no-such-policy": "advisory" }))).to.equal(
            "policy config names policies that force-mfa-guard does not have: no-such-policy",
        );
        expect(await rejection(session.configure({ "iam-user-requires-mfa": "strict" as never }))).to.match(
            /enforcement level must be advisory, mandatory, remediate or disabled, got "strict"/,
        );
        expect(await rejection(session.configure({ all: "loud" as never }))).to.match(/^all: must be an enforcement level/);
    });

    it('"all" sets every policy\'s level, a policy\'s own level wins', async () => {
        session ??= await startPolicyPack(path.join(ROOT, "policy-pack"));
        const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }] };
        const role: CapturedResource = {
            type: "aws:iam/role:Role",
            urn: "urn:pulumi:dev::p::aws:iam/role:Role::ops",
            name: "ops",
            custom: true,
            properties: { name: "ops", assumeRolePolicy: JSON.stringify(trust) },
            dependencies: [],
            propertyDependencies: {},
            options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
        };
        const levels = async () => (await session!.run("preview", [role])).diagnostics.map((d) => `${d.policyName}:${d.enforcementLevel}`);
        await session.configure();
        expect(await levels()).to.deep.equal(["iam-role-trust-requires-mfa:mandatory"]);
        await session.configure({ all: "advisory" });
        expect(await levels()).to.deep.equal(["iam-role-trust-requires-mfa:advisory"]);
        await session.configure({ all: "advisory", "iam-role-trust-requires-mfa": "mandatory" });
        expect(await levels()).to.deep.equal(["iam-role-trust-requires-mfa:mandatory"]);
        await session.configure({ all: "disabled" });
        expect(await levels()).to.deep.equal([]);
    });

    it("kills the pack when the process that started it is killed with SIGKILL", async () => {
        const parent = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), path.join(__dirname, "../../fixtures/preview/startPackAndWait.ts")], {
            stdio: ["ignore", "pipe", "inherit"],
        });
        const packPid = await new Promise<number>((resolve, reject) => {
            let out = "";
            parent.stdout!.on("data", (chunk) => {
                out += chunk;
                const match = /pack-pid:(\d+)/.exec(out);
                if (match) {
                    resolve(Number(match[1]));
                }
            });
            parent.once("exit", () => reject(new Error(`the starter exited early: ${out}`)));
        });
        expect(alive(packPid)).to.equal(true);
        parent.kill("SIGKILL");
        expect(await until(() => !alive(packPid), 10_000), "the pack must die with its parent").to.equal(true);
    });
});

function resource(name: string, properties: Record<string, unknown>, dependsOn: CapturedResource[] = []): CapturedResource {
    return {
        type: "test:index:Thing",
        urn: `urn:pulumi:dev::p::test:index:Thing::${name}`,
        name,
        custom: true,
        properties,
        dependencies: dependsOn.map((d) => d.urn),
        propertyDependencies: {},
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
    };
}

describe("the engine's sequences of calls, as a pack receives them", function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recording-pack-"));
    const log = path.join(dir, "calls.log");
    let session: PolicyPackSession | undefined;
    // test/tools/preview/recordingPack: remediates tier "free" to "paid", cannot remediate an unknown owner, blocks `blocked`.
    const free = resource("free", { tier: "free" });
    const unowned = resource("unowned", { owner: UNKNOWN });
    const plain = resource("plain", { size: 1 }, [free]);
    const blocked = resource("blocked", { blocked: true });
    const dependents = Array.from({ length: 6 }, (_, i) => resource(`dependent${i}`, { i }, i > 0 ? [plain] : []));
    const stack = [free, unowned, plain, blocked, ...dependents];
    const names = (urns: string[]) => urns.map((u) => u.split("::").pop()).join(",");

    async function calls(send: () => Promise<unknown>): Promise<string[]> {
        fs.writeFileSync(log, "");
        await send();
        return fs.readFileSync(log, "utf8").split("\n").filter(Boolean);
    }

    before(async () => {
        process.env.RECORDING_PACK_LOG = log;
        try {
            session = await startPolicyPack(path.join(__dirname, "recordingPack"));
        } finally {
            delete process.env.RECORDING_PACK_LOG;
        }
        await session.configure();
    });

    after(async () => {
        await session?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("preview: per resource, one after the other, Remediate then Analyze on the remediated inputs; then AnalyzeStack, unordered", async () => {
        let run: Awaited<ReturnType<PolicyPackSession["run"]>> | undefined;
        const seen = await calls(async () => (run = await session!.run("preview", stack)));
        const perResource = stack.flatMap((r) => {
            const inputs = JSON.stringify(r.properties, Object.keys(r.properties).sort());
            return [`remediate ${r.name} ${inputs}`, `analyze ${r.name} ${r === free ? JSON.stringify({ tier: "paid" }) : inputs}`];
        });
        expect(seen.slice(0, -1)).to.deep.equal(perResource);
        expect(run!.stackOrder).to.deep.equal(unorderedStack(stack).map((r) => r.urn));
        expect(names(run!.stackOrder)).to.not.equal(names(stack.map((r) => r.urn)));
        // AnalyzeStack gets the remediated resource as the step left it.
        expect(seen[seen.length - 1]).to.equal(`stack ${names(run!.stackOrder).replace(/^(.*)\bfree\b/, "$1free(paid)")}`);
        expect(run!.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn.split("::").pop()])).to.deep.equal([
            ["paid-tier", "remediate", "free"],
            ["paid-tier", "advisory", "unowned"],
            ["not-blocked", "mandatory", "blocked"],
        ]);
        expect(run!.diagnostics[0].message).to.equal("Every resource is on the paid tier.\nremediated: tier");
        expect(run!.diagnostics[1].message).to.match(/^can't run remediation 'paid-tier' from policy pack 'recording@v0\.0\.0' during preview/);
        expect(run!.remediations.map((r) => [r.policyName, r.urn.split("::").pop(), r.properties ?? r.diagnostic !== undefined])).to.deep.equal([
            ["paid-tier", "free", { tier: "paid" }],
            ["paid-tier", "unowned", true],
        ]);
    });

    it("update: stops at the first resource Analyze blocks, with no AnalyzeStack", async () => {
        let run: Awaited<ReturnType<PolicyPackSession["run"]>> | undefined;
        const seen = await calls(async () => (run = await session!.run("update", stack)));
        expect(seen.map((line) => line.split(" ").slice(0, 2).join(" "))).to.deep.equal(
            ["free", "unowned", "plain", "blocked"].flatMap((name) => [`remediate ${name}`, `analyze ${name}`]),
        );
        expect(run!.stoppedAt).to.equal(blocked.urn);
        expect(run!.stackDiagnostics).to.deep.equal([]);
    });

    it("policy analyze: remediations reported, not applied; AnalyzeStack in the state's order, dependencies first", async () => {
        let run: Awaited<ReturnType<PolicyPackSession["run"]>> | undefined;
        const seen = await calls(async () => (run = await session!.run("policy analyze", stack)));
        expect(seen).to.include(`analyze free ${JSON.stringify({ tier: "free" })}`);
        expect(run!.diagnostics.map((d) => [d.policyName, d.enforcementLevel])).to.deep.include(["paid-tier", "remediate"]);
        const order = run!.stackOrder;
        expect(order).to.deep.equal(stateOrder(stack).map((r) => r.urn));
        expect(order.indexOf(free.urn)).to.be.below(order.indexOf(plain.urn));
        dependents.slice(1).forEach((r) => expect(order.indexOf(plain.urn)).to.be.below(order.indexOf(r.urn)));
        expect(seen[seen.length - 1]).to.equal(`stack ${names(order).replace(/^(.*)\bfree\b/, "$1free(free)")}`);
    });

    it("shuffles AnalyzeStack by seed: the same seed, the same order", async () => {
        const orders: string[][] = [];
        for (const order of [1, 1, 2]) {
            orders.push((await session!.run("preview", stack, { order })).stackOrder);
        }
        expect(orders[0]).to.deep.equal(orders[1]);
        expect(orders[0]).to.not.deep.equal(orders[2]);
        expect((await session!.run("preview", stack, { order: "given" })).stackOrder).to.deep.equal(stack.map((r) => r.urn));
    });
});
