import { expect } from "chai";
import { AnalyzerInfo, analyzerInfoOf, checkPolicyConfigShape, configureRequest, PolicyInfo } from "../../../tools/preview/policyConfig";
import { analyzerMessages, Struct } from "../../../tools/preview/pulumiProto";

const exemptUsers = { type: "array", items: { type: "object", properties: { name: { type: "string" }, reason: { type: "string", minLength: 1 } }, required: ["name", "reason"] } };

function policy(name: string, extra: Partial<PolicyInfo> = {}): PolicyInfo {
    return {
        name,
        description: `${name}.`,
        policyType: "stack",
        tags: [],
        enforcementLevel: "mandatory",
        severity: "high",
        configDefaults: { enforcedGroupName: "mfa-enforced" },
        configSchema: { type: "object", properties: { enforcedGroupName: { type: "string" }, exemptUsers }, required: [], additionalProperties: false },
        ...extra,
    };
}

const INFO: AnalyzerInfo = { name: "force-mfa-guard", version: "0.1.0", tags: [], policies: [policy("iam-user-requires-mfa"), policy("iam-group-requires-mfa", { enforcementLevel: "advisory" })] };

/** The Configure request read back: each policy's level number and config values. */
function configured(config?: Parameters<typeof configureRequest>[1]): Record<string, { level: number; values: Record<string, unknown> }> {
    const request = configureRequest(INFO, config);
    const out: Record<string, { level: number; values: Record<string, unknown> }> = {};
    request.getPolicyconfigMap().forEach((value: any, key: string) => (out[key] = { level: value.getEnforcementlevel(), values: value.getProperties().toJavaScript() }));
    return out;
}

describe("preview — policyConfig: a pack's policies and the Configure request of --policy-pack-config", () => {
    it("no config: every policy at its own level with its schema's defaults", () => {
        expect(configured()).to.deep.equal({
            "iam-user-requires-mfa": { level: 1, values: { enforcedGroupName: "mfa-enforced" } },
            "iam-group-requires-mfa": { level: 0, values: { enforcedGroupName: "mfa-enforced" } },
        });
    });

    it("a level per policy, `all` for the others, and config values merged over the defaults (enforcementLevel taken out)", () => {
        const out = configured({ all: "disabled", "iam-user-requires-mfa": { enforcementLevel: "advisory", exemptUsers: [{ name: "ci", reason: "pipeline" }] } });
        expect(out["iam-user-requires-mfa"]).to.deep.equal({ level: 0, values: { enforcedGroupName: "mfa-enforced", exemptUsers: [{ name: "ci", reason: "pipeline" }] } });
        expect(out["iam-group-requires-mfa"].level).to.equal(2);
        expect(configured({ "iam-group-requires-mfa": "remediate" })["iam-group-requires-mfa"].level).to.equal(3);
    });

    it("refuses a policy the pack does not have, a key the policy does not declare, and values its schema refuses", () => {
        expect(() => configured({ "iam-user-require-mfa": "advisory" })).to.throw("policy config names policies that force-mfa-guard does not have: iam-user-require-mfa");
        expect(() => configured({ "iam-user-requires-mfa": { exemptUser: [] } })).to.throw('policy iam-user-requires-mfa: config: must NOT have additional properties "exemptUser"');
        expect(() => configured({ "iam-user-requires-mfa": { exemptUsers: [{ name: "ci" }] } })).to.throw("policy iam-user-requires-mfa: exemptUsers/0: must have required property 'reason'");
        expect(() => configured({ "iam-user-requires-mfa": { exemptUsers: [{ name: "ci", reason: "" }], enforcedGroupName: 5 } })).to.throw(/^policy iam-user-requires-mfa: (?=.*exemptUsers\/0\/reason: must NOT have fewer than 1 characters)(?=.*enforcedGroupName: must be string)/);
    });

    it("refuses levels that are not enforcement levels, including names every object has", () => {
        expect(() => configured({ "iam-user-requires-mfa": "strict" as never })).to.throw('policy iam-user-requires-mfa: enforcement level must be advisory, mandatory, remediate or disabled, got "strict"');
        expect(() => configured({ all: "blocking" as never })).to.throw(/^all: must be an enforcement level/);
        expect(() => configured({ "iam-user-requires-mfa": { enforcementLevel: 1 } })).to.throw(/enforcement level must be/);
        // an inherited property of a plain object is no level either
        expect(() => configured({ "iam-user-requires-mfa": "constructor" as never })).to.throw(/enforcement level must be/);
        expect(() => configured({ all: "toString" as never })).to.throw(/^all: must be an enforcement level/);
    });

    it("checkPolicyConfigShape: an object of policy names to a level or an object, whatever the pack", () => {
        expect(() => checkPolicyConfigShape({ a: "advisory", b: { x: 1 } })).to.not.throw();
        expect(() => checkPolicyConfigShape([])).to.throw("must be an object of policy names, got []");
        expect(() => checkPolicyConfigShape(null)).to.throw("must be an object of policy names, got null");
        expect(() => checkPolicyConfigShape("advisory")).to.throw(/must be an object of policy names/);
        expect(() => checkPolicyConfigShape({ a: 1 })).to.throw("policy a: must be an enforcement level or an object of config values, got 1");
        expect(() => checkPolicyConfigShape({ a: [] })).to.throw(/policy a: /);
        expect(() => checkPolicyConfigShape({ a: null })).to.throw(/policy a: /);
    });

    it("analyzerInfoOf reads GetAnalyzerInfo: levels, severities, types, schema defaults and the pack's metadata", () => {
        const schema = new analyzerMessages.PolicyConfigSchema();
        schema.setProperties(Struct.fromJavaScript({ enforcedGroupName: { type: "string", default: "mfa-enforced" }, exemptUsers }));
        schema.setRequiredList(["enforcedGroupName"]);
        const p = new analyzerMessages.PolicyInfo();
        p.setName("iam-user-requires-mfa");
        p.setDescription("Users act only with MFA.");
        p.setEnforcementlevel(1);
        p.setConfigschema(schema);
        p.setSeverity?.(3);
        p.setPolicyType?.(2);
        const bare = new analyzerMessages.PolicyInfo();
        bare.setName("bare");
        bare.setEnforcementlevel(9);
        const raw = new analyzerMessages.AnalyzerInfo();
        raw.setName("force-mfa-guard");
        raw.setVersion("0.1.0");
        raw.setPoliciesList([p, bare]);
        const info = analyzerInfoOf(raw);
        expect(info).to.include({ name: "force-mfa-guard", version: "0.1.0", displayName: undefined, readme: undefined });
        expect(info.policies[0]).to.deep.include({
            name: "iam-user-requires-mfa",
            enforcementLevel: "mandatory",
            configDefaults: { enforcedGroupName: "mfa-enforced" },
            configSchema: { type: "object", properties: { enforcedGroupName: { type: "string", default: "mfa-enforced" }, exemptUsers }, required: ["enforcedGroupName"], additionalProperties: false },
        });
        if (p.setSeverity) {
            expect(info.policies[0]).to.include({ severity: "high", policyType: "stack" });
        }
        // a level the protocol does not define reads advisory; no schema, no defaults and no keys allowed
        expect(info.policies[1]).to.deep.include({ enforcementLevel: "advisory", severity: "unspecified", policyType: "unspecified", configDefaults: {} });
        expect(info.policies[1].configSchema).to.deep.equal({ type: "object", properties: {}, required: [], additionalProperties: false });
    });
});
