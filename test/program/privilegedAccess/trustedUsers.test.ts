/** Whom the admin role trusts: config names (or the enforced group) resolved against the users the program knows. */
import { expect } from "chai";
import { knownUsers, KnownUser, resolveTrustedUserArns } from "../../../program/privilegedAccess/trustedUsers";
import { ACCOUNT } from "../pulumiMocks";

const USERS: KnownUser[] = [
    { name: "alice", path: "/" },
    { name: "bob", path: "/eng/" },
    { name: "legacy", arn: `arn:aws:iam::${ACCOUNT}:user/old/legacy` },
];

describe("resolveTrustedUserArns", () => {
    it("builds an ARN from path and name, or takes the account's own", () => {
        expect(resolveTrustedUserArns(ACCOUNT, ["bob", "legacy", "alice"], USERS, [])).to.deep.equal([
            `arn:aws:iam::${ACCOUNT}:user/eng/bob`,
            `arn:aws:iam::${ACCOUNT}:user/old/legacy`,
            `arn:aws:iam::${ACCOUNT}:user/alice`,
        ]);
    });

    it('"enforcedGroup" trusts the enrolled users', () => {
        expect(resolveTrustedUserArns(ACCOUNT, "enforcedGroup", USERS, ["alice", "bob"])).to.deep.equal([`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:user/eng/bob`]);
    });

    it("a named user unknown to the program is an error naming the key", () => {
        expect(() => resolveTrustedUserArns(ACCOUNT, ["mallory"], USERS, [])).to.throw(/^adminRole\.trustedUsers: "mallory" is neither declared in config nor an existing IAM user/);
    });

    it("names match whatever their case (IAM user names ignore case); the ARN keeps the account's spelling", () => {
        expect(resolveTrustedUserArns(ACCOUNT, ["BOB"], USERS, [])).to.deep.equal([`arn:aws:iam::${ACCOUNT}:user/eng/bob`]);
    });

    it("an empty enforced group is an error naming the key", () => {
        expect(() => resolveTrustedUserArns(ACCOUNT, "enforcedGroup", USERS, [])).to.throw(/^adminRole\.trustedUsers: "enforcedGroup" has no members/);
    });
});

describe("knownUsers", () => {
    it("the account's users with their ARNs, then the declared ones with their paths", () => {
        const existing = [{ name: "carol", path: "/ops/", arn: `arn:aws:iam::${ACCOUNT}:user/ops/carol` }];
        const declared = [{ name: "dave", path: "/eng/", tags: {} }];
        expect(knownUsers(existing, declared)).to.deep.equal([
            { name: "carol", path: "/ops/", arn: `arn:aws:iam::${ACCOUNT}:user/ops/carol` },
            { name: "dave", path: "/eng/" },
        ]);
    });
});
