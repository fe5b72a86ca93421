import { expect } from "chai";
import { renderTerminalSummary } from "../../../account/output/terminalSummary";
import { BOB, SAMPLE_ACCOUNT, sampleReport } from "./sampleReport";

describe("account output — terminalSummary", () => {
    const text = renderTerminalSummary(sampleReport(undefined, undefined, ["the exemption of user ghost names no user of the account"]));
    const lines = text.split("\n");

    it("heads with the account, the time and the enforced group, then counts worst first, per type", () => {
        expect(lines[0]).to.equal(`Account ${SAMPLE_ACCOUNT} audited at 2026-12-01T12:00:00.000Z; enforced group "mfa-enforced"`);
        expect(lines[1]).to.equal("7 principals: 2 escapes, 1 unenforced, 1 unverifiable, 1 not applicable, 1 exempt, 1 enforced");
        expect(lines[2]).to.equal("  users     4: 2 escapes, 1 exempt, 1 enforced");
        expect(lines[3]).to.equal("  groups    1: 1 unenforced");
        expect(lines[4]).to.equal("  roles     2: 1 unverifiable, 1 not applicable");
        expect(lines[5]).to.match(/^root: MFA active \(hardware TOTP\)/);
        expect(text.endsWith("\n")).to.equal(true);
    });

    it("lists each failing or set-aside principal under its status, with witness, boundary, credentials, notes and fix", () => {
        const at = lines.indexOf("Escapes (2):");
        expect(at).to.be.greaterThan(0);
        expect(lines.slice(at + 1, at + 7)).to.deep.equal([
            `  user bob: ${BOB.reason}`,
            "    witness: ec2:RunInstances on * with MFA absent (long-term access keys); path: policy \"Power\" via group admins",
            '    allowed by: policy "Power": statement 1; boundary: boundary "Edge": statement 1',
            "    credentials: MFA not active, password enabled, 2 active access key(s), 395 days without MFA",
            "    also: also locked out of enrolling",
            '    fix: add bob to the group "mfa-enforced"',
        ]);
        // statuses in order of severity; enforced principals are not listed one by one
        const headings = lines.filter((l) => /^[A-Z][a-z ]+ \(\d+\):$/.test(l));
        expect(headings).to.deep.equal(["Escapes (2):", "Unenforced (1):", "Unverifiable (1):", "Not applicable (1):", "Exempt (1):", "Other findings (1):"]);
        expect(text).to.not.contain("user alice");
        expect(lines.slice(lines.indexOf("Exempt (1):") + 1, lines.indexOf("Exempt (1):") + 2)).to.deep.equal(["  user breakglass: hardware MFA in the safe"]);
        expect(lines.at(-2)).to.equal("  the exemption of user ghost names no user of the account");
    });

    it("nothing found: counts say none, and no section is printed empty", () => {
        const empty = renderTerminalSummary({ ...sampleReport([]), account: undefined });
        expect(empty.split("\n").slice(0, 2)).to.deep.equal(['Account (unknown) audited at 2026-12-01T12:00:00.000Z; enforced group "mfa-enforced"', "0 principals: none"]);
        expect(empty).to.not.match(/\(\d+\):/);
    });
});
