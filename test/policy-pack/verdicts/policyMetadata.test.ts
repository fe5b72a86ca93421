/**
 * What Pulumi Cloud shows of force-mfa-guard in a policy group: the pack's display name, provider, tags, repository
 * and README, and each policy's display name, tags, severity and link — as GetAnalyzerInfo sends them from the built
 * pack, the way the CLI reads them when it publishes.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { forceMfaGuardPolicies } from "../../../policy-pack/policies";
import { packMetadata, repositoryUrl } from "../../../policy-pack/verdicts/policyMetadata";
import { ensureBuiltPack } from "../../../tools/preview/builtPack";
import { AnalyzerInfo, startPolicyPack } from "../../../tools/preview/policyPackClient";

const PACK = path.resolve(__dirname, "../../../policy-pack");

describe("force-mfa-guard's metadata for Pulumi Cloud", function () {
    this.timeout(240_000);
    let info: AnalyzerInfo;

    before(async () => {
        ensureBuiltPack(PACK);
        const pack = await startPolicyPack(PACK);
        try {
            info = pack.info;
        } finally {
            await pack.close();
        }
    });

    it("the pack: display name, provider, tags, the repository as an https address, and the README it ships", () => {
        expect(info.displayName).to.equal("force-mfa guard");
        expect(info.provider).to.equal("aws");
        expect(info.tags).to.include.members(["aws", "iam", "mfa"]);
        expect(info.repository).to.equal("https://github.com/force-mfa/force-mfa");
        expect(info.readme).to.equal(fs.readFileSync(path.join(PACK, "README.md"), "utf8"));
    });

    it("each policy: a display name, tags, a severity and a link to its section of the README", () => {
        expect(info.policies).to.have.length(forceMfaGuardPolicies.length);
        for (const policy of info.policies) {
            expect(policy.displayName, policy.name).to.be.a("string").and.not.equal("");
            expect(policy.tags, policy.name).to.include.members(["aws", "iam", "mfa"]);
            expect(policy.severity, policy.name).to.not.equal("unspecified");
            expect(policy.url, policy.name).to.match(new RegExp(`README\\.md#${policy.name}$`));
        }
    });

    it("the policies that judge a resource on its own are resource policies (Analyze) that also judge the stack", () => {
        const types = Object.fromEntries(info.policies.map((p) => [p.name, p.policyType]));
        expect(types).to.deep.equal({
            "iam-user-requires-mfa": "stack",
            "iam-group-requires-mfa": "stack",
            "iam-role-trust-requires-mfa": "resource",
            "mfa-enrollment-not-locked-out": "resource",
            "mfa-exemptions-visible": "stack",
            "sensitive-actions-need-fresh-mfa": "stack",
        });
        for (const name of ["iam-role-trust-requires-mfa", "mfa-enrollment-not-locked-out"]) {
            const policy = forceMfaGuardPolicies.find((p) => p.name === name) as { validateStack?: unknown };
            expect(policy.validateStack, name).to.be.a("function");
        }
    });

    it("reads npm's repository forms, and ships no README where none is found", () => {
        expect(repositoryUrl({ type: "git", url: "git+https://github.com/o/r.git" })).to.equal("https://github.com/o/r");
        expect(repositoryUrl("https://github.com/o/r")).to.equal("https://github.com/o/r");
        expect(repositoryUrl(null)).to.equal(undefined);
        expect(packMetadata(path.join(PACK, "no-such-README.md"))).to.not.have.property("readme");
    });
});
