import { expect } from "chai";
import * as path from "path";
import { pathToFileURL } from "url";
import { recordRegistrations, ROOT_STACK_TYPE } from "../../../tools/preview/engineRegistrations";
import { CaptureJob, UNKNOWN } from "../../../tools/preview/capturedResource";
import { pulumiDir, Struct } from "../../../tools/preview/pulumiProto";

const resourcePb = require(path.join(pulumiDir, "proto/resource_pb"));
const sourcePb = require(path.join(pulumiDir, "proto/source_pb"));

const ROOT = path.resolve(__dirname, "../../..");
const job = (mode: "preview" | "known" = "preview"): CaptureJob => ({
    programDir: ROOT,
    projectDir: ROOT,
    projectName: "team",
    stackName: "dev",
    stackConfig: { "aws:region": "eu-central-1", "aws:skipMetadataApiCheck": "true", "team:other": "x" },
    existingUsers: [],
    organization: "organization",
    mode,
    resultFile: "",
});

/** The mock monitor as the SDK's mocks shape it: it builds URNs with newUrn and answers with the state it is given. */
class FakeMonitor {
    invoked: string[] = [];
    newUrn(parent: string, type: string, name: string): string {
        return `mock::${parent}::${type}::${name}`;
    }
    registerResource(req: any, callback: (err: unknown, res: unknown) => void): void {
        const res = new resourcePb.RegisterResourceResponse();
        res.setUrn(this.newUrn(req.getParent(), req.getType(), req.getName()));
        res.setId(`${req.getName()}-id`);
        res.setObject(Struct.fromJavaScript({ arn: `arn:aws:iam::123456789012:user/${req.getName()}`, ...(req.getObject()?.toJavaScript() ?? {}) }));
        callback(null, res);
    }
    registerResourceOutputs(_req: any, callback: (err: unknown, res: unknown) => void): void {
        callback(null, {});
    }
    invoke(req: any, callback: (err: unknown, res: unknown) => void): void {
        this.invoked.push(req.getTok());
        callback(null, {});
    }
}

function registerRequest(type: string, name: string, fields: { custom?: boolean; parent?: string; object?: Record<string, unknown>; provider?: string; version?: string; remote?: boolean; protect?: boolean } = {}) {
    const req = new resourcePb.RegisterResourceRequest();
    req.setType(type);
    req.setName(name);
    req.setCustom(fields.custom ?? true);
    req.setParent(fields.parent ?? "");
    req.setObject(Struct.fromJavaScript(fields.object ?? {}));
    req.setProvider(fields.provider ?? "");
    req.setVersion(fields.version ?? "");
    req.setRemote(fields.remote ?? false);
    req.setProtect(fields.protect ?? false);
    return req;
}

const register = (monitor: FakeMonitor, req: unknown) => new Promise<any>((resolve, reject) => monitor.registerResource(req, (err, res) => (err ? reject(err) : resolve(res))));

