/**
 * The offline preview's command run in the test's own process (previewCommand.ts, what `npm start` launches): its
 * exit code and what it wrote. The program it previews still runs in a child process, as under the CLI; only the
 * launcher's own process is spared.
 */
import * as path from "path";
import { runPreviewCommand } from "../../../tools/preview/previewCommand";

const ROOT = path.resolve(__dirname, "../../..");

export async function previewInProcess(args: readonly string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await runPreviewCommand([...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd });
    return { code, stdout, stderr };
}
