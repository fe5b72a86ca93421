import { expect } from "chai";
import { analyzeRequest, analyzeStackRequest, durationSeconds, inputsOf, providerOf, resourceOptions, resourcesByUrn } from "../../../tools/preview/analyzerRequests";
import { CapturedResource } from "../../../tools/preview/capturedResource";
import { SAMPLE_RESOURCES, SAMPLE_USER } from "./sampleResult";

const PROVIDER = SAMPLE_RESOURCES[1];
const withProvider = (r: CapturedResource, id = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"): CapturedResource => ({ ...r, provider: `${PROVIDER.urn}::${id}` });

describe("preview — analyzerRequests: a captured resource as the engine sends it to an analyzer", () => {
    it("custom timeouts read as Go durations, in seconds; anything else refused", () => {
        expect(durationSeconds(undefined)).to.equal(0);
        expect(durationSeconds("")).to.equal(0);
        expect(durationSeconds("90s")).to.equal(90);
        expect(durationSeconds("5m")).to.equal(300);
        expect(durationSeconds("1h30m")).to.equal(5400);
        expect(durationSeconds("1.5h")).to.equal(5400);
        expect(durationSeconds("250ms")).to.equal(0.25);
        expect(() => durationSeconds("5 minutes")).to.throw('"5 minutes" is not a duration such as "30s", "5m" or "1h30m"');
        expect(() => durationSeconds("30")).to.throw(/is not a duration/);
        expect(() => durationSeconds("1h junk")).to.throw(/is not a duration/);
    });

    it("options: protect, ignore changes, delete-before-replace, aliases, secret outputs, timeouts, parent", () => {
        const options = resourceOptions({
            ...SAMPLE_USER,
            options: { protect: true, ignoreChanges: ["tags"], deleteBeforeReplace: true, aliases: ["urn:old"], additionalSecretOutputs: ["password"], customTimeouts: { create: "5m" } },
        });
        expect(options.getProtect()).to.equal(true);
        expect(options.getIgnorechangesList()).to.deep.equal(["tags"]);
        expect([options.getDeletebeforereplace(), options.getDeletebeforereplacedefined()]).to.deep.equal([true, true]);
        expect(options.getAliasesList()).to.deep.equal(["urn:old"]);
        expect(options.getAdditionalsecretoutputsList()).to.deep.equal(["password"]);
        expect([options.getCustomtimeouts().getCreate(), options.getCustomtimeouts().getUpdate(), options.getCustomtimeouts().getDelete()]).to.deep.equal([300, 0, 0]);
        expect(options.getParent()).to.equal(SAMPLE_USER.parent);
        expect(resourceOptions({ ...SAMPLE_USER, parent: undefined }).getCustomtimeouts()).to.equal(undefined);
    });

    it("inputs are the properties without the output-only keys", () => {
        expect(inputsOf(SAMPLE_USER)).to.deep.equal({ name: "alice", path: "/eng/", tags: SAMPLE_USER.properties.tags });
        expect(inputsOf({ ...SAMPLE_USER, outputOnlyKeys: undefined })).to.have.property("arn");
    });

    it("the provider: found by its URN (its reference without the id), from a list or an index; the first of a URN wins", () => {
        const index = resourcesByUrn([...SAMPLE_RESOURCES, { ...PROVIDER, name: "duplicate" }]);
        expect(index.get(PROVIDER.urn)!.name).to.equal("default_7_48_0");
        for (const all of [SAMPLE_RESOURCES, index]) {
            const provider = providerOf(withProvider(SAMPLE_USER), all)!;
            expect([provider.getType(), provider.getName(), provider.getUrn()]).to.deep.equal([PROVIDER.type, PROVIDER.name, PROVIDER.urn]);
            expect(provider.getProperties().toJavaScript()).to.deep.equal({ region: "eu-central-1" });
        }
        expect(providerOf(SAMPLE_USER, SAMPLE_RESOURCES)).to.equal(undefined);
        expect(providerOf({ ...SAMPLE_USER, provider: "urn:pulumi:dev::team::pulumi:providers:aws::gone::id" }, SAMPLE_RESOURCES)).to.equal(undefined);
    });

    it("Analyze sees the inputs (or what a remediation left), AnalyzeStack the outputs, parent and dependencies", () => {
        const user = withProvider({ ...SAMPLE_USER, dependencies: ["urn:dep"], propertyDependencies: { path: ["urn:dep"] } });
        const analyze = analyzeRequest(user, SAMPLE_RESOURCES);
        expect([analyze.getType(), analyze.getUrn(), analyze.getName()]).to.deep.equal([user.type, user.urn, "alice"]);
        expect(analyze.getProperties().toJavaScript()).to.not.have.property("arn");
        expect(analyze.getProvider().getName()).to.equal("default_7_48_0");
        expect(analyzeRequest(user, SAMPLE_RESOURCES, { name: "remediated" }).getProperties().toJavaScript()).to.deep.equal({ name: "remediated" });
        const stack = analyzeStackRequest([...SAMPLE_RESOURCES.filter((r) => r !== SAMPLE_USER), user]);
        const sent = stack.getResourcesList().find((r: any) => r.getUrn() === user.urn);
        expect(sent.getProperties().toJavaScript()).to.have.property("arn");
        expect(sent.getParent()).to.equal(user.parent);
        expect(sent.getDependenciesList()).to.deep.equal(["urn:dep"]);
        expect(sent.getPropertydependenciesMap().get("path").getUrnsList()).to.deep.equal(["urn:dep"]);
        expect(sent.getProvider().getUrn()).to.equal(PROVIDER.urn);
        expect(stack.getResourcesList()).to.have.length(SAMPLE_RESOURCES.length);
    });
});
