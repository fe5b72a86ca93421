/**
 * Enforcement's part of the stack config: the group, the policy, declared users and exemptions — defaults, and one
 * line per problem naming the key and the rule (more cases run through the whole program in forceMfaStack.test.ts).
 */
import { expect } from "chai";
import { checkStackConfig } from "../../../program/stackConfig";

const QUIET = { detection: { enabled: false } };

function problems(raw: Record<string, unknown>) {
    return checkStackConfig({ ...QUIET, ...raw }).problems;
}

describe("config of enforcement", () => {
    it("defaults: group mfa-enforced, policy ForceMFA, nobody declared or exempted, password change before enrollment, 12 h MFA", () => {
        const { config } = checkStackConfig(QUIET);
        expect(config).to.deep.include({
            enforcedGroupName: "mfa-enforced",
            policyName: "ForceMFA",
            users: [],
            exemptions: [],
            allowPasswordChangeWithoutMfa: true,
            maxMfaAgeSeconds: 43200,
        });
    });

    it("a declared user gets path / and no tags by default; an exemption's reason is kept trimmed", () => {
        const { config } = checkStackConfig({ ...QUIET, users: [{ name: "alice" }], exemptions: [{ name: "breakglass", reason: "  safe  " }] });
        expect(config!.users).to.deep.equal([{ name: "alice", path: "/", tags: {} }]);
        expect(config!.exemptions).to.deep.equal([{ name: "breakglass", reason: "safe" }]);
    });

    it("each problem of the users and exemptions on its own line", () => {
        expect(problems({ users: "alice" })).to.deep.equal(['users: must be a list, got "alice"']);
        expect(problems({ users: [{ name: "alice", group: "x" }, { name: "Alice" }, 5] })).to.deep.equal([
            "users[0].group: unknown key (allowed: name, path, tags)",
            'users[2]: must be an object {name, path?, tags?}, got 5',
            'users[1].name: "Alice" is declared twice (IAM user names are case-insensitive)',
        ]);
        expect(problems({ users: [{ name: "a", tags: { team: 1 } }] })).to.deep.equal(['users[0].tags: must be a map of tag names to string values, got {"team":1}']);
        expect(problems({ exemptions: [{ name: "bob", reason: "a" }, { name: "bob", reason: "" }] })).to.deep.equal([
            'exemptions[1].reason: an exemption of "bob" needs a non-empty reason (it is shown to auditors)',
            'exemptions[1].name: "bob" is exempted twice',
        ]);
        expect(problems({ exemptions: [{ name: "bob smith", reason: "a" }] })).to.deep.equal(['exemptions[0].name: must be an IAM user name, got "bob smith"']);
    });

    it("an exemption's terms: kept as given, each checked — real ISO dates, an end not before the start", () => {
        const terms = { approvedBy: " ciso ", ticket: "SEC-7", grantedOn: "2026-05-01", expiresOn: "2026-08-01" };
        const { config } = checkStackConfig({ ...QUIET, exemptions: [{ name: "bob", reason: "r", ...terms }] });
        expect(config!.exemptions).to.deep.equal([{ name: "bob", reason: "r", ...terms, approvedBy: "ciso" }]);
        expect(problems({ exemptions: [{ name: "bob", reason: "r", grantedOn: "2026-02-30", expiresOn: "01/08/2026", approvedBy: " " }] })).to.deep.equal([
            'exemptions[0].approvedBy: must be a non-empty name, got " "',
            'exemptions[0].grantedOn: must be a date that exists, got "2026-02-30"',
            'exemptions[0].expiresOn: must be an ISO date (YYYY-MM-DD), the last day the exemption counts, got "01/08/2026"',
        ]);
        expect(problems({ exemptions: [{ name: "bob", reason: "r", grantedOn: "2026-05-01", expiresOn: "2026-04-30" }] })).to.deep.equal([
            'exemptions[0].expiresOn: the exemption of "bob" would end (2026-04-30) before it was granted (2026-05-01)',
        ]);
    });

    it("names and numbers: the rule and the value as written", () => {
        expect(problems({ enforcedGroupName: "mfa enforced", maxMfaAgeSeconds: 899 })).to.deep.equal([
            'enforcedGroupName: must be an IAM group name (1-128 of letters, digits and +=,.@_-), got "mfa enforced"',
            "maxMfaAgeSeconds: must be an integer from 900 to 129600, got 899",
        ]);
    });
});
