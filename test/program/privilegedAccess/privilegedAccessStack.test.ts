/**
 * Privileged access in the program (checkPrivilegedAccess, deployPrivilegedAccess): the admin role trusts the right
 * ARNs and waits for the users this stack creates, its switch removes it cleanly, the account checks stop an
 * unknown user or a trust too long for IAM, and the pack finds nothing to report.
 */
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { AccountFacts } from "../../../program/accountFacts";
import { checkPrivilegedAccess, deployPrivilegedAccess } from "../../../program/privilegedAccess/privilegedAccessStack";
import { packReports, packResources } from "../packReports";
import { ACCOUNT, installMocks, MockRegistry, parseJson, promiseOf, settleRegistry, urnOf } from "../pulumiMocks";
import { accountWith, validConfig } from "../stackFixtures";

const QUIET = { detection: { enabled: false } };
/** bob and legacy exist (legacy under a path), breakglass is exempt; alice is declared by the stack. */
const ACCOUNT_FACTS = accountWith([{ name: "bob", path: "/eng/" }, { name: "legacy", path: "/old/" }, { name: "breakglass" }]);
const STACK = { ...QUIET, users: [{ name: "alice" }], exemptions: [{ name: "breakglass", reason: "emergency access" }] };

describe("the admin role in the program", () => {
    let mocks: MockRegistry;
    beforeEach(() => {
        mocks = installMocks();
    });

    async function deploy(adminRole: Record<string, unknown>, created: aws.iam.User[] = []) {
        const config = validConfig({ ...STACK, adminRole });
        const deployment = deployPrivilegedAccess(config, ACCOUNT_FACTS, { enrolledUsers: ["alice", "bob", "legacy"], users: created });
        await settleRegistry(mocks);
        return deployment;
    }

    it("trusting the enforced group: the enrolled users' ARNs, paths included, the exempt left out; it waits for created users", async () => {
        const alice = new aws.iam.User("alice", { name: "alice" });
        const { outputs, components } = await deploy({ enabled: true, trustedUsers: "enforcedGroup" }, [alice]);
        const role = mocks.one("aws:iam/role:Role");
        expect(role.inputs.name).to.equal("mfa-admin");
        expect(parseJson(role.inputs.assumeRolePolicy).Statement[0].Principal.AWS).to.deep.equal([
            `arn:aws:iam::${ACCOUNT}:user/alice`,
            `arn:aws:iam::${ACCOUNT}:user/eng/bob`,
            `arn:aws:iam::${ACCOUNT}:user/old/legacy`,
        ]);
        expect(role.dependencies).to.include(await urnOf(alice));
        expect(components.adminRole).to.not.equal(undefined);
        expect(await promiseOf(outputs.adminRoleArn!)).to.equal(`arn:aws:iam::${ACCOUNT}:role/mfa-admin`);
        expect(await promiseOf(outputs.adminRoleAssumeCommand!)).to.include("--serial-number");
        expect(await promiseOf(outputs.adminRoleCliProfile!)).to.include("mfa_serial = ");
    });

    it("trusting named users: only those, with the configured MFA age", async () => {
        await deploy({ enabled: true, trustedUsers: ["bob"], maxMfaAgeSeconds: 900 });
        const trust = parseJson(mocks.one("aws:iam/role:Role").inputs.assumeRolePolicy);
        expect(trust.Statement[0].Principal.AWS).to.deep.equal([`arn:aws:iam::${ACCOUNT}:user/eng/bob`]);
        expect(trust.Statement[0].Condition.NumericLessThan).to.deep.equal({ "aws:MultiFactorAuthAge": "900" });
    });

    it("off: no role, no attachment, no output, no component", async () => {
        const deployment = await deploy({ enabled: false, trustedUsers: ["bob"] });
        expect(mocks.resources).to.deep.equal([]);
        expect(deployment).to.deep.equal({ outputs: {}, nextSteps: [], components: {} });
    });

    it("the pack reports nothing on the role, and does see a trust without the MFA condition", async () => {
        await deploy({ enabled: true, trustedUsers: ["alice", "bob"] });
        const [role, ...others] = packResources(mocks.resources, "inputs").sort((a, b) => (a.type === "aws:iam/role:Role" ? -1 : b.type === "aws:iam/role:Role" ? 1 : 0));
        expect(role.type).to.equal("aws:iam/role:Role");
        expect(await packReports([role, ...others])).to.deep.equal([]);
        const weakened = parseJson(role.props.assumeRolePolicy);
        delete weakened.Statement[0].Condition;
        const reports = await packReports([{ ...role, props: { ...role.props, assumeRolePolicy: JSON.stringify(weakened) } }]);
        expect(reports).to.have.length(1);
        expect(reports[0]).to.match(/^iam-role-trust-requires-mfa: role mfa-admin: /);
    });
});

describe("checkPrivilegedAccess (pure; run before anything is registered)", () => {
    const check = (adminRole: Record<string, unknown>, account: AccountFacts = ACCOUNT_FACTS) => checkPrivilegedAccess(validConfig({ ...STACK, adminRole }), account);

    it("nothing to check while the role is off, even naming an unknown user", () => {
        expect(check({ enabled: false, trustedUsers: ["mallory"] })).to.deep.equal({ problems: [], warnings: [] });
    });

    it("an unknown trusted user is a problem, not an exception", () => {
        const { problems } = check({ enabled: true, trustedUsers: ["mallory"] });
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/^adminRole\.trustedUsers: "mallory" is neither declared/);
    });

    it("a user the stack declares counts as known", () => {
        expect(check({ enabled: true, trustedUsers: ["alice"] })).to.deep.equal({ problems: [], warnings: [] });
    });

    describe("the trust policy's length", () => {
        // 40-character names: each trusted ARN adds 31 + 40 characters and 3 of JSON ("", ).
        const many = (n: number) => accountWith(Array.from({ length: n }, (_, i) => ({ name: `administrator-with-a-long-name-${String(i).padStart(9, "0")}` })));
        const trustingAll = (n: number) => checkPrivilegedAccess(validConfig({ ...QUIET, adminRole: { enabled: true, trustedUsers: "enforcedGroup" } }), many(n));

        it("a few users: no problem, no warning", () => {
            expect(trustingAll(3)).to.deep.equal({ problems: [], warnings: [] });
        });

        it('over 2,048: a warning that the IAM quota "Role trust policy length" must be raised', () => {
            const { problems, warnings } = trustingAll(30);
            expect(problems).to.deep.equal([]);
            expect(warnings).to.have.length(1);
            expect(warnings[0]).to.match(/^adminRole\.trustedUsers: the admin role's trust policy is \d{4} characters .*over IAM's default limit of 2048: .*"Role trust policy length"/);
        });

        it("over 4,096: a problem naming adminRole.trustedUsers, the length and the advice", () => {
            const { problems, warnings } = trustingAll(60);
            expect(warnings).to.deep.equal([]);
            expect(problems).to.have.length(1);
            const length = Number(/would be (\d+) characters/.exec(problems[0])![1]);
            expect(length).to.be.greaterThan(4096);
            expect(problems[0]).to.match(/^adminRole\.trustedUsers: .*over the 4096 IAM allows even with the quota "Role trust policy length" raised — name fewer users/);
        });
    });
});
