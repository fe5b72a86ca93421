/**
 * The SCP size check: AWS's 5,120-character limit counts every character sent, so the text is sent without
 * whitespace and measured before anything is created; an oversized policy names the keys that grew it.
 */
import { expect } from "chai";
import { MfaServiceControlPolicyOptions, mfaServiceControlPolicy, serviceControlPolicyText } from "../../../program/organization/mfaServiceControlPolicy";
import {
    SCP_MAX_CHARACTERS,
    serviceControlPolicySize,
    serviceControlPolicySizeProblem,
    sizeContributions,
} from "../../../program/organization/serviceControlPolicySize";

const BASE: MfaServiceControlPolicyOptions = {
    allowPasswordChangeWithoutMfa: true,
    exemptionTagKey: "force-mfa-exempt",
    exemptUserArns: [],
    deployerRoleArns: ["arn:aws:iam::*:role/force-mfa-deployer"],
    enforcedGroupName: "mfa-enforced",
    forceMfaPolicyName: "ForceMFA",
};
const users = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:user/breakglass-${i}`);

describe("organization MFA service control policy: size", () => {
    it("measures the text actually sent", () => {
        expect(serviceControlPolicySize(BASE)).to.equal(serviceControlPolicyText(mfaServiceControlPolicy(BASE)).length);
        // A non-ASCII tag key is counted in UTF-8 bytes, never less than AWS's characters (the key appears twice).
        const umlaut = { ...BASE, exemptionTagKey: "ausnahme-ä" };
        expect(serviceControlPolicySize(umlaut)).to.equal(serviceControlPolicyText(mfaServiceControlPolicy(umlaut)).length + 2);
    });

    it("leaves ample room with the usual config, and accepts a policy at exactly the limit", () => {
        expect(serviceControlPolicySize(BASE)).to.be.below(SCP_MAX_CHARACTERS / 2);
        expect(serviceControlPolicySizeProblem(BASE)).to.equal(undefined);
        let n = 0;
        while (serviceControlPolicySize({ ...BASE, exemptUserArns: users(n + 1) }) <= SCP_MAX_CHARACTERS) {
            n++;
        }
        expect(serviceControlPolicySizeProblem({ ...BASE, exemptUserArns: users(n) })).to.equal(undefined);
        expect(serviceControlPolicySizeProblem({ ...BASE, exemptUserArns: users(n + 1) })).to.be.a("string");
    });

    it("names the keys that grew an oversized policy, the largest first, with what each adds", () => {
        const options = { ...BASE, exemptUserArns: users(80), deployerRoleArns: users(10).map((arn) => arn.replace(":user/", ":role/")) };
        const contributions = sizeContributions(options);
        expect(contributions.map((c) => c.key)).to.deep.equal(["organization.exemptUserArns", "organization.deployerRoleArns", "organization.exemptionTagKey"]);
        // Deployer roles appear in both protections: removing them removes the tamper statement and two lists.
        expect(contributions[1].characters).to.be.above(2 * 10 * 40);
        const problem = serviceControlPolicySizeProblem(options)!;
        expect(problem).to.match(/^organization: the service control policy would be \d+ characters, over AWS's limit of 5120/);
        expect(problem).to.include(`organization.exemptUserArns adds ${contributions[0].characters}`);
        expect(problem).to.include(`organization.deployerRoleArns adds ${contributions[1].characters}`);
    });
});
