import { expect } from "chai";
import * as path from "path";
import { sdkModule } from "../../../policy-pack/stack/sdkModule";

describe("sdkModule: a module of the Pulumi SDK as the pack resolves it", () => {
    it("the very module the pack's own resolution finds; undefined where it is not installed", () => {
        const found = sdkModule<Record<string, unknown>>("@pulumi/pulumi/proto/analyzer_pb");
        expect(found).to.equal(require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [path.join(__dirname, "../../../policy-pack/stack")] })));
        expect(found).to.have.property("AnalyzeRequest");
        expect(sdkModule("@pulumi/not-a-package")).to.equal(undefined);
    });
});
