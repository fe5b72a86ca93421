import { expect } from "chai";
import { accountOfArn, normalizedIamPath, parsePolicyArn } from "../../../policy-pack/iam/policyArn";

describe("policyArn: managed policy ARNs as AWS resolves them", () => {
    it("reads partition, account (or aws), path and name", () => {
        expect(parsePolicyArn("arn:aws:iam::123456789012:policy/ForceMFA")).to.deep.equal({ partition: "aws", account: "123456789012", path: "/", name: "ForceMFA" });
        expect(parsePolicyArn("arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")).to.deep.equal({
            partition: "aws-us-gov",
            account: "aws",
            path: "/service-role/",
            name: "AWSLambdaBasicExecutionRole",
        });
    });

    it("anything else is no policy ARN", () => {
        for (const text of ["ForceMFA", "arn:aws:iam::123456789012:ForceMFA", "arn:aws:iam::12345:policy/ForceMFA", "arn:aws:iam::123456789012:role/ForceMFA", "arn:aws:iam::123456789012:policy/"]) {
            expect(parsePolicyArn(text), text).to.equal(undefined);
        }
    });

    it("the account of an IAM or STS ARN; paths as IAM stores them", () => {
        expect(accountOfArn("arn:aws:iam::123456789012:user/eng/alice")).to.equal("123456789012");
        expect(accountOfArn("arn:aws:sts::123456789012:assumed-role/r/s")).to.equal("123456789012");
        expect(accountOfArn("arn:aws:iam::aws:policy/ReadOnlyAccess")).to.equal(undefined);
        expect(accountOfArn(undefined)).to.equal(undefined);
        expect([undefined, "", "/", "eng", "/eng", "eng/", "/a/b/"].map(normalizedIamPath)).to.deep.equal(["/", "/", "/", "/eng/", "/eng/", "/eng/", "/a/b/"]);
    });
});
