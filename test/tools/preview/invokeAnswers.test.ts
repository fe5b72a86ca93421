import { expect } from "chai";
import { CaptureJob } from "../../../tools/preview/capturedResource";
import { InvokeAnswers, POLICY_DOCUMENT_TOKEN } from "../../../tools/preview/invokeAnswers";
import { MOCK_ACCOUNT } from "../../../tools/preview/synthesizedOutputs";

const job = (extra: Partial<CaptureJob> = {}): CaptureJob => ({
    programDir: "/p",
    projectDir: "/p",
    projectName: "team",
    stackName: "dev",
    stackConfig: {},
    existingUsers: [{ name: "carol" }, { name: "dave", path: "/ops/" }, { name: "erin", arn: "arn:aws:iam::999999999999:user/erin" }],
    organization: "organization",
    mode: "preview",
    resultFile: "",
    ...extra,
});

describe("preview — invokeAnswers: what an invoke answers offline", () => {
    it("the account facts the run assumes, answered built in", () => {
        const answers = new InvokeAnswers(job(), "eu-west-1");
        expect(answers.answer("aws:index/getCallerIdentity:getCallerIdentity", {})).to.include({ accountId: MOCK_ACCOUNT, id: MOCK_ACCOUNT });
        expect(answers.answer("aws:index/getRegion:getRegion", {})).to.include({ name: "eu-west-1", region: "eu-west-1", endpoint: "ec2.eu-west-1.amazonaws.com" });
        expect(answers.answer("aws:index/getPartition:getPartition", {})).to.include({ partition: "aws", dnsSuffix: "amazonaws.com" });
        expect(answers.unanswered).to.deep.equal([]);
    });

    it("the existing users, their ARNs from their paths unless given", () => {
        expect(new InvokeAnswers(job(), "us-east-1").answer("aws:iam/getUsers:getUsers", {})).to.deep.equal({
            id: "users",
            names: ["carol", "dave", "erin"],
            arns: [`arn:aws:iam::${MOCK_ACCOUNT}:user/carol`, `arn:aws:iam::${MOCK_ACCOUNT}:user/ops/dave`, "arn:aws:iam::999999999999:user/erin"],
        });
    });

    it("getPolicyDocument computed as the provider computes it", () => {
        const result = new InvokeAnswers(job(), "us-east-1").answer(POLICY_DOCUMENT_TOKEN, { statements: [{ actions: ["s3:GetObject"], resources: ["*"] }] });
        expect(JSON.parse(result.json as string)).to.deep.include({ Version: "2012-10-17" });
    });

    it("a fixture answers first, even for a token answered built in", () => {
        const answers = new InvokeAnswers(job({ invokeFixtures: { "aws:index/getRegion:getRegion": { name: "ap-south-1" } } }), "us-east-1");
        expect(answers.answer("aws:index/getRegion:getRegion", {})).to.deep.equal({ name: "ap-south-1" });
    });

    it("an unanswered invoke is recorded once, with the resources a method was called on and every call site noted", () => {
        const answers = new InvokeAnswers(job(), "us-east-1", (token) => ({ emptyFor: token }));
        answers.noteCallSite("eks:index:Cluster/getKubeconfig", "index.ts:3:1");
        expect(answers.answer("eks:index:Cluster/getKubeconfig", {}, "urn:a")).to.deep.equal({ emptyFor: "eks:index:Cluster/getKubeconfig" });
        answers.answer("eks:index:Cluster/getKubeconfig", {}, "urn:b");
        answers.answer("eks:index:Cluster/getKubeconfig", {}, "urn:a");
        answers.noteCallSite("eks:index:Cluster/getKubeconfig", "index.ts:9:1");
        answers.noteCallSite("eks:index:Cluster/getKubeconfig", "index.ts:3:1");
        answers.noteCallSite("eks:index:Cluster/getKubeconfig", undefined);
        expect(answers.unansweredWithSites()).to.deep.equal([{ token: "eks:index:Cluster/getKubeconfig", sites: ["index.ts:3:1", "index.ts:9:1"], resources: ["urn:a", "urn:b"] }]);
        expect(answers.siteOf("eks:index:Cluster/getKubeconfig")).to.equal("index.ts:3:1");
        expect(answers.siteOf("other:index:thing")).to.equal(undefined);
        expect(answers.answeredEmpty.size).to.equal(0);
    });

    it("with empty invokes allowed, it is answered empty and named as such, not unanswered", () => {
        const answers = new InvokeAnswers(job({ allowEmptyInvokes: true }), "us-east-1");
        expect(answers.answer("aws:ec2/getVpc:getVpc", {})).to.deep.equal({});
        expect([...answers.answeredEmpty]).to.deep.equal(["aws:ec2/getVpc:getVpc"]);
        expect(answers.unanswered).to.deep.equal([]);
    });
});
