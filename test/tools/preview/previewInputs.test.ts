import { expect } from "chai";
import * as path from "path";
import { dirWith } from "./dirWith";
import { readExistingUsers, readInvokeFixtures, readJson, readProject, readStackConfig, secretPaths, UsageError } from "../../../tools/preview/previewInputs";

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

    it("Pulumi.yaml: its name, the program's directory from `main`; missing or nameless, a usage error", () => {
        const dir = dirWith({ "Pulumi.yaml": "name: team\nruntime: nodejs\nmain: src/\n" });
        expect(readProject(dir)).to.deep.equal({ name: "team", programDir: path.join(dir, "src"), typescript: true });
        expect(() => readProject(dirWith({}))).to.throw(UsageError, /^Pulumi project file not found: /);
        expect(() => readProject(dirWith({ "Pulumi.yaml": "runtime: nodejs\n" }))).to.throw(UsageError, /has no project name$/);
        expect(() => readProject(dirWith({ "Pulumi.yaml": "" }))).to.throw(UsageError, /has no project name$/);
    });

    it("the stack's config as the CLI hands it: keys namespaced by the project, structured values as JSON text", () => {
        const dir = dirWith({ "Pulumi.dev.yaml": "config:\n  groupName: mfa\n  aws:region: eu-west-1\n  team:count: 3\n  team:users:\n    - alice\n  team:on: true\n" });
        expect(readStackConfig(dir, "team", "dev").config).to.deep.equal({ "team:groupName": "mfa", "aws:region": "eu-west-1", "team:count": "3", "team:users": '["alice"]', "team:on": "true" });
        expect(() => readStackConfig(dirWith({ "Pulumi.dev.yaml": "config: [unclosed\n" }), "team", "dev")).to.throw(UsageError, /is not valid YAML: /);
    });

    it("secrets cannot be decrypted offline: refused wherever they are, named by their path", () => {
        expect(secretPaths({ secure: "v1:abc" }, "team:token")).to.deep.equal(["team:token"]);
        expect(secretPaths({ db: [{ password: { secure: "x" } }], "odd key": { secure: "y" } }, "team:cfg")).to.deep.equal(["team:cfg.db[0].password", 'team:cfg["odd key"]']);
        // an object that merely has a key called secure, among others, is no secret
        expect(secretPaths({ secure: "x", other: 1 }, "k")).to.deep.equal([]);
        const one = dirWith({ "Pulumi.dev.yaml": "config:\n  token:\n    secure: v1:x\n" });
        expect(() => readStackConfig(one, "team", "dev")).to.throw(UsageError, /: team:token is a secret; secrets cannot be decrypted offline/);
        const two = dirWith({ "Pulumi.dev.yaml": "config:\n  team:keys:\n    - secure: v1:x\n    - secure: v1:y\n" });
        expect(() => readStackConfig(two, "team", "dev")).to.throw(UsageError, /: team:keys\[0\], team:keys\[1\] are secrets;/);
    });

    it("the existing users file: IAM names, paths and user ARNs only, nothing else", () => {
        const file = (json: string) => path.join(dirWith({ "users.json": json }), "users.json");
        expect(readExistingUsers(file('[{"name": "carol"}, {"name": "dave", "path": "/ops/", "arn": "arn:aws:iam::123456789012:user/ops/dave"}]'))).to.have.length(2);
        expect(() => readExistingUsers(file('{"name": "carol"}'))).to.throw(UsageError, /must be a JSON array of/);
        expect(() => readExistingUsers(file('["carol"]'))).to.throw(UsageError, /must be a JSON array of/);
        expect(() => readExistingUsers(file('[{"name": "bad name"}]'))).to.throw(UsageError, /\[0\]\.name must be an IAM user name, got "bad name"$/);
        expect(() => readExistingUsers(file('[{"name": "carol", "path": "ops"}]'))).to.throw(UsageError, /\[0\]\.path must be an IAM path/);
        expect(() => readExistingUsers(file('[{"name": "carol", "arn": "arn:aws:iam::123456789012:role/carol"}]'))).to.throw(UsageError, /\[0\]\.arn must be an IAM user ARN/);
        expect(() => readExistingUsers(file('[{"name": "carol", "group": "x"}]'))).to.throw(UsageError, /has unknown keys group \(allowed: name, path, arn\)$/);
        expect(() => readExistingUsers(file("[{"))).to.throw(UsageError, /^users file .* is not valid JSON: /);
        expect(() => readJson("/nonexistent/users.json", "users file")).to.throw(UsageError, "users file not found: /nonexistent/users.json");
    });

    it("fixtures: tokens of invokes, method calls and stack references only, each answered with an object", () => {
        const file = (json: string) => path.join(dirWith({ "f.json": json }), "f.json");
        expect(() => readInvokeFixtures(file("[]"))).to.throw(UsageError, /must be a JSON object of/);
        expect(() => readInvokeFixtures(file('{"getUsers": {}}'))).to.throw(UsageError, /"getUsers" is not an invoke or method call token/);
        expect(() => readInvokeFixtures(file('{"aws:iam/getUsers:getUsers": ["alice"]}'))).to.throw(UsageError, /the result for aws:iam\/getUsers:getUsers must be an object, got \["alice"\]$/);
        expect(readInvokeFixtures(file('{"aws:iam/getUsers:getUsers": {"names": ["alice"]}}'))).to.deep.equal({ "aws:iam/getUsers:getUsers": { names: ["alice"] } });
    });
});
