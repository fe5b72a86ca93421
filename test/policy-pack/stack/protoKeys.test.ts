import { expect } from "chai";
import { PROTO_KEY, restoreProtoKeys } from "../../../policy-pack/stack/protoKeys";

describe("protoKeys: a `__proto__` element of a document reaches the policies as AWS reads it", () => {
    it("restored as an own element, at any depth, touching no prototype", () => {
        const restored = restoreProtoKeys({ Statement: [{ [PROTO_KEY]: { Effect: "Allow" }, Effect: "Deny" }] }) as { Statement: Record<string, unknown>[] };
        expect(Object.keys(restored.Statement[0])).to.deep.equal(["__proto__", "Effect"]);
        expect(Object.prototype.hasOwnProperty.call(restored.Statement[0], "__proto__")).to.equal(true);
        expect(({} as Record<string, unknown>).Effect).to.equal(undefined);
        expect(restoreProtoKeys("text")).to.equal("text");
    });
});
