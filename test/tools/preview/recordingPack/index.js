/**
 * A test fixture pack that writes every call it gets to RECORDING_PACK_LOG, one line each, in the order it runs
 * them: "remediate <name> <inputs>", "analyze <name> <inputs>", "stack <names in order>". It rewrites `tier: "free"` to
 * "paid" (a remediation), cannot remediate a resource whose `owner` is unknown (a remediation diagnostic), and
 * blocks `blocked: true` (a mandatory violation from Analyze).
 */
"use strict";
const fs = require("fs");
const { PolicyPack } = require("@pulumi/policy");

const record = (line) => fs.appendFileSync(process.env.RECORDING_PACK_LOG, `${line}\n`);
const plain = (props) => JSON.stringify(props, Object.keys(props).sort());

new PolicyPack("recording", {
    policies: [
        {
            name: "paid-tier",
            description: "Every resource is on the paid tier.",
            enforcementLevel: "remediate",
            remediateResource: (args) => {
                record(`remediate ${args.name} ${plain(args.props.__getSpecialProxyTarget)}`);
                if (args.props.tier === "free") {
                    return { ...args.props.__getSpecialProxyTarget, tier: "paid" };
                }
                if ("owner" in args.props.__getSpecialProxyTarget) {
                    args.props.owner; // throws while unknown: the SDK answers a diagnostic
                }
                return undefined;
            },
        },
        {
            name: "not-blocked",
            description: "No resource is blocked.",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                record(`analyze ${args.name} ${plain(args.props.__getSpecialProxyTarget)}`);
                if (args.props.blocked === true) {
                    reportViolation("blocked");
                }
            },
        },
        {
            name: "stack-seen",
            description: "Records the stack.",
            enforcementLevel: "advisory",
            validateStack: (args) => {
                // A resource with a tier shows it: name(tier).
                record(`stack ${args.resources.map((r) => (r.props.tier ? `${r.name}(${r.props.tier})` : r.name)).join(",")}`);
            },
        },
    ],
});
