import { expect } from "chai";
import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../../policy-pack/guardConfig";
import { MFA_ABSENT, MFA_FALSE, UNKNOWN_ACCOUNT, WITHOUT_MFA, withoutMfaAs, withoutMfaContexts } from "../../../policy-pack/iam/requestContexts";

describe("requestContexts: the requests an MFA guarantee must hold for", () => {
    it("MFA absent (long-term keys) and MFA \"false\", each a direct request of the principal", () => {
        expect(WITHOUT_MFA).to.deep.equal([MFA_ABSENT, MFA_FALSE]);
        expect(MFA_ABSENT.keys.get("aws:multifactorauthpresent")).to.equal(null);
        expect(MFA_FALSE.keys.get("aws:multifactorauthpresent")).to.deep.equal(["false"]);
        for (const context of WITHOUT_MFA) {
            expect(context.keys.get("aws:viaawsservice")).to.deep.equal(["false"]);
            expect(context.keys.get("aws:calledvia")).to.equal(null);
            expect(context.keys.has("aws:sourceip")).to.equal(false);
        }
    });

    it("direct requests only while the allow-list holds IAM and STS actions alone", () => {
        expect(withoutMfaContexts(DEFAULT_ENROLLMENT_ALLOW_LIST)).to.equal(WITHOUT_MFA);
        const open = withoutMfaContexts([...DEFAULT_ENROLLMENT_ALLOW_LIST, "s3:ListAllMyBuckets"]);
        expect(open.map((c) => c.name)).to.deep.equal(WITHOUT_MFA.map((c) => c.name));
        expect(open.every((c) => !c.keys.has("aws:viaawsservice") && c.keys.get("aws:multifactorauthage") === null)).to.equal(true);
    });

    it("as a user: its name, path and ARN bind the principal's keys; an unknown account stays a placeholder only wildcards match", () => {
        const known = withoutMfaAs(MFA_FALSE, { name: "alice", path: "/eng/", arn: "arn:aws:iam::123456789012:user/eng/alice" });
        expect(known.keys.get("aws:username")).to.deep.equal(["alice"]);
        expect(known.keys.get("aws:principalaccount")).to.deep.equal(["123456789012"]);
        expect(known.variables?.get("aws:username")).to.equal("alice");
        const unknown = withoutMfaAs(MFA_FALSE, { name: "bob", path: "ops" });
        expect(unknown.keys.get("aws:principalarn")).to.deep.equal([`arn:aws:iam::${UNKNOWN_ACCOUNT}:user/ops/bob`]);
        expect(unknown.keys.has("aws:principalaccount")).to.equal(false);
        expect(withoutMfaAs(MFA_ABSENT, {}).keys.get("aws:principaltype")).to.deep.equal(["User"]);
    });
});
