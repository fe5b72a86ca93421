/**
 * IAM glob matching: the same answers as a regular expression on small cases, the policy-string reading of `${...}`,
 * ASCII-only case folding, and patterns that make backtracking matchers hang (answered here, verdict asserted).
 */
import { expect } from "chai";
import { actionMatches, compilePattern, GlobMatcher, matchesWildcard } from "../../../policy-pack/iam/wildcard";
import { Rng } from "../oracle/rng";

/** A backtracking regular expression: right on short texts, which is all it is asked here. */
function reference(pattern: string, value: string): boolean {
    const body = [...pattern].map((ch) => (ch === "*" ? "[^]*" : ch === "?" ? "[^]" : ch.replace(/[.+^${}()|[\]\\/]/g, "\\$&"))).join("");
    return new RegExp(`^${body}$`).test(value);
}

const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function glob(text: string, options: Parameters<typeof compilePattern>[1] = { caseInsensitive: false }): GlobMatcher {
    const compiled = compilePattern(text, options);
    if (compiled.kind !== "glob") {
        throw new Error(`${text} is unresolved`);
    }
    return compiled;
}

describe("IAM glob matching", () => {
    it("answers as a regular expression does on thousands of generated patterns and texts", () => {
        const rng = new Rng(7);
        const alphabet = ["a", "b", "A", "*", "?", ":", "/"];
        for (let i = 0; i < 4000; i++) {
            const pattern = Array.from({ length: rng.int(10) }, () => rng.pick(alphabet)).join("");
            const value = Array.from({ length: rng.int(13) }, () => rng.pick(["a", "b", "A", ":", "/", "*"])).join("");
            for (const caseInsensitive of [false, true]) {
                const expected = caseInsensitive ? reference(fold(pattern), fold(value)) : reference(pattern, value);
                expect(matchesWildcard(pattern, value, caseInsensitive), `${JSON.stringify(pattern)} ~ ${JSON.stringify(value)} (${caseInsensitive})`).to.equal(expected);
            }
        }
    });

    it("finds `?` runs mixed with literals, longer than one machine word", () => {
        const pattern = `x*${"ab?".repeat(20)}*y`;
        expect(matchesWildcard(pattern, `x--${"abZ".repeat(20)}--y`, false)).to.equal(true);
        expect(matchesWildcard(pattern, `x--${"abZ".repeat(19)}ac---y`, false)).to.equal(false);
        expect(matchesWildcard(pattern, `x${"ab".repeat(5)}${"abQ".repeat(20)}y`, false)).to.equal(true);
    });

    it("folds ASCII only: the Kelvin sign is not k", () => {
        expect(actionMatches("iam:CreateAccessKey", "IAM:createaccesskey")).to.equal(true);
        expect(actionMatches("iam:CreateAccess\u212Aey", "iam:CreateAccessKey")).to.equal(false);
        expect(actionMatches("iam:*\u212A*", "iam:CreateAccessKey")).to.equal(false);
        expect(actionMatches("iam:CreateAccessKey", "iam:CreateAccess\u212Aey")).to.equal(false);
    });

    it("reads ${*}, ${?} and ${$} as literal characters, and a variable's value as literal text", () => {
        expect(glob("f${?}lse").test("false")).to.equal(false);
        expect(glob("f${?}lse").test("f?lse")).to.equal(true);
        expect(glob("a${*}").test("a*")).to.equal(true);
        expect(glob("a${*}").test("ab")).to.equal(false);
        expect(glob("${$}x").test("$x")).to.equal(true);
        expect(glob("${*}").matchesEverything).to.equal(false);
        const variables = new Map([["aws:username", "a*b"]]);
        const own = glob("arn:aws:iam::*:user/${aws:username}", { caseInsensitive: false, variables });
        expect(own.test("arn:aws:iam::123456789012:user/a*b")).to.equal(true);
        expect(own.test("arn:aws:iam::123456789012:user/axxb")).to.equal(false);
        expect(glob("user/${ AWS:UserName }", { caseInsensitive: false, variables }).test("user/a*b")).to.equal(true);
    });

    it("leaves a pattern unresolved when the request gives its variable no value", () => {
        expect(compilePattern("user/${aws:username}", { caseInsensitive: false })).to.deep.equal({ kind: "unresolved", variable: "aws:username" });
        expect(compilePattern("team/${aws:PrincipalTag/team, 'none'}", { caseInsensitive: false, variables: new Map() }).kind).to.equal("unresolved");
    });

    it("reads ${...} as plain text when the document has no policy variables (Version 2008-10-17 or none)", () => {
        const old = glob("user/${aws:username}", { caseInsensitive: false, variablesLiteral: true, variables: new Map([["aws:username", "bob"]]) });
        expect(old.test("user/${aws:username}")).to.equal(true);
        expect(old.test("user/bob")).to.equal(false);
        expect(glob("a${*}", { caseInsensitive: false, variablesLiteral: true }).test("a${xyz}")).to.equal(true);
    });

    it("answers patterns that make backtracking matchers hang", () => {
        const name = "a".repeat(64);
        expect(matchesWildcard("*a*a*a*a*a*a*b", name, false)).to.equal(false);
        expect(matchesWildcard("*a*a*a*a*a*a*b", `${name}b`, false)).to.equal(true);
        expect(actionMatches("iam:*?*?*?*?*?*?*?*?#", "iam:CreateVirtualMFADevice")).to.equal(false);
        const path = `arn:aws:iam::123456789012:user/${"a".repeat(500)}/bob`;
        expect(matchesWildcard("arn:aws:iam::*:user/a*a*a*a*b/bob", path, false)).to.equal(false);
        expect(matchesWildcard("a*".repeat(9), "arn:aws:iam::123456789012:user/banana-bandana", false)).to.equal(true);
        expect(matchesWildcard("a*".repeat(9), "arn:aws:iam::123456789012:root", false)).to.equal(false);
        expect(matchesWildcard(`${"a*".repeat(9)}#`, "a".repeat(2048), false)).to.equal(false);
        expect(matchesWildcard(`*${"?a".repeat(200)}*#`, "a".repeat(4096), false)).to.equal(false);
    });
});
