/**
 * What the preview reads from a provider's TypeScript declarations: where a token is declared, a resource type's
 * outputs, and an invoke's or method call's result fields — as placeholders for --write-fixtures and as empty values
 * for an invoke nothing answers. In process; a made-up package stands for a component provider's SDK.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { placeholderIn } from "../../../tools/preview/fixturePlaceholders";
import { fixturesSkeleton } from "../../../tools/preview/fixturesSkeleton";
import { resourceShape, ResultShapes, tokenDeclaration } from "../../../tools/preview/providerDeclarations";

const ROOT = path.resolve(__dirname, "../../..");

/** A component package as pulumi-eks ships one: a class with a method whose result lives in the class's namespace. */
function componentPackage(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-decl-"));
    const pkg = path.join(dir, "node_modules", "@pulumi", "teamk8s");
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "@pulumi/teamk8s", pulumi: { resource: true, name: "teamk8s" } }));
    fs.writeFileSync(
        path.join(pkg, "cluster.d.ts"),
        [
            'import * as pulumi from "@pulumi/pulumi";',
            "export declare class Cluster extends pulumi.ComponentResource {",
            "    readonly kubeconfig: pulumi.Output<any>;",
            "    getKubeconfig(): pulumi.Output<Cluster.GetKubeconfigResult>;",
            "}",
            "export declare namespace Cluster {",
            "    interface GetKubeconfigResult {",
            "        readonly kubeconfig: string;",
            "        readonly contexts?: { name: string; namespaces: string[] }[];",
            "        readonly ready: boolean;",
            "    }",
            "}",
        ].join("\n"),
    );
    return dir;
}

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
        expect(placeholderIn(subnets)).to.be.a("string");
        expect(placeholderIn({ id: "subnet-1", ids: ["subnet-1"] })).to.equal(undefined);
        expect(placeholderIn({ ids: ["subnet-1", "<string>"] })).to.equal("ids[1]");
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

    it("a fixtures skeleton keeps the given answers and adds each unanswered token, {} when its package is not installed", () => {
        const skeleton = fixturesSkeleton(
            [
                { token: "teamk8s:index:Cluster/getKubeconfig", sites: [] },
                { token: "other:index:getThing", sites: [] },
            ],
            { "aws:ec2/getVpc:getVpc": { id: "vpc-1" } },
            [componentPackage()],
        );
        expect(skeleton).to.deep.equal({
            "aws:ec2/getVpc:getVpc": { id: "vpc-1" },
            "teamk8s:index:Cluster/getKubeconfig": { kubeconfig: "<string>", contexts: [{ name: "<string>", namespaces: ["<string>"] }], ready: "<boolean>" },
            "other:index:getThing": {},
        });
    });
});
