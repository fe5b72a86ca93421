/**
 * force-mfa-guard: blocks every IAM user, group and role that can act without MFA. Run by
 * `pulumi preview --policy-pack ./policy-pack`; the policies themselves live in ./policies.
 */
import { PolicyPack } from "@pulumi/policy";
import { forceMfaGuardPolicies } from "./policies";

new PolicyPack("force-mfa-guard", {
    enforcementLevel: "mandatory",
    policies: forceMfaGuardPolicies,
});
