/**
 * Requests with their properties lifted from the bytes before google-protobuf decodes them: the SDK must read every
 * resource and provider as it would have from the request as it came, and a resource of a type no per-resource
 * policy reads as having no properties and no provider. Driven through the SDK's own message classes, as
 * run-policy-pack decodes them (the pack wraps their deserializeBinary).
 */
import { expect } from "chai";
import "../../../policy-pack/policies";
import { HIDDEN_TAG, liftRequest, liftStackRequest } from "../../../policy-pack/stack/liftedProperties";
import { WireReader } from "../../../policy-pack/stack/protoWire";
import { rawProps } from "../../../policy-pack/stack/knownValues";
import { resource } from "../../../tools/bench/accountScaleStack";
import { analyzeRequest, analyzeStackRequest } from "../../../tools/preview/analyzerRequests";
import { CapturedResource } from "../../../tools/preview/capturedResource";
import { analyzerMessages, pulumiDir, Struct } from "../../../tools/preview/pulumiProto";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkDeserialize = require("@pulumi/policy/deserialize");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BinaryReader } = require(require.resolve("google-protobuf", { paths: [pulumiDir] }));

const provider: CapturedResource = {
    ...resource("pulumi:providers:aws", "default", { region: "eu-west-1", defaultTags: { tags: { team: "platform" } }, version: "6.83.0" }),
    custom: true,
};
const withProvider = (r: CapturedResource): CapturedResource => ({ ...r, provider: `${provider.urn}::04da6b54` });
const role = withProvider(resource("aws:iam/role:Role", "deploy", { name: "deploy", assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}', tags: { "owner/team": "ünïcødé" } }));
const user = withProvider(resource("aws:iam/user:User", "alice", { name: "alice", path: "/", forceDestroy: true }, { name: [provider.urn] }));
const members = resource("aws:iam/groupMembership:GroupMembership", "members", { group: "admins", users: ["alice", "bob"] }, {
    users: [user.urn, "urn:pulumi:test::force-mfa::aws:iam/user:User::bob"],
    group: ["urn:pulumi:test::force-mfa::aws:iam/group:Group::admins"],
});
const stack = [provider, role, user, members];
const standIns = { struct: () => ({}), propertyDependencies: () => ({}) };

type Message = { getProperties(): unknown; getProvider?(): Message | undefined; getUrn(): string; getType(): string; getName(): string };

/** google-protobuf's own decoding of the bytes, past the pack's wrapper. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function asItCame(Class: any, bytes: Uint8Array): any {
    return Class.deserializeBinaryFromReader(new Class(), new BinaryReader(bytes));
}

/** A length as protobuf writes it. */
function varint(n: number): number[] {
    return n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(n >>> 7)];
}

const props = (m: Message | undefined) => (m ? rawProps(sdkDeserialize.deserializeProperties(m.getProperties(), false)) : undefined);

describe("properties lifted from a request's bytes", () => {
    it("leaves every resource of an AnalyzeStack request, and its provider, as the SDK would have read it", () => {
        const bytes = analyzeStackRequest(stack).serializeBinary();
        const lifted = analyzerMessages.AnalyzeStackRequest.deserializeBinary(bytes).getResourcesList() as Message[];
        const original = asItCame(analyzerMessages.AnalyzeStackRequest, bytes).getResourcesList() as Message[];
        expect(lifted.map((r) => r.getUrn())).to.deep.equal(stack.map((r) => r.urn));
        lifted.forEach((r, i) => {
            const o = original[i];
            // Lifted: an empty Struct stands for the properties, which the SDK still reads in full.
            expect((r.getProperties() as { getFieldsMap(): { getLength(): number } }).getFieldsMap().getLength()).to.equal(0);
            expect([r.getType(), r.getName()]).to.deep.equal([o.getType(), o.getName()]);
            expect(props(r)).to.deep.equal(props(o)).and.to.deep.equal(stack[i].properties);
            expect(props(r.getProvider?.())).to.deep.equal(props(o.getProvider?.()));
            expect(r.getProvider?.()?.getUrn()).to.equal(o.getProvider?.()?.getUrn());
            // What remediation reads (secrets as proxies) is the same too.
            expect(rawProps(sdkDeserialize.deserializeProperties(r.getProperties(), true))).to.deep.equal(stack[i].properties);
        });
        expect(props(lifted[2].getProvider?.())).to.deep.equal(provider.properties);
        // Links too: dependencies, and property dependencies as the SDK reads them (each property's URNs).
        const deps = (r: Message) => (r as unknown as { getDependenciesList(): string[] }).getDependenciesList();
        expect(lifted.map(deps)).to.deep.equal(original.map(deps));
        expect(deps(lifted[3])).to.have.length(3);
        type Links = { getPropertydependenciesMap(): { entries(): { next(): { done: boolean; value?: [string, { getUrnsList(): string[] }] } } } };
        const propertyLinks = (r: Message) => {
            const out: [string, string[]][] = [];
            const it = (r as unknown as Links).getPropertydependenciesMap().entries();
            for (let e = it.next(); !e.done; e = it.next()) {
                out.push([e.value![0], e.value![1].getUrnsList()]);
            }
            return out;
        };
        expect(lifted.map(propertyLinks)).to.deep.equal(original.map(propertyLinks));
        expect(propertyLinks(lifted[3]).map(([k]) => k)).to.have.members(["users", "group"]);
    });

    it("reads a role's properties and its provider's for Analyze, as they came", () => {
        const request = analyzerMessages.AnalyzeRequest.deserializeBinary(analyzeRequest(role, stack).serializeBinary()) as Message;
        expect(props(request)).to.deep.equal(role.properties);
        expect(props(request.getProvider?.())).to.deep.equal(provider.properties);
        expect(request.getUrn()).to.equal(role.urn);
    });

    it("cuts, unread, the properties and provider of an Analyze request whose type no per-resource policy reads", () => {
        const request = analyzerMessages.AnalyzeRequest.deserializeBinary(analyzeRequest(user, stack).serializeBinary()) as Message & { getOptions(): unknown };
        const read = sdkDeserialize.deserializeProperties(request.getProperties(), false);
        expect(read).to.deep.equal({});
        expect(Object.isFrozen(read)).to.equal(true);
        expect(request.getProvider?.()).to.equal(undefined);
        expect([request.getType(), request.getUrn(), request.getName()]).to.deep.equal([user.type, user.urn, user.name]);
        expect(request.getOptions()).to.not.equal(undefined);
    });

    it("lets google-protobuf read a resource whose properties it would read differently or refuse", () => {
        // A second properties field holding a Value of no kind: google-protobuf keeps the last given and refuses it when
        // the SDK reads it, so the resource goes on as it came.
        const kindless = Buffer.from("0a030a016b", "hex");
        const bytes = Buffer.concat([analyzeRequest(role, []).serializeBinary(), Buffer.from([0x12, kindless.length]), kindless]);
        expect(liftRequest(bytes, new Set([role.type]), standIns).bytes).to.equal(bytes);
        const whole = Buffer.concat([Buffer.from([0x0a, ...varint(bytes.length)]), bytes]);
        expect(liftStackRequest(whole, standIns).bytes).to.equal(whole);
        // A dependency that is not UTF-8: google-protobuf reads it its own way, so the resource goes on as it came.
        const resourceBytes = Buffer.concat([analyzeStackRequest([user]).getResourcesList()[0].serializeBinary(), Buffer.from([0x42, 0x02, 0xc3, 0x28])]);
        const notUtf8 = Buffer.concat([Buffer.from([0x0a, ...varint(resourceBytes.length)]), resourceBytes]);
        expect(liftStackRequest(notUtf8, standIns).bytes).to.equal(notUtf8);
        // The same resource with a dependency that is: lifted.
        const utf8 = Buffer.from(notUtf8);
        utf8[utf8.length - 2] = 0x61;
        expect(liftStackRequest(utf8, standIns).bytes).to.not.equal(utf8);
        // Bytes that are not a message at all go on untouched.
        const broken = Uint8Array.from([0x0a, 0x7f, 0x01]);
        expect(liftRequest(broken, new Set(), standIns).bytes).to.equal(broken);
        expect(liftStackRequest(broken, standIns).bytes).to.equal(broken);
    });

    it("hides fields behind a field number no message it reads has, and leaves the request's own bytes as they came", () => {
        const struct = Buffer.from(Struct.fromJavaScript({ hidden: "yes" }).serializeBinary());
        const hiddenField = Buffer.concat([Buffer.from([HIDDEN_TAG, struct.length]), struct]);
        for (const Class of [analyzerMessages.AnalyzeRequest, analyzerMessages.AnalyzerResource, analyzerMessages.AnalyzerProviderResource]) {
            const plain = Buffer.from(new Class().serializeBinary());
            const decoded = asItCame(Class, Buffer.concat([plain, hiddenField])) as { serializeBinary(): Uint8Array };
            // Skipped: neither read into a field nor kept to be written again.
            expect(Buffer.from(decoded.serializeBinary())).to.deep.equal(plain);
        }
        const bytes = Buffer.from(analyzeStackRequest(stack).serializeBinary());
        const before = Buffer.from(bytes);
        const lifted = liftStackRequest(bytes, standIns);
        expect(lifted.bytes).to.not.equal(bytes);
        expect(bytes).to.deep.equal(before);
    });
});

describe("protobuf's wire format read in place", () => {
    it("moves field by field, and says when the bytes are not a message", () => {
        const struct = Buffer.from(Struct.fromJavaScript({ name: "alice" }).serializeBinary());
        // type "a/b", properties, an unknown varint field 8 = 150, a fixed64 field 9, a fixed32 field 10
        const bytes = Buffer.concat([
            Buffer.from([0x0a, 0x03, 0x61, 0x2f, 0x62, 0x12, struct.length]),
            struct,
            Buffer.from([0x40, 0x96, 0x01, 0x49, 1, 2, 3, 4, 5, 6, 7, 8, 0x55, 1, 2, 3, 4]),
        ]);
        const r = new WireReader(bytes);
        const seen: [number, number, number][] = [];
        while (r.pos < bytes.length) {
            const tag = r.varint(bytes.length);
            const at = r.pos;
            expect(r.skip(tag % 8, bytes.length)).to.equal(true);
            seen.push([Math.floor(tag / 8), tag % 8, r.pos - at]);
        }
        expect(seen).to.deep.equal([
            [1, 2, 4],
            [2, 2, 1 + struct.length],
            [8, 0, 2],
            [9, 1, 8],
            [10, 5, 4],
        ]);
        r.pos = 5;
        expect(r.varint(bytes.length)).to.equal(0x12);
        const end = r.contentsEnd(bytes.length);
        expect(bytes.subarray(r.pos, end)).to.deep.equal(struct);
        // Cut short, a group, a varint over ten bytes.
        const short = new WireReader(Buffer.from([0x05, 0x61]));
        expect(short.contentsEnd(2)).to.equal(-1);
        expect(new WireReader(Buffer.from([0x0b])).skip(3, 1)).to.equal(false);
        expect(new WireReader(Buffer.alloc(11, 0xff)).varint(11)).to.equal(-1);
        expect(new WireReader(Buffer.from([1, 2, 3])).skip(1, 3)).to.equal(false);
    });
});
