import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { AuditInputError } from "../../../account/inputs/auditInputError";
import { parseExemptionsFile, parseStackExemptions } from "../../../account/inputs/exemptions";

const ROOT = path.join(__dirname, "../../..");

function refusal(run: () => unknown): AuditInputError {
    try {
        run();
    } catch (err) {
        expect(err).to.be.instanceOf(AuditInputError);
        return err as AuditInputError;
    }
    throw new Error("accepted");
}

describe("exemptions", () => {
    it("reads a users/roles file, a plain list and the pack's config file", () => {
        const file = parseExemptionsFile(fs.readFileSync(path.join(ROOT, "test/fixtures/audit/exemptions.json"), "utf8"), "e.json");
        expect(file.users.map((e) => e.name)).to.deep.equal(["breakglass"]);
        expect(file.roles.map((e) => e.name)).to.deep.equal(["vendor-readonly"]);
        const list = parseExemptionsFile("- name: ci\n  reason: migrating to OIDC by March\n", "e.yaml");
        expect(list.users).to.deep.equal([{ name: "ci", reason: "migrating to OIDC by March" }]);
        const pack = parseExemptionsFile(fs.readFileSync(path.join(ROOT, "policy-pack/config.example.json"), "utf8"), "config.json");
        expect(pack.users.map((e) => e.name)).to.deep.equal(["breakglass"]);
        expect(pack.roles.map((e) => e.name)).to.deep.equal(["vendor-readonly"]);
    });

    it("reads a stack's force-mfa:exemptions and enforced group", () => {
        const stack = parseStackExemptions(fs.readFileSync(path.join(ROOT, "test/fixtures/audit/Pulumi.audited.yaml"), "utf8"), "Pulumi.audited.yaml");
        expect(stack.users.map((e) => e.name)).to.deep.equal(["breakglass"]);
        expect(stack.enforcedGroupName).to.equal("mfa-enforced");
        const example = parseStackExemptions(fs.readFileSync(path.join(ROOT, "Pulumi.example.yaml"), "utf8"), "Pulumi.example.yaml");
        expect(example.users.length).to.be.greaterThan(0);
        expect(example.users.every((e) => e.reason.length > 0)).to.equal(true);
    });

    it("refuses an exemption without a reason, twice the same name, unknown keys and secrets", () => {
        const noReason = refusal(() => parseExemptionsFile('[{"name": "ci"}]', "e.json"));
        expect(noReason.message).to.equal("e.json: exemptions[0].reason: must say why ci may act without MFA, found nothing");
        expect(refusal(() => parseExemptionsFile('{"users": [{"name": "a", "reason": "x"}, {"name": "A", "reason": "y"}]}', "e.json")).place).to.equal("users[1].name");
        expect(refusal(() => parseExemptionsFile('{"users": [], "groups": []}', "e.json")).place).to.equal("groups");
        expect(refusal(() => parseExemptionsFile('[{"name": "a", "reason": "x", "until": "2027"}]', "e.json")).place).to.equal("exemptions[0].until");
        const secret = "config:\n  force-mfa:exemptions:\n    - name: a\n      reason:\n        secure: AAABAx==\n";
        expect(refusal(() => parseStackExemptions(secret, "Pulumi.s.yaml")).place).to.equal("config.force-mfa:exemptions[0].reason");
        expect(refusal(() => parseExemptionsFile("users: [", "e.yaml")).rule).to.match(/not valid JSON or YAML/);
    });
});
