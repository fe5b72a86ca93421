/**
 * What the preview reads from a provider's TypeScript declarations: where a token is declared, a resource type's
 * outputs, and an invoke's or method call's result fields — as placeholders for --write-fixtures and as empty values
 * for an invoke nothing answers. In process; a made-up package stands for a component provider's SDK.
 */
import { expect } from "chai";
import * as path from "path";
import { resourceShape, ResultShapes, tokenDeclaration } from "../../../tools/preview/providerDeclarations";
import { componentPackage } from "./componentPackage";

const ROOT = path.resolve(__dirname, "../../..");

describe("provider declarations", function () {
    this.timeout(60_000);

    it("finds where a token is declared: an invoke, a resource, a method call, a module of its own", () => {
        expect(tokenDeclaration("aws:ec2/getSubnets:getSubnets")).to.deep.equal({ pkg: "aws", file: "ec2/getSubnets.d.ts", name: "getSubnets" });
        expect(tokenDeclaration("aws:index/getCallerIdentity:getCallerIdentity")).to.deep.include({ file: "getCallerIdentity.d.ts" });
        expect(tokenDeclaration("eks:index:Cluster/getKubeconfig")).to.deep.equal({ pkg: "eks", file: "cluster.d.ts", name: "Cluster", method: "getKubeconfig" });
        expect(tokenDeclaration("kubernetes:apps/v1:Deployment")).to.deep.include({ file: "apps/v1/deployment.d.ts" });
        expect(tokenDeclaration("not a token")).to.equal(undefined);
    });

    it("reads a resource type's outputs and inputs from its class", () => {
        const shape = resourceShape("aws:iam/role:Role", [ROOT])!;
        expect(shape.outputs).to.include.members(["arn", "name", "uniqueId", "assumeRolePolicy"]);
        expect(shape.inputs).to.include("assumeRolePolicy").and.not.include("arn");
        expect(resourceShape("aws:iam/nothing:Nothing", [ROOT])).to.equal(undefined);
    });

    it("writes an invoke's result with each field a placeholder of its declared type, nested types expanded", () => {
        const subnets = new ResultShapes([ROOT]).resultOf("aws:ec2/getSubnets:getSubnets", "placeholder");
        expect(subnets).to.deep.include({ id: "<string>", ids: ["<string>"], filters: [{ name: "<string>", values: ["<string>"] }] });
    });

    it("answers a method call's result from the class's namespace; empty values for an invoke nothing answers", () => {
        const shapes = new ResultShapes([componentPackage()]);
        expect(shapes.resultOf("teamk8s:index:Cluster/getKubeconfig", "placeholder")).to.deep.equal({
            kubeconfig: "<string>",
            contexts: [{ name: "<string>", namespaces: ["<string>"] }],
            ready: "<boolean>",
        });
        expect(shapes.resultOf("teamk8s:index:Cluster/getKubeconfig", "empty")).to.deep.equal({ kubeconfig: "", contexts: [], ready: false });
        expect(shapes.resultOf("teamk8s:index:Cluster/nothing", "empty")).to.equal(undefined);
    });
});
