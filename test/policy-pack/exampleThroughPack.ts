/**
 * The example stack (Pulumi.example.yaml, fixtures/existing-users.json) captured as the CLI would send it, and
 * force-mfa-guard started as the CLI starts it and configured with config.example.json: what the integration tests
 * drive over the analyzer protocol. The caller closes the pack (a shared one: by closing what it was shared from).
 */
import * as fs from "fs";
import * as path from "path";
import { CapturedResource } from "../../tools/preview/captureProgram";
import { cachedCapture } from "../tools/preview/cachedCapture";
import { SharedPack } from "../tools/preview/previewInProcess";
import { readExistingUsers, readStackConfig } from "../../tools/preview/offlinePreview";
import { PolicyPackSession, startPolicyPack } from "../../tools/preview/policyPackClient";

const ROOT = path.resolve(__dirname, "../..");

export interface ExampleThroughPack {
    readonly resources: CapturedResource[];
    readonly pack: PolicyPackSession;
}

/**
 * `overrides`: config keys (`force-mfa:compliance`) set on top of the example's, structured values as objects.
 * `shared`: the pack the file's suites share (each configures it here), else one started for the caller.
 */
export async function exampleThroughPack(mode: "preview" | "known", overrides: Record<string, unknown> = {}, shared?: SharedPack): Promise<ExampleThroughPack> {
    const { config } = readStackConfig(ROOT, "force-mfa", "example");
    const stackConfig = { ...config, ...Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])) };
    const [captured, pack] = await Promise.all([
        cachedCapture({
            programDir: path.join(ROOT, "program"),
            projectDir: ROOT,
            stackConfig,
            projectName: "force-mfa",
            stackName: "example",
            existingUsers: readExistingUsers(path.join(ROOT, "fixtures/existing-users.json")),
            mode,
        }),
        shared ? shared.start(path.join(ROOT, "policy-pack")) : startPolicyPack(path.join(ROOT, "policy-pack")),
    ]);
    await pack.configure(JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack/config.example.json"), "utf8")));
    return { resources: captured.resources, pack };
}
