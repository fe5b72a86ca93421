/**
 * force-mfa-guard: blocks every IAM user, group and role that can act without MFA. Run by
 * `pulumi preview --policy-pack ./policy-pack`; the policies themselves live in ./policies.
 */
import * as path from "path";
import { PolicyPack } from "@pulumi/policy";
import { staleBuild } from "./buildFreshness";
import { forceMfaGuardPolicies } from "./policies";
import { packMetadata } from "./verdicts/policyMetadata";

// Run as bin/index.js: the pack's folder is one up. Stopped before serving, so the CLI shows the reason.
const stale = path.basename(__dirname) === "bin" ? staleBuild(path.dirname(__dirname)) : undefined;
if (stale) {
    console.error(stale);
    process.exit(1);
}

new PolicyPack("force-mfa-guard", {
    ...packMetadata(),
    enforcementLevel: "mandatory",
    policies: forceMfaGuardPolicies,
});
