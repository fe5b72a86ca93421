/** The analyzer client: what it learns from the pack, and that a pack never outlives the process that started it. */
import { spawn } from "child_process";
import { expect } from "chai";
import * as path from "path";
import { CapturedResource } from "../../tools/preview/capturedResource";
import { durationSeconds, PolicyPackSession, startPolicyPack } from "../../tools/preview/policyPackClient";

const ROOT = path.resolve(__dirname, "../..");

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

describe("custom timeouts, sent to the analyzer in seconds as the engine does", () => {
    it("reads Go durations and refuses anything else", () => {
        expect(durationSeconds(undefined)).to.equal(0);
        expect(durationSeconds("30s")).to.equal(30);
        expect(durationSeconds("5m")).to.equal(300);
        expect(durationSeconds("1h30m")).to.equal(5400);
        expect(durationSeconds("1.5h")).to.equal(5400);
        expect(durationSeconds("250ms")).to.equal(0.25);
        expect(() => durationSeconds("5 minutes")).to.throw('"5 minutes" is not a duration');
        expect(() => durationSeconds("5")).to.throw(/not a duration/);
    });
});

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
        // The role-trust policy judges the stack (AnalyzeStack), as `pulumi policy analyze` calls only that.
        const levels = async () => (await session!.analyzeStack([role])).map((d) => `${d.policyName}:${d.enforcementLevel}`);
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
        const parent = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), path.join(__dirname, "../fixtures/preview/startPackAndWait.ts")], {
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
