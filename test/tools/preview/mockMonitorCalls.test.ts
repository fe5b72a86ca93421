import { expect } from "chai";
import { answerCalls, invokeFailure, selfOf } from "../../../tools/preview/mockMonitorCalls";
import { Struct } from "../../../tools/preview/pulumiProto";
import { fakeSdk } from "./fakeSdk";

/** A call request as the SDK builds it: a token and a Struct of arguments. */
const callRequest = (token: string, args: Record<string, unknown>) => ({ getTok: () => token, getArgs: () => Struct.fromJavaScript(args) });

describe("preview — mockMonitorCalls: what the mock monitor lacks, added as the engine behaves", () => {
    it("selfOf: the URN of the resource a method was called on, else none", () => {
        expect(selfOf({ __self__: { urn: "urn:cluster" } })).to.equal("urn:cluster");
        expect(selfOf({ __self__: "urn:cluster" })).to.equal(undefined);
        expect(selfOf({})).to.equal(undefined);
    });

    it("invokeFailure: the engine's wording, the reason kept whatever was thrown", () => {
        expect(invokeFailure("aws:ec2/getVpc:getVpc", new Error("no VPC matched"))).to.deep.equal({
            details: "invocation of aws:ec2/getVpc:getVpc returned an error: no VPC matched",
            message: "invocation of aws:ec2/getVpc:getVpc returned an error: no VPC matched",
        });
        expect(invokeFailure("t", "plain").message).to.equal("invocation of t returned an error: plain");
    });

    it("a method call is answered like an invoke, with the resource it was called on, the result serialized by the SDK", async () => {
        const seen: unknown[] = [];
        const monitor: any = { invoke: (_req: unknown, cb: (err: unknown, res: unknown) => void) => cb(null, "ok") };
        answerCalls(monitor, fakeSdk(), (token, inputs, self) => {
            seen.push({ token, inputs, self });
            return { kubeconfig: "apiVersion: v1" };
        });
        const res = await new Promise<any>((resolve, reject) => monitor.call(callRequest("eks:index:Cluster/getKubeconfig", { __self__: { urn: "urn:cluster" }, format: "yaml" }), (err: unknown, r: unknown) => (err ? reject(err) : resolve(r))));
        expect(seen).to.deep.equal([{ token: "eks:index:Cluster/getKubeconfig", inputs: { format: "yaml" }, self: "urn:cluster" }]);
        expect(res.getFailuresList()).to.deep.equal([]);
        expect(res.getReturn().toJavaScript()).to.deep.equal({ serializedBy: "call:eks:index:Cluster/getKubeconfig", kubeconfig: "apiVersion: v1" });
        expect(res.getReturndependenciesMap().size).to.equal(0);
    });

    it("a call or an invoke that fails reaches the program with its reason", async () => {
        const monitor: any = { invoke: (_req: unknown, cb: (err: unknown, res: unknown) => void) => cb(new Error("denied"), undefined) };
        answerCalls(monitor, fakeSdk(), () => {
            throw new Error("no fixture answers it");
        });
        const callError = await new Promise<any>((resolve) => monitor.call(callRequest("eks:index:Cluster/getKubeconfig", {}), (err: unknown) => resolve(err)));
        expect(callError.details).to.equal("invocation of eks:index:Cluster/getKubeconfig returned an error: no fixture answers it");
        const invokeError = await new Promise<any>((resolve) => monitor.invoke({ getTok: () => "aws:ec2/getVpc:getVpc" }, (err: unknown) => resolve(err)));
        expect(invokeError.details).to.equal("invocation of aws:ec2/getVpc:getVpc returned an error: denied");
        const fine: any = { invoke: (_req: unknown, cb: (err: unknown, res: unknown) => void) => cb(undefined, "answer") };
        answerCalls(fine, fakeSdk(), () => ({}));
        expect(await new Promise((resolve) => fine.invoke({ getTok: () => "t" }, (err: unknown, res: unknown) => resolve([err, res])))).to.deep.equal([null, "answer"]);
    });
});
