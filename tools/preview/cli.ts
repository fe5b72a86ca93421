/**
 * `npm start` / `force-mfa-preview`: does this stack pass the org's MFA policies? Runs a Pulumi program under mocks
 * with a stack's config and judges it with a CrossGuard pack through the analyzer protocol the Pulumi CLI uses — no
 * AWS account, no CLI. Exit code 0: the stack passes; 1: it would be blocked; 2: bad usage or bad input. The command
 * itself is previewCommand.ts; this launcher gives it the process's arguments and streams.
 */
import { runPreviewCommand } from "./previewCommand";

runPreviewCommand(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.env.INIT_CWD ?? process.cwd() }).then((code) => {
    // Let stdout drain before exiting (a pipe may be slower than we are).
    process.stdout.write("", () => process.exit(code));
});
