import { expect } from "chai";
import { isPersonPath, stackRoleStandIn, trustedPrincipal } from "../../../policy-pack/iam/trustPrincipals";

describe("trustPrincipals: what an AWS principal of a trust stands for", () => {
    it("a role by its ARN, its path normalized; a session of a role by its name", () => {
        expect(trustedPrincipal("arn:aws:iam::123456789012:role/admin")).to.deep.equal({ kind: "role", account: "123456789012", path: "/", name: "admin", session: false });
        expect(trustedPrincipal("arn:aws-cn:iam::123456789012:role/ops/team/deploy")).to.deep.equal({ kind: "role", account: "123456789012", path: "/ops/team/", name: "deploy", session: false });
        expect(trustedPrincipal("arn:aws:sts::123456789012:assumed-role/deploy/ci-run-7")).to.deep.equal({ kind: "role", account: "123456789012", name: "deploy", session: true });
    });

    it("a person path: *, an account, its root, a user, a federated session, a wildcard inside an ARN, anything else", () => {
        for (const principal of [
            "*",
            "123456789012",
            "arn:aws:iam::123456789012:root",
            "arn:aws:iam::123456789012:user/alice",
            "arn:aws:sts::123456789012:federated-user/bob",
            "arn:aws:iam::123456789012:role/*",
            "arn:aws:iam::123456789012:role/dep?oy",
            "arn:aws:sts::123456789012:assumed-role/deploy",
            "arn:aws:iam::12345:role/short-account",
        ]) {
            expect(trustedPrincipal(principal), principal).to.deep.equal({ kind: "person" });
            expect(isPersonPath(principal), principal).to.equal(true);
        }
        expect(isPersonPath("arn:aws:iam::123456789012:role/admin")).to.equal(false);
    });

    it("a value unknown during preview traced to roles of the stack stands for them, and no real principal looks like it", () => {
        const standIn = stackRoleStandIn(["urn:a", "urn:b"]);
        expect(trustedPrincipal(standIn)).to.deep.equal({ kind: "stack-role", urns: ["urn:a", "urn:b"] });
        expect(isPersonPath(standIn)).to.equal(false);
        expect(trustedPrincipal(stackRoleStandIn(["urn:one"]))).to.deep.equal({ kind: "stack-role", urns: ["urn:one"] });
    });
});
