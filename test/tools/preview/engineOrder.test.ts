import { expect } from "chai";
import { DEFAULT_ORDER_SEED, inRegistrationOrder, stateOrder, unorderedStack } from "../../../tools/preview/engineOrder";
import { Diagnostic } from "../../../tools/preview/analyzerAnswers";
import { CapturedResource } from "../../../tools/preview/capturedResource";

const urn = (name: string) => `urn:pulumi:dev::team::t:index:R::${name}`;
function res(name: string, on: { parent?: string; provider?: string; deps?: string[]; propertyDeps?: string[] } = {}): CapturedResource {
    return {
        type: "t:index:R",
        urn: urn(name),
        name,
        custom: true,
        properties: {},
        parent: on.parent && urn(on.parent),
        provider: on.provider && `${urn(on.provider)}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`,
        dependencies: (on.deps ?? []).map(urn),
        propertyDependencies: on.propertyDeps ? { x: on.propertyDeps.map(urn) } : {},
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
    };
}

describe("preview — engineOrder: the orders the engine sends resources in", () => {
    const numbers = Array.from({ length: 40 }, (_, i) => i);

    it("AnalyzeStack's order: a permutation, not registration order, the same for the same seed and another for another", () => {
        const shuffled = unorderedStack(numbers);
        expect([...shuffled].sort((a, b) => a - b)).to.deep.equal(numbers);
        expect(shuffled).to.not.deep.equal(numbers);
        expect(unorderedStack(numbers)).to.deep.equal(shuffled);
        expect(unorderedStack(numbers, DEFAULT_ORDER_SEED)).to.deep.equal(shuffled);
        expect(unorderedStack(numbers, 7)).to.not.deep.equal(shuffled);
        expect(unorderedStack([])).to.deep.equal([]);
        expect(numbers[0]).to.equal(0); // the input is left as it was
    });

    it("the state's order: each resource after its parent, provider and dependencies, whatever the seed", () => {
        const resources = [
            res("child", { parent: "component", provider: "provider", deps: ["bucket"] }),
            res("component"),
            res("provider"),
            res("bucket", { propertyDeps: ["key"] }),
            res("key"),
            res("loner"),
        ];
        for (const seed of [1, 2, 3, DEFAULT_ORDER_SEED]) {
            const order = stateOrder(resources, seed).map((r) => r.name);
            expect([...order].sort()).to.deep.equal(["bucket", "child", "component", "key", "loner", "provider"]);
            const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b} (seed ${seed})`).to.be.lessThan(order.indexOf(b));
            before("component", "child");
            before("provider", "child");
            before("bucket", "child");
            before("key", "bucket");
        }
    });

    it("a cycle (no real state has one) leaves nobody out: its resources follow in the order given", () => {
        const order = stateOrder([res("a", { deps: ["b"] }), res("b", { deps: ["a"] }), res("c"), res("self", { deps: ["self"] })]).map((r) => r.name);
        expect(order.slice(0, 2).sort()).to.deep.equal(["c", "self"]);
        expect(order.slice(2)).to.deep.equal(["a", "b"]);
    });

    it("diagnostics policy by policy as first answered, each policy's in registration order, the stack's first", () => {
        const resources = [res("first"), res("second"), res("third")];
        const d = (policyName: string, name: string): Diagnostic => ({ policyName, policyPackName: "p", message: name, urn: name ? urn(name) : "", enforcementLevel: "mandatory", severity: "high", description: "" });
        const answered = [d("b", "third"), d("a", "second"), d("b", "first"), d("a", ""), d("b", "first"), d("a", "unknown-resource")];
        expect(inRegistrationOrder(answered, resources).map((x) => `${x.policyName}:${x.message}`)).to.deep.equal([
            "b:first",
            "b:first",
            "b:third",
            "a:",
            "a:unknown-resource",
            "a:second",
        ]);
    });
});
