import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { renderJsonReport, REPORT_SCHEMA_VERSION } from "../../../account/output/jsonReport";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { auditInputs, NOW } from "../accountFixtures";
import { sampleReport } from "./sampleReport";

const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../account/output/auditReport.schema.json"), "utf8"));

describe("account output — jsonReport", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);

    it("the JSON output satisfies the documented schema, and the schema holds it to the statuses", async () => {
        const json = JSON.parse(renderJsonReport(await buildAuditReport(auditInputs(), { now: NOW })));
        expect(validate(json), JSON.stringify(validate.errors)).to.equal(true);
        const wrong = { ...json, principals: [{ ...json.principals[0], status: "passed" }] };
        expect(validate(wrong)).to.equal(false);
        const extra = { ...json, verdict: "ok" };
        expect(validate(extra)).to.equal(false);
    });

    it("the schema version leads, the report follows unchanged, and the file ends with a newline", () => {
        const report = sampleReport();
        const text = renderJsonReport(report);
        expect(text.endsWith("}\n")).to.equal(true);
        const json = JSON.parse(text);
        expect(Object.keys(json)[0]).to.equal("schemaVersion");
        expect(json.schemaVersion).to.equal(REPORT_SCHEMA_VERSION);
        const { schemaVersion, ...rest } = json;
        expect(schemaVersion).to.be.a("number");
        expect(rest).to.deep.equal(JSON.parse(JSON.stringify(report)));
        expect(validate(json), JSON.stringify(validate.errors)).to.equal(true);
    });
});
