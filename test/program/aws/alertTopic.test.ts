import { expect } from "chai";
import { topicArnOf, topicKeyOf, topicKeyStatement } from "../../../program/aws/alertTopic";
import { accountWith, validConfig } from "../stackFixtures";
import { SIM_ACCOUNT, SIM_REGION, simulate } from "./roleSimulation";

const KEY = `arn:aws:kms:${SIM_REGION}:${SIM_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const detection = (extra: Record<string, unknown> = {}) => validConfig({ detection: { cloudTrailLogGroupName: "org-trail", topicName: "mfa-alerts", ...extra } });

describe("program aws — alertTopic: detection's topic as the jobs reach it", () => {
    it("the topic's ARN from config names and the account, known during preview", () => {
        expect(topicArnOf(detection(), accountWith([]))).to.match(/^arn:aws:sns:eu-central-1:123456789012:mfa-alerts$/);
    });

    it("the topic's key: detection's own alias unless configured; a configured alias ARN as its alias; a key ARN as it is", () => {
        expect(topicKeyOf(detection())).to.deep.equal({ aliasName: "alias/mfa-alerts" });
        expect(topicKeyOf(detection({ kmsKeyArn: `arn:aws:kms:${SIM_REGION}:${SIM_ACCOUNT}:alias/team/alerts` }))).to.deep.equal({ aliasName: "alias/team/alerts" });
        expect(topicKeyOf(detection({ kmsKeyArn: KEY }))).to.deep.equal({ keyArn: KEY });
    });

    it("a job may use the key through SNS of the topic's region only (independent evaluator)", async () => {
        const role = `arn:aws:iam::${SIM_ACCOUNT}:role/job`;
        const policy = { Version: "2012-10-17", Statement: [topicKeyStatement({ accountId: SIM_ACCOUNT, region: SIM_REGION, topicKey: { keyArn: KEY } })] };
        expect(await simulate(policy, role, "kms:GenerateDataKey", KEY, { "kms:ViaService": `sns.${SIM_REGION}.amazonaws.com` })).to.equal("Allowed");
        expect(await simulate(policy, role, "kms:GenerateDataKey", KEY, { "kms:ViaService": `s3.${SIM_REGION}.amazonaws.com` })).to.equal("ImplicitlyDenied");
        expect(await simulate(policy, role, "kms:GenerateDataKey", KEY)).to.equal("ImplicitlyDenied");
        expect(await simulate(policy, role, "kms:Encrypt", KEY, { "kms:ViaService": `sns.${SIM_REGION}.amazonaws.com` })).to.equal("ImplicitlyDenied");
    });

    it("by alias: any key of the account and region, as long as it carries the alias", async () => {
        const role = `arn:aws:iam::${SIM_ACCOUNT}:role/job`;
        const statement = topicKeyStatement({ accountId: SIM_ACCOUNT, region: SIM_REGION, topicKey: { aliasName: "alias/mfa-alerts" } });
        expect(statement.Resource).to.equal(`arn:aws:kms:${SIM_REGION}:${SIM_ACCOUNT}:key/*`);
        const policy = { Version: "2012-10-17", Statement: [statement] };
        const via = { "kms:ViaService": `sns.${SIM_REGION}.amazonaws.com` };
        expect(await simulate(policy, role, "kms:Decrypt", KEY, { ...via, "kms:ResourceAliases": ["alias/mfa-alerts"] })).to.equal("Allowed");
        expect(await simulate(policy, role, "kms:Decrypt", KEY, { ...via, "kms:ResourceAliases": ["alias/other"] })).to.equal("ImplicitlyDenied");
    });
});
