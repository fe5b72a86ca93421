/** IAM's naming rules, as the stack config and the offline preview's inputs apply them. */
import { expect } from "chai";
import { IAM_GROUP_NAME, IAM_PATH, IAM_POLICY_NAME, IAM_USER_OR_ROLE_NAME } from "../../../program/aws/iamNames";

describe("IAM names", () => {
    it("user and role names: 1-64 of letters, digits and +=,.@_-", () => {
        for (const name of ["alice", "a", "ci+deploy=1,x.y@z_w-v", "a".repeat(64)]) {
            expect(IAM_USER_OR_ROLE_NAME.test(name), name).to.equal(true);
        }
        for (const name of ["", "a".repeat(65), "has space", "slash/name", "colon:name"]) {
            expect(IAM_USER_OR_ROLE_NAME.test(name), name).to.equal(false);
        }
    });

    it("group and policy names: the same characters, up to 128", () => {
        for (const pattern of [IAM_GROUP_NAME, IAM_POLICY_NAME]) {
            expect(pattern.test("a".repeat(128))).to.equal(true);
            expect(pattern.test("a".repeat(129))).to.equal(false);
            expect(pattern.test("mfa enforced")).to.equal(false);
        }
    });

    it('paths: "/" or "/a/b/" of printable ASCII, starting and ending with "/"', () => {
        for (const path of ["/", "/eng/", "/a/b/c/", `/${"x".repeat(510)}/`]) {
            expect(IAM_PATH.test(path), path).to.equal(true);
        }
        for (const path of ["", "eng", "/eng", "eng/", "//", "/with space/", `/${"x".repeat(511)}/`]) {
            expect(IAM_PATH.test(path), path).to.equal(false);
        }
    });
});
