import { expect } from "chai";
import { ActionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { catalogTables } from "../../../policy-pack/iam/catalogTables";

const ACTIONS = ["a:One", "ec2:RunInstances", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "s3:GetObject", "sts:GetCallerIdentity", "sts:GetSessionToken", "z:Last"];

describe("catalogTables: what the catalog and an allow-list alone decide", () => {
    it("allow-listed: the list's actions (wildcards too) and the actions no policy can deny", () => {
        const catalog = new ActionCatalog(ACTIONS, "test");
        const { allowListed } = catalogTables(catalog, ["iam:*MFADevice"]);
        expect(ACTIONS.filter((_, i) => allowListed[i])).to.deep.equal(["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "sts:GetCallerIdentity", "sts:GetSessionToken"]);
    });

    it("escapes are looked for in the well-known actions first, then the catalog's order, each once", () => {
        const catalog = new ActionCatalog(ACTIONS, "test");
        const order = catalogTables(catalog, []).exampleOrder.map((i) => ACTIONS[i]);
        expect(order.slice(0, 2)).to.deep.equal(["ec2:RunInstances", "s3:GetObject"]);
        expect(order.slice(2)).to.deep.equal(["a:One", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "sts:GetCallerIdentity", "sts:GetSessionToken", "z:Last"]);
    });

    it("built once per catalog and allow-list: the same tables again, other ones for another list or catalog", () => {
        const catalog = new ActionCatalog(ACTIONS, "test");
        const first = catalogTables(catalog, ["iam:EnableMFADevice"]);
        expect(catalogTables(catalog, ["iam:EnableMFADevice"])).to.equal(first);
        expect(catalogTables(catalog, ["iam:CreateVirtualMFADevice"])).to.not.equal(first);
        expect(catalogTables(new ActionCatalog(ACTIONS, "test"), ["iam:EnableMFADevice"])).to.not.equal(first);
    });
});
