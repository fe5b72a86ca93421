/** The analyzer client: what it learns from the pack, and that a pack never outlives the process that started it. */
import { spawn } from "child_process";
import { expect } from "chai";
import * as path from "path";
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