describe("preview — engineRegistrations: what the engine would hold for each registration", () => {
    it("URNs as the engine builds them: a child's type qualified by its parent's whole type, except the stack's", async () => {
        const monitor = new FakeMonitor();
        const { stackUrn } = recordRegistrations(monitor, job());
        expect(stackUrn).to.equal(`urn:pulumi:dev::team::${ROOT_STACK_TYPE}::team-dev`);
        const outer = await register(monitor, registerRequest("team:index:People", "people", { custom: false, parent: stackUrn }));
        expect(outer.getUrn()).to.equal("urn:pulumi:dev::team::team:index:People::people");
        const inner = await register(monitor, registerRequest("team:index:Person", "alice", { custom: false, parent: outer.getUrn() }));
        expect(inner.getUrn()).to.equal("urn:pulumi:dev::team::team:index:People$team:index:Person::alice");
        const leaf = await register(monitor, registerRequest("aws:iam/user:User", "alice", { parent: inner.getUrn() }));
        expect(leaf.getUrn()).to.equal("urn:pulumi:dev::team::team:index:People$team:index:Person$aws:iam/user:User::alice");
    });

    it("a default provider per package and version, on first use, with the package's stack config; its id unknown in a preview", async () => {
        const monitor = new FakeMonitor();
        const { resources } = recordRegistrations(monitor, job());
        await register(monitor, registerRequest("aws:iam/user:User", "a", { version: "7.48.0" }));
        await register(monitor, registerRequest("aws:iam/user:User", "b", { version: "7.48.0" }));
        await register(monitor, registerRequest("aws:iam/user:User", "c", { provider: "urn:pulumi:dev::team::pulumi:providers:aws::eu::id" }));
        const providers = resources.filter((r) => r.type === "pulumi:providers:aws");
        expect(providers.map((p) => [p.name, p.properties])).to.deep.equal([["default_7_48_0", { region: "eu-central-1", skipMetadataApiCheck: "true", version: "7.48.0" }]]);
        const [a, b, c] = resources.filter((r) => r.type === "aws:iam/user:User");
        expect(a.provider).to.equal(`urn:pulumi:dev::team::pulumi:providers:aws::default_7_48_0::${UNKNOWN}`);
        expect(b.provider).to.equal(a.provider);
        expect(c.provider).to.equal("urn:pulumi:dev::team::pulumi:providers:aws::eu::id");
        // an invoke of a package uses its default provider too; `pulumi:` invokes are the engine's own
        invokeOf(monitor, "random:index/getThing:getThing");
        invokeOf(monitor, "pulumi:pulumi:getStack");
        expect(resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => r.urn.split("::").slice(2).join("::"))).to.deep.equal(["pulumi:providers:aws::default_7_48_0", "pulumi:providers:random::default"]);
        expect(monitor.invoked).to.deep.equal(["random:index/getThing:getThing", "pulumi:pulumi:getStack"]);
    });

    it("a preview's properties: inputs over state, computed outputs unknown, the id unknown; output-only keys named", async () => {
        const monitor = new FakeMonitor();
        const { resources } = recordRegistrations(monitor, job("preview"));
        await register(monitor, registerRequest("aws:iam/user:User", "alice", { object: { name: "alice", path: "/eng/" } }));
        const [user] = resources.filter((r) => r.type === "aws:iam/user:User");
        expect(user.properties).to.include({ name: "alice", path: "/eng/", id: UNKNOWN });
        expect(user.properties.uniqueId).to.equal(UNKNOWN);
        // the state's arn is kept: the mock answered it
        expect(user.properties.arn).to.equal("arn:aws:iam::123456789012:user/alice");
        expect(user.outputOnlyKeys).to.include.members(["id", "arn", "uniqueId"]);
        expect(user.outputOnlyKeys).to.not.include("name");
    });

    it("a known run keeps the id the mock gave; options, remote components and source positions are recorded", async () => {
        const monitor = new FakeMonitor();
        const { resources } = recordRegistrations(monitor, job("known"));
        const req = registerRequest("aws:s3/bucket:Bucket", "state", { protect: true });
        req.setIgnorechangesList(["tags"]);
        const position = new sourcePb.SourcePosition();
        position.setUri(pathToFileURL(path.join(ROOT, "index.ts")).href);
        position.setLine(7);
        position.setColumn(3);
        req.setSourceposition(position);
        await register(monitor, req);
        await register(monitor, registerRequest("eks:index:Cluster", "cluster", { custom: false, remote: true }));
        await register(monitor, registerRequest("team:index:Local", "local", { custom: false }));
        const bucket = resources.find((r) => r.name === "state")!;
        expect(bucket.properties.id).to.equal("state-id");
        expect(bucket.options).to.deep.include({ protect: true, ignoreChanges: ["tags"], deleteBeforeReplace: false });
        expect(bucket.sourcePosition).to.deep.equal({ file: path.join(ROOT, "index.ts"), line: 7, column: 3 });
        expect(resources.find((r) => r.name === "cluster")!.remote).to.equal(true);
        expect(resources.find((r) => r.name === "local")).to.not.have.property("remote");
        expect(resources.find((r) => r.name === "local")!.properties).to.not.have.property("id");
    });

    it("a component's registered outputs become its properties; the stack's are the program's exports, preview marks removed", async () => {
        const monitor = new FakeMonitor();
        const registrations = recordRegistrations(monitor, job());
        const component = await register(monitor, registerRequest("team:index:People", "people", { custom: false, parent: registrations.stackUrn }));
        const outputs = (urn: string, value: Record<string, unknown>) => {
            const req = new resourcePb.RegisterResourceOutputsRequest();
            req.setUrn(urn);
            req.setOutputs(Struct.fromJavaScript(value));
            monitor.registerResourceOutputs(req, () => undefined);
        };
        outputs(component.getUrn(), { count: 2 });
        outputs(registrations.stackUrn, { user: { "@isPulumiResource": true, name: "alice" }, names: ["a"] });
        const people = registrations.resources.find((r) => r.name === "people")!;
        expect(people.properties).to.deep.equal({ count: 2 });
        expect(people.outputOnlyKeys).to.deep.equal(["count"]);
        expect(registrations.stackOutputs()).to.deep.equal({ user: { name: "alice" }, names: ["a"] });
    });
});

function invokeOf(monitor: FakeMonitor, token: string): void {
    const req = new resourcePb.ResourceInvokeRequest();
    req.setTok(token);
    req.setProvider("");
    req.setVersion("");
    monitor.invoke(req, () => undefined);
}
