import { expect } from "chai";
import { AuditInputError } from "../../../account";
import { parseOptions, readNow, reportBadInput, UsageError } from "../../../tools/audit/commandLine";

describe("audit — commandLine: what the account tools' command lines share", () => {
    it("options read strictly: unknown options, positionals and missing values are usage errors", () => {
        const options = { json: { type: "boolean" }, out: { type: "string" } } as const;
        expect(parseOptions(["--json", "--out", "x.json"], options)).to.deep.equal({ json: true, out: "x.json" });
        expect(() => parseOptions(["--jsn"], options)).to.throw(UsageError, /Unknown option '--jsn'/);
        expect(() => parseOptions(["report.json"], options)).to.throw(UsageError, /Unexpected argument 'report.json'/);
        expect(() => parseOptions(["--out"], options)).to.throw(UsageError, /argument missing/);
    });

    it("--now: an ISO 8601 date-time, or a date, of a day the calendar has", () => {
        expect(readNow("2026-12-01T12:00:00Z").toISOString()).to.equal("2026-12-01T12:00:00.000Z");
        expect(readNow("2026-12-01").toISOString()).to.equal("2026-12-01T00:00:00.000Z");
        // a day the calendar does not have is refused, not moved to the next month
        for (const bad of ["yesterday", "12/01/2026", "2026-13-01", "1764590400000", "2026-02-30", "2026-02-29T10:00:00Z", "2026-04-31"]) {
            expect(() => readNow(bad), bad).to.throw(UsageError, `--now: "${bad}" is not an ISO 8601 date-time`);
        }
    });

    it("bad input on stderr with exit 2: input errors name their file and place, usage errors point at --help", () => {
        const lines: string[] = [];
        const io = { stdout: () => undefined, stderr: (t: string) => lines.push(t), cwd: "/" };
        expect(reportBadInput("force-mfa-audit", new UsageError("--fail-on: names no condition"), io)).to.equal(2);
        expect(reportBadInput("force-mfa-audit", new AuditInputError("details.json", "UserDetailList", "must be a list"), io)).to.equal(2);
        expect(lines).to.deep.equal(["force-mfa-audit: --fail-on: names no condition\nRun with --help for usage.\n", "force-mfa-audit: details.json: UserDetailList: must be a list\n"]);
    });
});
