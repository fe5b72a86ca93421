import { expect } from "chai";
import * as path from "path";
import { runOfflinePreview, UsageError } from "../../../tools/preview/offlinePreview";
import { dirWith } from "./dirWith";

const ROOT = path.resolve(__dirname, "../../..");
const PACK = path.join(ROOT, "policy-pack");

/** What the preview refuses before it runs the program or starts the pack: nothing is started for bad input. */
describe("preview — offlinePreview: its inputs checked before anything runs", () => {
    const project = () => dirWith({ "Pulumi.yaml": "name: team\nruntime: nodejs\n", "index.ts": "throw new Error('the program must not run');\n" });
    const refusal = async (options: Partial<Parameters<typeof runOfflinePreview>[0]>) => {
        let error: unknown;
        const progress: string[] = [];
        await runOfflinePreview({ projectDir: project(), stack: "dev", policyPackDir: PACK, mode: "preview", progress: (s) => progress.push(s), ...options }).catch((err) => (error = err));
        expect(error, "refused").to.be.instanceOf(UsageError);
        expect(progress, "nothing started").to.deep.equal([]);
        return (error as Error).message;
    };

    it("a policy config no pack could take: not an object of policy names to levels or values", async () => {
        expect(await refusal({ policyConfigFile: path.join(dirWith({ "p.json": "[]" }), "p.json") })).to.equal("policy config: must be an object of policy names, got []");
        expect(await refusal({ policyConfigFile: path.join(dirWith({ "p.json": '{"iam-user-requires-mfa": 3}' }), "p.json") })).to.equal(
            "policy config: policy iam-user-requires-mfa: must be an enforcement level or an object of config values, got 3",
        );
        expect(await refusal({ policyConfigFile: path.join(dirWith({ "p.json": "{" }), "p.json") })).to.match(/^policy config file .* is not valid JSON/);
    });

    it("a directory without a policy pack", async () => {
        const empty = dirWith({});
        expect(await refusal({ policyPackDir: empty })).to.equal(`no policy pack at ${empty} (PulumiPolicy.yaml not found)`);
    });

    it("the project, the stack file, the users and the fixtures are read first", async () => {
        expect(await refusal({ projectDir: dirWith({}) })).to.match(/^Pulumi project file not found: /);
        expect(await refusal({ usersFile: "/nonexistent/users.json" })).to.equal("users file not found: /nonexistent/users.json");
        expect(await refusal({ fixturesFile: path.join(dirWith({ "f.json": '{"x": {}}' }), "f.json") })).to.match(/"x" is not an invoke or method call token/);
    });
});
