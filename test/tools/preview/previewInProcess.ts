/**
 * The offline preview's command run in the test's own process (previewCommand.ts, what `npm start` launches): its
 * exit code and what it wrote. The program it previews still runs in a child process, as under the CLI; only the
 * launcher's own process is spared. A test file's runs may share one started pack (sharedPack): each run configures
 * it as the command does, and the engine talks to one pack process for a whole preview anyway.
 */
import * as path from "path";
import { PolicyPackSession, startPolicyPack } from "../../../tools/preview/policyPackClient";
import { runPreviewCommand } from "../../../tools/preview/previewCommand";

const ROOT = path.resolve(__dirname, "../../..");

/** Pack processes started once for the runs of a test file, by pack folder; `close` (in an after hook) kills them. */
export interface SharedPack {
    start(packDir: string): Promise<PolicyPackSession>;
    close(): Promise<void>;
}

export function sharedPack(): SharedPack {
    const started = new Map<string, Promise<PolicyPackSession>>();
    return {
        start(packDir) {
            const dir = path.resolve(packDir);
            if (!started.has(dir)) {
                const session = startPolicyPack(dir);
                session.catch(() => started.delete(dir)); // a pack that failed to start is started again by the next run
                started.set(dir, session);
            }
            // The run closes the session it is given when it ends: the pack stays up for the next run.
            return started.get(dir)!.then((session) => ({ ...session, close: async () => undefined }));
        },
        async close() {
            const sessions = [...started.values()];
            started.clear();
            await Promise.all(sessions.map((s) => s.then((session) => session.close(), () => undefined)));
        },
    };
}

export async function previewInProcess(args: readonly string[], cwd = ROOT, pack?: SharedPack): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await runPreviewCommand([...args], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t) },
        cwd,
        startPolicyPack: pack && ((dir) => pack.start(dir)),
    });
    return { code, stdout, stderr };
}
