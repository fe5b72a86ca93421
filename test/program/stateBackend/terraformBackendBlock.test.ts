/** The `backend "s3"` block printed for Terraform: aligned settings, the lock of the chosen mode, HCL-safe strings. */
import { expect } from "chai";
import { terraformBackendBlock } from "../../../program/stateBackend/terraformBackendBlock";

describe("terraformBackendBlock", () => {
    it("with the DynamoDB lock: the table, settings aligned on the longest key", () => {
        expect(terraformBackendBlock({ bucket: "acme-tfstate", key: "terraform.tfstate", region: "eu-central-1", lockMode: "dynamodb", lockTableName: "terraform-lock" })).to.equal(
            'terraform {\n  backend "s3" {\n    bucket         = "acme-tfstate"\n    key            = "terraform.tfstate"\n' +
                '    region         = "eu-central-1"\n    encrypt        = true\n    dynamodb_table = "terraform-lock"\n  }\n}\n',
        );
    });

    it("with the S3 lock and a KMS key: use_lockfile and the key, no table", () => {
        const key = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const block = terraformBackendBlock({ bucket: "b", key: "k", region: "r", lockMode: "s3", kmsKeyArn: key });
        expect(block).to.include("    use_lockfile = true\n").and.include(`    kms_key_id   = "${key}"\n`).and.not.include("dynamodb_table");
    });

    it("the DynamoDB lock without a table name is a programming error", () => {
        expect(() => terraformBackendBlock({ bucket: "b", key: "k", region: "r", lockMode: "dynamodb" })).to.throw(/needs a lock table name/);
    });

    it("HCL strings are escaped: quotes, interpolations and template directives reach Terraform literally", () => {
        expect(terraformBackendBlock({ bucket: "b", key: 'env/${x}"', region: "r", lockMode: "s3" })).to.include('key          = "env/$${x}\\""');
        expect(terraformBackendBlock({ bucket: "b", key: "env/%{if x}y%{endif}", region: "r", lockMode: "s3" })).to.include('key          = "env/%%{if x}y%%{endif}"');
    });
});
