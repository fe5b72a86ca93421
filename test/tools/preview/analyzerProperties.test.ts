/**
 * Property values as the engine marshals them for analyzers, and as reports show them.
 */
import { expect } from "chai";
import { analyzerProperties, maskSecrets, OUTPUT_VALUE_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY } from "../../../tools/preview/analyzerProperties";
import { UNKNOWN } from "../../../tools/preview/capturedResource";

const reference = (urn: string, id?: string) => ({ [SIG_KEY]: RESOURCE_SIG, urn, ...(id === undefined ? {} : { id }) });
const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("analyzer properties", () => {
    it("a resource reference becomes its id (unknown while empty), a component's its URN, wherever it is nested", () => {
        const role = "urn:pulumi:s::p::aws:iam/role:Role::r";
        const team = "urn:pulumi:s::p::acme:index:Team::t";
        expect(
            analyzerProperties({ role: reference(role, "r-123"), pending: reference(role, ""), tags: { team: reference(team) }, roles: [reference(role, "r-123")] }),
        ).to.deep.equal({ role: "r-123", pending: UNKNOWN, tags: { team }, roles: ["r-123"] });
    });

    it("secrets are kept as secrets; output values become their value, unknown when not known, secret when secret", () => {
        expect(
            analyzerProperties({
                password: secret("hunter2"),
                known: { [SIG_KEY]: OUTPUT_VALUE_SIG, value: "v" },
                unknown: { [SIG_KEY]: OUTPUT_VALUE_SIG },
                hidden: { [SIG_KEY]: OUTPUT_VALUE_SIG, value: "s", secret: true },
            }),
        ).to.deep.equal({ password: secret("hunter2"), known: "v", unknown: UNKNOWN, hidden: secret("s") });
    });

    it("reports mask secrets anywhere", () => {
        expect(maskSecrets({ a: secret("x"), list: [1, secret({ deep: true })], plain: "p" })).to.deep.equal({ a: "[secret]", list: [1, "[secret]"], plain: "p" });
    });
});
