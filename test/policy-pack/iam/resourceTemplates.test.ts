import { expect } from "chai";
import { actionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { resourceTemplates, ResourceTemplates } from "../../../policy-pack/iam/resourceTemplates";

const ACCOUNT = "123456789012";
const values = { partition: "aws", account: ACCOUNT, name: "alice" };

describe("resourceTemplates: the ARNs a request for an action names", () => {
    describe("bound to a small compiled table", () => {
        // Per service: the templates, then per action (catalog order) the indices of its templates; "" takes only `*`.
        const templates = () =>
            new ResourceTemplates({
                version: "test",
                services: [
                    ["iam", ["arn:${Partition}:iam::${Account}:user/${UserNameWithPath}", "arn:${Partition}:iam::${Account}:mfa/${MfaTokenIdWithPath}"], "0;;1,0"],
                    ["s3", ["arn:${Partition}:s3:::${BucketName}"], "0"],
                ],
            }).bind(["iam:CreateAccessKey", "iam:ListUsers", "iam:EnableMFADevice", "s3:ListBucket", "sts:GetCallerIdentity"]);

        it("binds each action to its service's templates by catalog position, names compared case-insensitively", () => {
            const t = templates();
            expect(t.version).to.equal("test");
            expect(t.templatesOf("IAM:createaccesskey")).to.deep.equal(["arn:${Partition}:iam::${Account}:user/${UserNameWithPath}"]);
            expect(t.templatesOf("iam:EnableMFADevice")).to.have.length(2);
            expect(t.templatesOf("iam:ListUsers")).to.deep.equal([]);
            // a service the table does not hold, and an action it never saw, take only `*`
            expect(t.templatesOf("sts:GetCallerIdentity")).to.deep.equal([]);
            expect(t.resourcesFor("iam:NoSuchAction", values)).to.deep.equal(["*"]);
        });

        it("fills the partition, account and the user's own name; other placeholders get a plain word", () => {
            const t = templates();
            expect(t.resourcesFor("iam:CreateAccessKey", values)).to.deep.equal([`arn:aws:iam::${ACCOUNT}:user/alice`]);
            expect(t.resourcesFor("iam:EnableMFADevice", { ...values, partition: "aws-cn" })).to.deep.equal([`arn:aws-cn:iam::${ACCOUNT}:mfa/example`, `arn:aws-cn:iam::${ACCOUNT}:user/alice`]);
            expect(t.resourcesFor("iam:CreateAccessKey", { partition: "aws", account: ACCOUNT })).to.deep.equal([`arn:aws:iam::${ACCOUNT}:user/example`]);
            expect(t.resourcesFor("iam:ListUsers", values)).to.deep.equal(["*"]);
        });

        it("accepts an ARN of a type the action takes: any partition, twelve-digit accounts only, literal text escaped", () => {
            const t = templates();
            expect(t.accepts("iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/eng/alice`)).to.equal(true);
            expect(t.accepts("iam:CreateAccessKey", `arn:aws-us-gov:iam::${ACCOUNT}:user/alice`)).to.equal(true);
            expect(t.accepts("iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:role/alice`)).to.equal(false);
            expect(t.accepts("iam:CreateAccessKey", "arn:aws:iam::12345:user/alice")).to.equal(false);
            expect(t.accepts("iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/`)).to.equal(false);
            expect(t.accepts("iam:CreateAccessKey", "*")).to.equal(false);
            // `.` in a template is a dot, not any character
            expect(t.accepts("s3:ListBucket", "arn:aws:s3:::bucket")).to.equal(true);
            expect(t.accepts("s3:ListBucket", "arnXaws:s3:::bucket")).to.equal(false);
            // an action that takes no resource accepts only `*`
            expect(t.accepts("iam:ListUsers", "*")).to.equal(true);
            expect(t.accepts("iam:ListUsers", `arn:aws:iam::${ACCOUNT}:user/alice`)).to.equal(false);
        });
    });

    describe("the built table, bound to the built catalog", () => {
        const built = () => resourceTemplates(actionCatalog().actions);

        it("is read once per process", () => {
            expect(built()).to.equal(built());
        });

        it("names the user for the classic ways in and `*` for actions without a resource type", () => {
            const t = built();
            expect(t.resourcesFor("iam:CreateAccessKey", values)).to.deep.equal([`arn:aws:iam::${ACCOUNT}:user/alice`]);
            expect(t.resourcesFor("iam:PutUserPolicy", values)).to.deep.equal([`arn:aws:iam::${ACCOUNT}:user/alice`]);
            expect(t.resourcesFor("ec2:DescribeInstances", values)).to.deep.equal(["*"]);
            expect(t.resourcesFor("sts:GetCallerIdentity", values)).to.deep.equal(["*"]);
            expect(t.resourcesFor("s3:GetObject", values)[0]).to.match(/^arn:aws:s3:::example\/example$/);
            expect(t.accepts("iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/admin`)).to.equal(true);
            expect(t.accepts("iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:user/admin`)).to.equal(false);
        });

        it("fills a regional template's region, us-east-1 unless given", () => {
            const t = built();
            const [arn] = t.resourcesFor("lambda:InvokeFunction", values);
            expect(arn).to.match(new RegExp(`^arn:aws:lambda:us-east-1:${ACCOUNT}:function:example`));
            expect(t.resourcesFor("lambda:InvokeFunction", { ...values, region: "eu-central-1" })[0]).to.contain(":eu-central-1:");
            expect(t.accepts("lambda:InvokeFunction", arn)).to.equal(true);
        });
    });
});
