import { expect } from "chai";
import { lambdaTrustDocument, writeOwnLogsStatement } from "../../../program/aws/lambdaRole";
import { SIM_ACCOUNT, SIM_REGION, simulate } from "./roleSimulation";

describe("program aws — lambdaRole: what every Lambda role of the program has", () => {
    it("Lambda's trust only", () => {
        expect(lambdaTrustDocument()).to.deep.equal({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    });

    it("writes its own log group's streams and nothing else's (independent evaluator)", async () => {
        const policy = { Version: "2012-10-17", Statement: [writeOwnLogsStatement({ accountId: SIM_ACCOUNT, region: SIM_REGION, functionName: "force-mfa-watch" })] };
        const role = `arn:aws:iam::${SIM_ACCOUNT}:role/force-mfa-watch`;
        const own = `arn:aws:logs:${SIM_REGION}:${SIM_ACCOUNT}:log-group:/aws/lambda/force-mfa-watch:log-stream:2026/12/07/abc`;
        expect(await simulate(policy, role, "logs:PutLogEvents", own)).to.equal("Allowed");
        expect(await simulate(policy, role, "logs:CreateLogStream", own)).to.equal("Allowed");
        expect(await simulate(policy, role, "logs:PutLogEvents", own.replace("force-mfa-watch", "force-mfa-watch-other"))).to.equal("ImplicitlyDenied");
        expect(await simulate(policy, role, "logs:PutLogEvents", own.replace(SIM_REGION, "us-east-1"))).to.equal("ImplicitlyDenied");
        expect(await simulate(policy, role, "logs:DeleteLogGroup", `arn:aws:logs:${SIM_REGION}:${SIM_ACCOUNT}:log-group:/aws/lambda/force-mfa-watch`)).to.equal("ImplicitlyDenied");
    });
});
