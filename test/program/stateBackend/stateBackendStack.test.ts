/**
 * The state backend in the program (checkStateBackend, deployStateBackend): the bucket named from config or from
 * account and region, the lock table output only with the DynamoDB lock, the backend block and its next step.
 */
import { expect } from "chai";
import { checkStateBackend, defaultStateBucketName, deployStateBackend } from "../../../program/stateBackend/stateBackendStack";
import { ACCOUNT, installMocks, promiseOf, REGION, settleRegistry } from "../pulumiMocks";
import { accountWith, validConfig } from "../stackFixtures";

const QUIET = { detection: { enabled: false } };
const ACCOUNT_FACTS = accountWith([]);

async function deploy(raw: Record<string, unknown>) {
    const mocks = installMocks();
    const deployment = deployStateBackend(validConfig({ ...QUIET, ...raw }), ACCOUNT_FACTS);
    await settleRegistry(mocks);
    return { mocks, ...deployment };
}

describe("the state backend in the program", () => {
    it("nothing to check against the account", () => {
        expect(checkStateBackend(validConfig(QUIET), ACCOUNT_FACTS)).to.deep.equal({ problems: [], warnings: [] });
    });

    it("without a configured name: the bucket derived from account and region, and the DynamoDB lock table as an output", async () => {
        const { mocks, outputs, nextSteps, components } = await deploy({});
        expect(defaultStateBucketName(ACCOUNT, REGION)).to.equal(`force-mfa-tfstate-${ACCOUNT}-${REGION}`);
        expect(mocks.one("aws:s3/bucket:Bucket").inputs.bucket).to.equal(defaultStateBucketName(ACCOUNT, REGION));
        expect(await promiseOf(outputs.stateBucket)).to.equal(defaultStateBucketName(ACCOUNT, REGION));
        expect(await promiseOf(outputs.lockTable!)).to.equal("terraform-lock");
        expect(outputs.terraformBackend).to.include(`bucket         = "${defaultStateBucketName(ACCOUNT, REGION)}"`).and.include('dynamodb_table = "terraform-lock"');
        expect(nextSteps).to.deep.equal(["Paste terraformBackend into your Terraform configuration and run terraform init -migrate-state."]);
        expect(components.state).to.not.equal(undefined);
    });

    it('with lockMode "s3": no lock table, and no lockTable output (not one exported as undefined)', async () => {
        const { mocks, outputs } = await deploy({ stateBucketName: "acme-tfstate", lockMode: "s3" });
        expect(mocks.ofType("aws:dynamodb/table:Table")).to.deep.equal([]);
        expect(Object.keys(outputs)).to.deep.equal(["stateBucket", "terraformBackend"]);
        expect(outputs.terraformBackend).to.include('bucket       = "acme-tfstate"').and.include("use_lockfile = true");
    });

    it("the delete guard's statements join the bucket policy only while stateDeleteGuard is on", async () => {
        const sids = async (stateDeleteGuard: boolean) => {
            const { mocks } = await deploy({ stateDeleteGuard });
            return JSON.parse(mocks.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy).Statement.map((s: { Sid: string }) => s.Sid);
        };
        expect(await sids(true)).to.include("DenyStateObjectDeleteWithoutMfa");
        expect(await sids(false)).to.not.include("DenyStateObjectDeleteWithoutMfa");
    });
});
