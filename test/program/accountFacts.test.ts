/** What the program reads from the account before anything is registered, and the partition it refuses. */
import { expect } from "chai";
import { lookUpAccount, pathOfUserArn, requireAwsPartition, UnsupportedPartitionError } from "../../program/accountFacts";
import { ACCOUNT, installMocks, REGION } from "./pulumiMocks";

describe("account facts", () => {
    it("reads the paths of existing users from their ARNs", () => {
        expect(pathOfUserArn("arn:aws:iam::123456789012:user/eng/dave")).to.equal("/eng/");
        expect(pathOfUserArn("arn:aws:iam::123456789012:user/a/b/erin")).to.equal("/a/b/");
        expect(pathOfUserArn("arn:aws:iam::123456789012:user/carol")).to.equal("/");
    });

    it("lookUpAccount: account id, partition and region from the caller, each user with its path and ARN; no organization unless asked", async () => {
        installMocks({ existingUsers: [{ name: "carol" }, { name: "dave", path: "/eng/" }] });
        const account = await lookUpAccount();
        expect(account).to.deep.equal({
            accountId: ACCOUNT,
            partition: "aws",
            region: REGION,
            existingUsers: [
                { name: "carol", path: "/", arn: `arn:aws:iam::${ACCOUNT}:user/carol` },
                { name: "dave", path: "/eng/", arn: `arn:aws:iam::${ACCOUNT}:user/eng/dave` },
            ],
        });
    });

    it("lookUpAccount({ organization: true }) also reads the organization", async () => {
        installMocks({ invokes: { "aws:organizations/getOrganization:getOrganization": { id: "o-abc123", featureSet: "ALL", masterAccountId: ACCOUNT, roots: [{ id: "r-a1b2" }] } } });
        const account = await lookUpAccount({ organization: true });
        expect(account.organization).to.deep.include({ id: "o-abc123", rootId: "r-a1b2", managementAccountId: ACCOUNT });
    });

    it("requireAwsPartition lets the commercial partition (or an unknown one) through and refuses the others", () => {
        const account = { accountId: ACCOUNT, region: REGION, existingUsers: [] };
        expect(() => requireAwsPartition({ ...account, partition: "aws" })).to.not.throw();
        expect(() => requireAwsPartition(account)).to.not.throw();
        for (const partition of ["aws-cn", "aws-us-gov"]) {
            expect(() => requireAwsPartition({ ...account, partition })).to.throw(UnsupportedPartitionError, `"${partition}" partition`);
        }
    });
});
