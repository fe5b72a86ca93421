import { expect } from "chai";
import { actionCatalog, ActionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { catalogTables } from "../../../policy-pack/iam/catalogTables";

describe("actionCatalog: every IAM action, from the pinned dataset the build compiles", () => {
    it("holds the actions of every service, names which dataset, finds actions without case", () => {
        const catalog = actionCatalog();
        expect(catalog.size).to.be.greaterThan(15_000);
        expect(catalog.version).to.match(/^\d+\.\d+\.\d+/);
        expect(catalog.indexOf("iam:EnableMFADevice")).to.equal(catalog.indexOf("IAM:enablemfadevice"));
        expect(catalog.indexOf("iam:NoSuchAction")).to.equal(undefined);
    });

    it("marks the actions a pattern matches, IAM wildcards included", () => {
        const catalog = new ActionCatalog(["iam:CreateUser", "iam:DeleteUser", "s3:GetObject"], "test");
        const marks = new Uint8Array(catalog.size);
        catalog.markMatches("iam:*User", marks);
        expect([...marks]).to.deep.equal([1, 1, 0]);
        const tables = catalogTables(catalog, ["s3:Get*"]);
        expect([...tables.allowListed]).to.deep.equal([0, 0, 1]);
        // Well-known actions first (s3:GetObject, then iam:CreateUser), then catalog order.
        expect(tables.exampleOrder).to.deep.equal([2, 0, 1]);
    });

    it("a subset: the actions some patterns match, with their resource kind, built once per list", () => {
        const catalog = new ActionCatalog(["iam:CreateUser", "kms:DisableKey", "kms:ListKeys", "s3:GetObject"], "test", Uint8Array.from([0, 0, 1, 0]));
        const keys = catalog.subset(["KMS:*", "iam:Create*"]);
        expect(keys.actions).to.deep.equal(["iam:CreateUser", "kms:DisableKey", "kms:ListKeys"]);
        expect([...keys.wildcardOnly]).to.deep.equal([0, 0, 1]);
        expect(catalog.subset(["KMS:*", "iam:Create*"])).to.equal(keys);
        expect(catalog.subset(["ec2:*"]).size).to.equal(0);
    });
});
