/**
 * The pack has the analyzer SDK decode each request's resource properties once for all its policies: driven through
 * the SDK's own AnalyzeStack handler on a decoded request, as run-policy-pack runs it.
 */
import { expect } from "chai";
import "../../../policy-pack/policies";
import { rawProps } from "../../../policy-pack/stack/knownValues";
import { propertiesLifted, propertiesShared } from "../../../policy-pack/stack/sharedProperties";
import { resource } from "../../../tools/bench/accountScaleStack";
import { analyzeRequest, analyzeStackRequest } from "../../../tools/preview/analyzerRequests";
import { CapturedResource } from "../../../tools/preview/capturedResource";
import { analyzerMessages, Struct } from "../../../tools/preview/pulumiProto";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkServer = require("@pulumi/policy/server");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkDeserialize = require("@pulumi/policy/deserialize");

const stack = [
    resource("aws:iam/user:User", "alice", { name: "alice", path: "/", tags: { team: "a" } }),
    resource("aws:iam/group:Group", "admins", { name: "admins", path: "/" }),
];
const bytes = analyzeStackRequest(stack).serializeBinary();

/** What each of two stack policies sees of every resource's properties, in one AnalyzeStack call. */
function seenByTwoPolicies(): Promise<Record<string, unknown>[][]> {
    const seen: Record<string, unknown>[][] = [];
    const probe = (name: string) => ({
        name,
        description: name,
        enforcementLevel: "mandatory",
        validateStack: (args: { resources: { props: unknown }[] }) => {
            seen.push(args.resources.map((r) => rawProps(r.props)));
        },
    });
    const handler = sdkServer.makeAnalyzeStackRpcFun("probe", "0.0.1", "mandatory", [probe("first"), probe("second")]);
    const request = analyzerMessages.AnalyzeStackRequest.deserializeBinary(bytes);
    return new Promise((resolve, reject) => handler({ request }, (err: unknown) => (err ? reject(err) : resolve(seen))));
}

describe("force-mfa-guard's shared resource properties", () => {
    it("is installed in the SDK the pack runs under, properties lifted from the requests' bytes", () => {
        expect(propertiesShared()).to.equal(true);
        expect(propertiesLifted()).to.equal(true);
    });

    it("gives every policy of one call the same decoded properties, as the stack declares them", async () => {
        const [first, second] = await seenByTwoPolicies();
        expect(first).to.have.length(2);
        first.forEach((props, i) => expect(props).to.equal(second[i]));
        expect(first[0]).to.deep.equal({ name: "alice", path: "/", tags: { team: "a" } });
    });

    it("decodes each request afresh: nothing outlives the request it came with", async () => {
        const [one] = await seenByTwoPolicies();
        const [other] = await seenByTwoPolicies();
        expect(one[0]).to.deep.equal(other[0]);
        expect(one[0]).to.not.equal(other[0]);
    });

    it("never shares what remediation decodes with secrets kept as proxies", () => {
        const struct = Struct.fromJavaScript({ name: "alice" });
        expect(sdkDeserialize.deserializeProperties(struct, true)).to.not.equal(sdkDeserialize.deserializeProperties(struct, true));
        expect(sdkDeserialize.deserializeProperties(struct, false)).to.equal(sdkDeserialize.deserializeProperties(struct, false));
    });

    it("leaves undecoded the properties of an Analyze or Remediate request whose type no per-resource policy reads", () => {
        const captured = (type: string, name: string, properties: Record<string, unknown>): CapturedResource => ({
            type,
            name,
            urn: `urn:pulumi:test::force-mfa::${type}::${name}`,
            custom: true,
            properties,
            dependencies: [],
            propertyDependencies: {},
            options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, aliases: [], additionalSecretOutputs: [] },
        });
        const decoded = (r: CapturedResource) => analyzerMessages.AnalyzeRequest.deserializeBinary(analyzeRequest(r, [r]).serializeBinary());
        const user = decoded(captured("aws:iam/user:User", "alice", { name: "alice", path: "/" }));
        for (const proxySecrets of [false, true]) {
            const props = sdkDeserialize.deserializeProperties(user.getProperties(), proxySecrets);
            expect(props).to.deep.equal({});
            expect(Object.isFrozen(props)).to.equal(true);
        }
        // A role's trust is judged per resource: its properties are decoded.
        const role = decoded(captured("aws:iam/role:Role", "deploy", { name: "deploy", assumeRolePolicy: "{}" }));
        expect(sdkDeserialize.deserializeProperties(role.getProperties(), false)).to.deep.equal({ name: "deploy", assumeRolePolicy: "{}" });
        // AnalyzeStack reads every resource: nothing of it is left undecoded.
        const stackRequest = analyzerMessages.AnalyzeStackRequest.deserializeBinary(bytes);
        expect(rawProps(sdkDeserialize.deserializeProperties(stackRequest.getResourcesList()[0].getProperties(), false))).to.deep.equal({ name: "alice", path: "/", tags: { team: "a" } });
    });
});
