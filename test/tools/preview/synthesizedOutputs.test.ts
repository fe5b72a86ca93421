/** What the mock provider computes for a `--known` run: names and ARNs as AWS would give them. */
import { expect } from "chai";
import { mockState } from "../../../tools/preview/synthesizedOutputs";

describe("synthesized outputs (--known)", () => {
    it("a resource named in its inputs keeps that name, with a matching ARN", () => {
        const { state } = mockState("aws:iam/role:Role", "ops", { name: "ops-admin", path: "/team/" }, "known", "eu-central-1");
        expect(state).to.include({ name: "ops-admin", arn: "arn:aws:iam::123456789012:role/team/ops-admin" });
    });

    it("an auto-named resource gets the logical name plus 7 hex characters, never the bare logical name", () => {
        const { state } = mockState("aws:iam/role:Role", "ops", {}, "known", "eu-central-1");
        expect(state.name).to.match(/^ops-[0-9a-f]{7}$/);
        expect(state.arn).to.equal(`arn:aws:iam::123456789012:role/${state.name}`);
        expect(mockState("aws:iam/role:Role", "ops", {}, "known", "eu-central-1").state.name).to.equal(state.name);
        expect(mockState("aws:iam/user:User", "svc", { namePrefix: "svc-ci-" }, "known", "eu-central-1").state.name).to.match(/^svc-ci-[0-9a-f]{7}$/);
        expect(mockState("aws:s3/bucket:Bucket", "logs", {}, "known", "eu-central-1").state.bucket).to.match(/^logs-[0-9a-f]{7}$/);
    });

    it("a KMS key gets an ARN but no name; in a preview nothing is computed", () => {
        const key = mockState("aws:kms/key:Key", "topic-key", { description: "x" }, "known", "eu-central-1").state;
        expect(key).to.not.have.property("name");
        expect(key.arn).to.equal("arn:aws:kms:eu-central-1:123456789012:key/topic-key");
        expect(mockState("aws:iam/role:Role", "ops", {}, "preview", "eu-central-1")).to.deep.equal({ id: undefined, state: {} });
    });
});
