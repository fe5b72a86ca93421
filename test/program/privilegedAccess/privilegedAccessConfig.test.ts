/**
 * Privileged access's part of the stack config: whom the admin role trusts, and one clear message naming the key and
 * the rule for each bad value.
 */
import { expect } from "chai";
import { checkStackConfig } from "../../../program/stackConfig";
import { ENFORCED_GROUP_USERS } from "../../../program/privilegedAccess/privilegedAccessConfig";

function parse(raw: Record<string, unknown>) {
    const { config, problems } = checkStackConfig(raw);
    return { settings: config!, problems };
}

const WITH_LOG_GROUP = { detection: { cloudTrailLogGroupName: "org-trail" } };

describe("config of the admin role", () => {
    it("adminRole.trustedUsers: \"enforcedGroup\" stays an explicit choice; unset is fine while the role is off", () => {
        expect(parse({ ...WITH_LOG_GROUP, adminRole: { enabled: true, trustedUsers: ENFORCED_GROUP_USERS } }).settings.adminRole.trustedUsers).to.equal(ENFORCED_GROUP_USERS);
        const off = parse({ ...WITH_LOG_GROUP, adminRole: { enabled: false, name: "admin" } });
        expect(off.problems).to.deep.equal([]);
        expect(off.settings.adminRole.trustedUsers).to.deep.equal([]);
    });


    const bad: [string, Record<string, unknown>, RegExp][] = [
        ["admin role not an object", { ...WITH_LOG_GROUP, adminRole: "yes" }, /^adminRole: must be an object/],
        ["an unknown adminRole key", { ...WITH_LOG_GROUP, adminRole: { users: ["a"] } }, /^adminRole\.users: unknown key/],
        ["a session too long", { ...WITH_LOG_GROUP, adminRole: { maxSessionDurationSeconds: 86400 } }, /^adminRole\.maxSessionDurationSeconds: must be an integer from 3600 to 43200/],
        ["a session too short", { ...WITH_LOG_GROUP, adminRole: { maxSessionDurationSeconds: 900 } }, /^adminRole\.maxSessionDurationSeconds: must be an integer from 3600 to 43200/],
        ["an MFA age of zero", { ...WITH_LOG_GROUP, adminRole: { maxMfaAgeSeconds: 0 } }, /^adminRole\.maxMfaAgeSeconds: must be an integer from 60 to 129600/],
        [
            "an enabled admin role without trusted users (no default: it would trust every IAM user of the account)",
            { ...WITH_LOG_GROUP, adminRole: { enabled: true } },
            /^adminRole\.trustedUsers: required while adminRole\.enabled is true — list the administrators' IAM user names, or write "enforcedGroup" to trust every enrolled user/,
        ],
        ["an empty trusted-user list", { ...WITH_LOG_GROUP, adminRole: { trustedUsers: [] } }, /^adminRole\.trustedUsers: must be "enforcedGroup"/],
        ["a bad trusted user name", { ...WITH_LOG_GROUP, adminRole: { trustedUsers: ["alice", "bob smith"] } }, /^adminRole\.trustedUsers\[1\]: must be an IAM user name/],
        ["a repeated trusted user", { ...WITH_LOG_GROUP, adminRole: { trustedUsers: ["alice", "alice"] } }, /^adminRole\.trustedUsers\[1\]: "alice" is listed twice/],
        ["a trusted user repeated in another case (IAM names ignore case)", { ...WITH_LOG_GROUP, adminRole: { trustedUsers: ["alice", "Alice"] } }, /^adminRole\.trustedUsers\[1\]: "Alice" is listed twice/],
        ["an admin policy of another partition", { ...WITH_LOG_GROUP, adminRole: { policyArn: "arn:aws-cn:iam::aws:policy/AdministratorAccess" } }, /^adminRole\.policyArn: must be an IAM policy ARN/],
        ["a bad policy ARN", { ...WITH_LOG_GROUP, adminRole: { policyArn: "AdministratorAccess" } }, /^adminRole\.policyArn: must be an IAM policy ARN/],
        ["a bad role name", { ...WITH_LOG_GROUP, adminRole: { name: "admin role" } }, /^adminRole\.name: must be an IAM role name/],
    ];
    for (const [what, raw, message] of bad) {
        it(`rejects ${what} with one message naming the key and the rule`, () => {
            const { problems } = parse(raw);
            expect(problems).to.have.length(1, JSON.stringify(problems));
            expect(problems[0]).to.match(message);
        });
    }
});
