/**
 * What the mock provider computes for a `--known` run, and what stays unknown in a preview: derived for every resource
 * type from the provider's own declarations (@pulumi/aws), names and ARNs as AWS would give them.
 */
import { expect } from "chai";
import * as path from "path";
import { resourceShape } from "../../../tools/preview/providerDeclarations";
import { computedOutputs, mockState } from "../../../tools/preview/synthesizedOutputs";

const ROOT = path.resolve(__dirname, "../../..");
const state = (type: string, name: string, inputs: Record<string, unknown>, mode: "preview" | "known" = "known") =>
    mockState(type, name, inputs, mode, "eu-central-1", resourceShape(type, [ROOT]));

describe("synthesized outputs (--known)", () => {
    it("a resource named in its inputs keeps that name, with a matching ARN", () => {
        expect(state("aws:iam/role:Role", "ops", { name: "ops-admin", path: "/team/" }).state).to.include({ name: "ops-admin", arn: "arn:aws:iam::123456789012:role/team/ops-admin" });
    });

    it("an auto-named resource gets the logical name plus 7 hex characters, never the bare logical name", () => {
        const role = state("aws:iam/role:Role", "ops", {}).state;
        expect(role.name).to.match(/^ops-[0-9a-f]{7}$/);
        expect(role.arn).to.equal(`arn:aws:iam::123456789012:role/${role.name}`);
        expect(state("aws:iam/role:Role", "ops", {}).state.name).to.equal(role.name);
        expect(state("aws:iam/user:User", "svc", { namePrefix: "svc-ci-" }).state.name).to.match(/^svc-ci-[0-9a-f]{7}$/);
        expect(state("aws:s3/bucket:Bucket", "logs", {}).state.bucket).to.match(/^logs-[0-9a-f]{7}$/);
    });

    it("a KMS key gets an ARN but no name; in a preview nothing is computed", () => {
        const key = state("aws:kms/key:Key", "topic-key", { description: "x" }).state;
        expect(key).to.not.have.property("name");
        expect(key.arn).to.equal("arn:aws:kms:eu-central-1:123456789012:key/topic-key");
        expect(state("aws:iam/role:Role", "ops", {}, "preview")).to.deep.equal({ id: undefined, state: {} });
    });

    it("any type whose declarations have an arn output gets one, not only a listed few: an OIDC provider by its issuer", () => {
        const oidc = state("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "github", { url: "https://token.actions.githubusercontent.com" }).state;
        expect(oidc.arn).to.equal("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
        expect(state("aws:ecr/repository:Repository", "app", {}).state.arn).to.match(/^arn:aws:ecr:eu-central-1:123456789012:repository\/app-[0-9a-f]{7}$/);
        expect(state("aws:ssm/parameter:Parameter", "flag", { name: "flag", type: "String", value: "on" }).state.arn).to.be.a("string");
        // A type without an arn output gets none.
        expect(state("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "r", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }).state).not.to.have.property("arn");
    });

    it("in a preview, outputs only the provider computes are unknown; inputs are not", () => {
        const computed = computedOutputs(resourceShape("aws:iam/openIdConnectProvider:OpenIdConnectProvider", [ROOT]));
        expect(computed).to.include.members(["arn", "tagsAll"]).and.not.include("url");
        expect(computedOutputs(resourceShape("nosuch:index:Thing", [ROOT]))).to.deep.equal([]);
    });
});
