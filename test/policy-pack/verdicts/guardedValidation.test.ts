import { expect } from "chai";
import { ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { mfaDenyAnalyzer, readGuardConfig } from "../../../policy-pack/evaluator";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";
import { guardedResourceValidation, guardedStackValidation, knownOnlyAtUpdate, stackCheckInput } from "../../../policy-pack/verdicts/guardedValidation";
import { resource } from "../stackFixtures";

type Reported = { message: string; urn?: string };
const stackArgs = (config: Record<string, unknown> = {}) => ({ resources: [], getConfig: () => config }) as unknown as StackValidationArgs;
const resourceArgs = (type: string, config: Record<string, unknown> = {}) => ({ type, urn: `urn:pulumi:s::p::${type}::x`, name: "x", props: { name: "x" }, getConfig: () => config }) as unknown as ResourceValidationArgs;
const collect = () => {
    const reported: Reported[] = [];
    return { reported, report: (message: string, urn?: string) => reported.push({ message, ...(urn ? { urn } : {}) }) };
};

describe("guardedValidation: every policy's validation, config read and failures turned into violations", () => {
    it("a stack check's violations are reported with their resource; its config read with defaults", async () => {
        const { reported, report } = collect();
        let seenGroup = "";
        await guardedStackValidation("p", (input) => {
            seenGroup = input.config.enforcedGroupName;
            return [{ message: "user bob escapes", urn: "urn:bob" }, { message: "stack-wide" }];
        })(stackArgs(), report);
        expect(seenGroup).to.equal("mfa-enforced");
        expect(reported).to.deep.equal([{ message: "user bob escapes", urn: "urn:bob" }, { message: "stack-wide" }]);
    });

    it("a check that throws, or a config the guard refuses, fails the stack with the reason: never a pass", async () => {
        const thrown = collect();
        await guardedStackValidation("iam-user-requires-mfa", () => {
            throw new Error("the graph has a cycle");
        })(stackArgs(), thrown.report);
        expect(thrown.reported).to.deep.equal([{ message: "iam-user-requires-mfa could not verify this stack, so it is not passed: the graph has a cycle" }]);
        const badConfig = collect();
        await guardedStackValidation("p", () => [])(stackArgs({ enforcedGroupName: 5 }), badConfig.report);
        expect(badConfig.reported).to.have.length(1);
        expect(badConfig.reported[0].message).to.match(/^p could not verify this stack, so it is not passed: /);
    });

    it("a resource check runs on its types only; a failure is a violation; knownOnlyAtUpdate reaches the SDK as it is", () => {
        const calls: string[] = [];
        const validate = guardedResourceValidation("p", ["aws:iam/user:User"], (r) => {
            calls.push(r.type);
            if (r.urn.includes("User")) {
                return ["user x: no MFA deny"];
            }
            return [];
        });
        const ok = collect();
        validate(resourceArgs("aws:s3/bucket:Bucket"), ok.report);
        validate(resourceArgs("aws:iam/user:User"), ok.report);
        expect(calls).to.deep.equal(["aws:iam/user:User"]);
        expect(ok.reported).to.deep.equal([{ message: "user x: no MFA deny" }]);

        const failing = collect();
        guardedResourceValidation("p", ["aws:iam/user:User"], () => {
            throw new Error("boom");
        })(resourceArgs("aws:iam/user:User"), failing.report);
        expect(failing.reported).to.deep.equal([{ message: "p could not verify this stack, so it is not passed: boom" }]);

        const unknown = knownOnlyAtUpdate("the user's name is known only at update");
        expect(unknown.message).to.equal("the user's name is known only at update");
        expect(() =>
            guardedResourceValidation("p", ["aws:iam/user:User"], () => {
                throw unknown;
            })(resourceArgs("aws:iam/user:User"), collect().report),
        ).to.throw(unknown.message);
    });

    it("stackCheckInput: outside the analyzer, each narrower question's analyzer built once, on the given catalog", async () => {
        const config = readGuardConfig({});
        const analyzer = await mfaDenyAnalyzer(config.enrollmentAllowList);
        const input = stackCheckInput(buildIamGraph([resource("aws:iam/user:User", "bob", { name: "bob" })]), config, analyzer);
        expect(input.analyzer).to.equal(analyzer);
        const question = { mustDeny: ["iam:*"], contexts: [] };
        const first = input.analyzerFor(question);
        expect(input.analyzerFor({ mustDeny: ["iam:*"], contexts: [] })).to.equal(first);
        expect(input.analyzerFor({ mustDeny: ["s3:*"], contexts: [] })).to.not.equal(first);
        // built on the given analyzer's catalog, narrowed to the question's own actions
        expect(first.catalog.size).to.be.greaterThan(0).and.lessThan(analyzer.catalog.size);
        expect(first.catalog.actions.every((a) => a.startsWith("iam:"))).to.equal(true);
        expect(input.graph.users.map((u) => u.name)).to.deep.equal(["bob"]);
    });
});
