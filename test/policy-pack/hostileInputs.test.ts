/**
 * Inputs IAM accepts that used to stall a preview for seconds to minutes (backtracking globs, quadratic linking):
 * each is answered, and with the right verdict. No time is asserted; a hang would fail the suite's own time-out.
 */
import { expect } from "chai";
import { enrollmentNotLockedOut } from "../../policy-pack/policies/enrollmentNotLockedOut";
import { groupRequiresMfa } from "../../policy-pack/policies/groupRequiresMfa";
import { roleTrustRequiresMfa } from "../../policy-pack/policies/roleTrustRequiresMfa";
import { userRequiresMfa } from "../../policy-pack/policies/userRequiresMfa";
import { ADMIN_DOCUMENT, enforcedStack, FakeResource, forceMfaDocument, group, mfaDenyStatement, policy, resource, role, runPolicy, runStackPolicy, UNKNOWN, user } from "./stackFixtures";

function userPolicy(u: FakeResource, name: string, statements: object[]): FakeResource {
    return resource("aws:iam/userPolicy:UserPolicy", `${u.name}-${name}`, { name, user: u.props.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) }, { user: [u] });
}

describe("force-mfa-guard on inputs that stall backtracking or quadratic evaluators", () => {
    it('a NotAction of "iam:*?*?*?*?*?*?*?*?#" exempts nothing: the deny enforces MFA and locks users out', async () => {
        const deny = policy("DenyAll", JSON.stringify({ Version: "2012-10-17", Statement: [mfaDenyStatement({ NotAction: "iam:*?*?*?*?*?*?*?*?#" })] }));
        const stack = [deny, user("bob"), resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "bob-deny", { user: "bob", policyArn: UNKNOWN }, { policyArn: [deny] })];
        expect(await runStackPolicy(userRequiresMfa, stack)).to.deep.equal([]);
        const lockOut = await runPolicy(enrollmentNotLockedOut, stack);
        expect(lockOut.map((r) => r.message).join("\n")).to.match(/denies enrolling/);
    });

    it("25,000 RolePolicy on one role: counted once each by name, and the message names ten of them", async () => {
        const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
        const policies = Array.from({ length: 25_000 }, (_, i) => resource("aws:iam/rolePolicy:RolePolicy", `p${i}`, { role: "deployer", name: `p${i}`, policy: document }));
        const reported = await runPolicy(roleTrustRequiresMfa, [...policies, policies[0]]);
        expect(reported).to.have.length(1);
        expect(reported[0].urn).to.equal(policies[0].urn);
        expect(reported[0].message).to.include(`are ${(25_000 * document.length).toLocaleString("en-US")} characters together`);
        expect(reported[0].message).to.include('"p9" (RolePolicy "p9") and 24,990 more), over IAM\'s quota of 10,240');
    });

    it('a 64-character user name under StringLike aws:username "*a*a*a*a*a*a*b" is judged on its name', async () => {
        const name = "a".repeat(64);
        const u = user(name);
        const condition = { StringLike: { "aws:username": "*a*a*a*a*a*a*b" }, BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } };
        const stack = [...enforcedStack([u]), userPolicy(u, "NoDevices", [{ Effect: "Deny", Action: "iam:EnableMFADevice", Resource: "*", Condition: condition }])];
        expect(await runPolicy(enrollmentNotLockedOut, stack)).to.deep.equal([]);
        const named = [...enforcedStack([user(`${"a".repeat(63)}b`)])];
        named.push(userPolicy(named[3], "NoDevices", [{ Effect: "Deny", Action: "iam:EnableMFADevice", Resource: "*", Condition: condition }]));
        expect((await runPolicy(enrollmentNotLockedOut, named)).map((r) => r.message).join("\n")).to.match(/cannot enroll/);
    });

    it("a 500-character user path against Resource user/a*a*a*a*b/${aws:username} is judged on its path", async () => {
        const path = `/${"a".repeat(498)}/`;
        const u = user("bob", { path });
        const stack = [...enforcedStack([u]), userPolicy(u, "NoDevices", [{ Effect: "Deny", Action: "iam:EnableMFADevice", Resource: "arn:aws:iam::*:user/a*a*a*a*b/${aws:username}" }])];
        expect(await runPolicy(enrollmentNotLockedOut, stack)).to.deep.equal([]);
        const matching = user("bob", { path: `/${"a".repeat(497)}b/` });
        const blocked = [...enforcedStack([matching]), userPolicy(matching, "NoDevices", [{ Effect: "Deny", Action: "iam:EnableMFADevice", Resource: "arn:aws:iam::*:user/a*a*a*a*b/${aws:username}" }])];
        expect((await runPolicy(enrollmentNotLockedOut, blocked)).map((r) => r.message).join("\n")).to.match(/cannot enroll/);
    });

    it('a trust Deny on Principal "a*" nine times does not name the trusted account', async () => {
        const trust = {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" },
                { Effect: "Deny", Principal: { AWS: "a*".repeat(9) }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
            ],
        };
        const reported = await runPolicy(roleTrustRequiresMfa, [role("deploy", trust)]);
        expect(reported).to.have.length(1);
        expect(reported[0].message).to.match(/lets arn:aws:iam::123456789012:root assume it/);
    });

    it("25,000 groups beside 25,000 inline policies of untraceable groups: one escaping member per group is named", async () => {
        const groups = Array.from({ length: 25_000 }, (_, i) => group(`team-${i}`));
        const untraced = Array.from({ length: 25_000 }, (_, i) =>
            resource("aws:iam/groupPolicy:GroupPolicy", `untraced-${i}`, { name: `p${i}`, group: UNKNOWN, policy: ADMIN_DOCUMENT }),
        );
        const members = [user("carol")];
        const membership = resource("aws:iam/groupMembership:GroupMembership", "team-0-members", { group: "team-0", users: ["carol"] }, { group: [groups[0]], users: members });
        const reported = await runStackPolicy(groupRequiresMfa, [...groups, ...untraced, ...members, membership]);
        expect(reported).to.have.length(1);
        expect(reported[0].message).to.match(/^group team-0 grants permissions .* which may be this group's/);
    });

    it("25,000 deny policies no one holds beside 25,000 enforced users: each policy is judged once, the users pass", async () => {
        const users = Array.from({ length: 25_000 }, (_, i) => user(`user-${i}`));
        const unattached = Array.from({ length: 25_000 }, (_, i) => policy(`Deny${i}`, forceMfaDocument()));
        const stack = [...enforcedStack(users), ...unattached];
        expect(await runPolicy(enrollmentNotLockedOut, stack)).to.deep.equal([]);
        expect(await runStackPolicy(userRequiresMfa, stack)).to.deep.equal([]);
    });

    it("documents far over AWS's size quotas are refused without being parsed: 20,000 statements inline and managed", async () => {
        const statements = Array.from({ length: 20_000 }, (_, i) => ({ Sid: `S${i}`, Effect: "Deny", Action: `s3:Get${i}*`, Resource: "*" }));
        const carol = user("carol");
        const huge = policy("HugeManaged", JSON.stringify({ Version: "2012-10-17", Statement: statements }));
        const attachment = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "carol-huge", { user: "carol", policyArn: UNKNOWN }, { user: [carol], policyArn: [huge] });
        // The module the graph parses with, as it calls it: every document parsed in the call is seen here.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const documents: { parsePolicyDocument: (value: unknown, kind?: string) => unknown } = require("../../policy-pack/iam/policyDocument");
        const parse = documents.parsePolicyDocument;
        const parsedLengths: number[] = [];
        documents.parsePolicyDocument = (value, kind) => {
            parsedLengths.push((typeof value === "string" ? value : JSON.stringify(value)).length);
            return parse(value, kind);
        };
        try {
            const reported = await runStackPolicy(userRequiresMfa, [carol, userPolicy(carol, "Huge", statements), huge, attachment]);
            expect(reported).to.have.length(1);
            expect(reported[0].message).to.include("AWS refuses the inline policies of user carol (LimitExceeded");
            expect(reported[0].message).to.include('policy "HugeManaged": AWS refuses it (LimitExceeded: a managed policy is at most 6,144 characters');
        } finally {
            documents.parsePolicyDocument = parse;
        }
        expect(Math.max(0, ...parsedLengths)).to.be.below(10_240);
    });
});
