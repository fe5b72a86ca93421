import { expect } from "chai";
import * as path from "path";
import { AuditInputError } from "../../../account";
import { readAuditInputs } from "../../../tools/audit/readAuditInputs";

const FIXTURES = path.resolve(__dirname, "../../fixtures/audit");

describe("audit — readAuditInputs: the CLI reads the files and hands their text to the parsers", () => {
    it("paths relative to where the command was typed; each input parsed, sources named as given", () => {
        const inputs = readAuditInputs({
            cwd: FIXTURES,
            authorizationDetails: "authorization-details.json",
            credentialReport: "credential-report.csv",
            virtualMfaDevices: "virtual-mfa-devices.json",
            exemptions: "exemptions.json",
        });
        expect(inputs.authorizationDetails.users.length).to.be.greaterThan(0);
        expect(inputs.credentialReport!.users.size).to.be.greaterThan(0);
        expect(inputs.virtualMfaDevices).to.be.an("array");
        expect(inputs.exemptions!.users.length + inputs.exemptions!.roles.length).to.be.greaterThan(0);
        expect(inputs.rootCredentials).to.equal(undefined);
        expect(inputs.sources).to.deep.equal({ authorizationDetails: "authorization-details.json", credentialReport: "credential-report.csv" });
    });

    it("the exemptions of a stack from its Pulumi.<stack>.yaml, in stackDir; an exemptions file wins over a stack", () => {
        const fromStack = readAuditInputs({ cwd: path.dirname(FIXTURES), authorizationDetails: "audit/authorization-details.json", stack: "audited", stackDir: "audit" });
        expect(fromStack.exemptions!.users.map((e) => e.name)).to.include("breakglass");
        expect(fromStack.exemptions!.enforcedGroupName).to.equal("mfa-enforced");
        // the stack named here does not exist: reading it would fail, so the file was taken
        const both = readAuditInputs({ cwd: FIXTURES, authorizationDetails: "authorization-details.json", exemptions: "exemptions.json", stack: "nonexistent" });
        expect(both.exemptions).to.not.equal(undefined);
    });

    it("a file that is not there is an input error naming it as given", () => {
        let error: unknown;
        try {
            readAuditInputs({ cwd: FIXTURES, authorizationDetails: "missing.json" });
        } catch (err) {
            error = err;
        }
        expect(error).to.be.instanceOf(AuditInputError);
        expect((error as Error).message).to.equal("missing.json: no such file");
        expect(() => readAuditInputs({ cwd: FIXTURES, authorizationDetails: "authorization-details.json", stack: "nope" })).to.throw(AuditInputError, /Pulumi\.nope\.yaml: no such file$/);
        expect(() => readAuditInputs({ cwd: FIXTURES, authorizationDetails: "credential-report.csv" })).to.throw(AuditInputError, /^credential-report\.csv: is not valid JSON/);
    });
});
