import { expect } from "chai";
import * as path from "path";
import { dirWith } from "./dirWith";
import { readInvokeFixtures, readProject, readStackConfig } from "../../../tools/preview/previewInputs";

describe("preview — previewInputs: the stack's config and the fixtures, as the CLI reads them", () => {
    it("no stack file is no config, as for the CLI", () => {
        expect(readStackConfig(dirWith({}), "team", "dev")).to.deep.equal({ config: {}, environments: [] });
    });

    it("an ESC environment import is named in each form the stack file may write it", () => {
        const list = dirWith({ "Pulumi.dev.yaml": "environment:\n  - team/aws-dev\n  - team/db: {merge: false}\nconfig:\n  aws:region: eu-west-1\n" });
        expect(readStackConfig(list, "team", "dev")).to.deep.include({ config: { "aws:region": "eu-west-1" }, environments: ["team/aws-dev", "team/db"] });
        const imports = dirWith({ "Pulumi.dev.yaml": "environment:\n  imports:\n    - team/aws-dev\n" });
        expect(readStackConfig(imports, "team", "dev").environments).to.deep.equal(["team/aws-dev"]);
        expect(() => readStackConfig(dirWith({ "Pulumi.dev.yaml": "environment: [5]\n" }), "team", "dev")).to.throw("environment imports must be ESC environment names");
    });

    it("Pulumi.yaml's runtime options: a JavaScript program, a tsconfig of its own; another runtime is refused", () => {
        expect(readProject(dirWith({ "Pulumi.yaml": "name: t\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n    tsconfig: tsconfig.pulumi.json\n" }))).to.deep.include({
            typescript: false,
            tsconfig: "tsconfig.pulumi.json",
        });
        expect(readProject(dirWith({ "Pulumi.yaml": "name: t\nruntime: nodejs\n" })).typescript).to.equal(true);
        expect(() => readProject(dirWith({ "Pulumi.yaml": "name: t\nruntime: python\n" }))).to.throw('runtime "python" is not supported offline');
    });

    it("fixtures answer method calls by their token; a placeholder --write-fixtures left is refused", () => {
        const ok = path.join(dirWith({ "f.json": '{"eks:index:Cluster/getKubeconfig": {"kubeconfig": "apiVersion: v1"}}' }), "f.json");
        expect(readInvokeFixtures(ok)).to.have.property("eks:index:Cluster/getKubeconfig");
        const reference = path.join(dirWith({ "f.json": '{"stackReference:acme/network/prod": {"vpcId": "vpc-1"}}' }), "f.json");
        expect(readInvokeFixtures(reference)).to.have.property("stackReference:acme/network/prod");
        const unfilled = path.join(dirWith({ "f.json": '{"aws:ec2/getSubnets:getSubnets": {"ids": ["<string>"]}}' }), "f.json");
        expect(() => readInvokeFixtures(unfilled)).to.throw("aws:ec2/getSubnets:getSubnets ids[0] is still a placeholder written by --write-fixtures");
    });
});
