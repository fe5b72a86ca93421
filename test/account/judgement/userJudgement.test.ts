import { expect } from "chai";
import { Exemptions, NO_EXEMPTIONS } from "../../../account/inputs/exemptions";
import { judgeUsersAndGroups } from "../../../account/judgement/userJudgement";
import { PrincipalVerdict } from "../../../account/report/reportModel";
import { ADMIN, AccountSketch, MFA_DENY, policyArn, SKETCH_ACCOUNT, sketchJudgement, statements } from "../accountSketch";

const FORCE_MFA = policyArn("ForceMFA");
const POWER = policyArn("Power");
const ENFORCED_GROUP = { "mfa-enforced": { attached: [FORCE_MFA] } };
const POLICIES = { [FORCE_MFA]: MFA_DENY, [POWER]: ADMIN };

async function judged(sketch: AccountSketch, exemptions: Exemptions = NO_EXEMPTIONS) {
    const { input } = await sketchJudgement({ ...sketch, policies: { ...POLICIES, ...sketch.policies } }, exemptions);
    const { verdicts, policyFindings } = judgeUsersAndGroups(input);
    const of = (type: string) => Object.fromEntries(verdicts.filter((v) => v.type === type).map((v) => [v.name, v])) as Record<string, PrincipalVerdict>;
    return { users: of("user"), groups: of("group"), policyFindings };
}

describe("account — userJudgement: users and groups sorted into the audit's statuses by the pack's findings", () => {
    it("a member of the enforced group is enforced, naming the policy and the group it comes through", async () => {
        const { users, groups } = await judged({ users: { alice: { groups: ["mfa-enforced"], attached: [POWER] } }, groups: ENFORCED_GROUP });
        expect(users.alice).to.include({ status: "enforced", arn: `arn:aws:iam::${SKETCH_ACCOUNT}:user/alice` });
        expect(users.alice.reason).to.match(/^subject to the MFA deny through .*ForceMFA.*mfa-enforced/);
        expect(users.alice.groups).to.deep.equal(["mfa-enforced"]);
        expect(groups["mfa-enforced"]).to.include({ status: "enforced" });
        expect(groups["mfa-enforced"].reason).to.match(/^carries the MFA deny itself/);
    });

    it("a user whose own policies allow acting without MFA escapes, with the request as witness and the fix", async () => {
        const { users } = await judged({ users: { bob: { attached: [POWER] } }, groups: ENFORCED_GROUP });
        const bob = users.bob;
        expect(bob.status).to.equal("escapes");
        expect(bob.reason).to.match(/^its own policies allow \S+ on \S+ with .* \(.*Power.*\) and no policy denies it/);
        expect(bob.witness).to.include({ principal: bob.arn });
        expect(bob.reason).to.contain(`allow ${bob.witness!.action} on ${bob.witness!.resource}`);
        expect(bob.fix).to.contain('add bob to the group "mfa-enforced"');
    });

    it("no MFA deny but nothing allowed beyond enrollment: unenforced, not an escape", async () => {
        const { users } = await judged({ users: { quiet: { inline: { none: statements({ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }) } } } });
        expect(users.quiet.status).to.equal("unenforced");
        expect(users.quiet.reason).to.match(/^no MFA deny applies to it .*allow nothing without MFA today beyond enrollment/);
        expect(users.quiet).to.not.have.property("witness");
    });

    it("a group or managed policy the export lacks: unverifiable, and the fix is a complete export", async () => {
        const { users } = await judged({ users: { gap: { groups: ["missing"] }, gap2: { attached: [policyArn("NotExported")] } } });
        expect(users.gap.status).to.equal("unverifiable");
        expect(users.gap.reason).to.contain("group missing is not in the authorization details (GroupDetailList)");
        expect(users.gap.fix).to.match(/without --filter/);
        expect(users.gap2.reason).to.contain(`managed policy ${policyArn("NotExported")} is attached but not in the authorization details (Policies)`);
    });

    it("an exemption in force exempts the user with its reason; one of another name does not", async () => {
        const exemptions = { users: [{ name: "BreakGlass", reason: "hardware MFA in the safe" }], roles: [] };
        const { users } = await judged({ users: { breakglass: { attached: [POWER] }, other: { attached: [POWER] } } }, exemptions);
        expect(users.breakglass).to.include({ status: "exempt", reason: "hardware MFA in the safe" });
        expect(users.other.status).to.equal("escapes");
    });

    it("a member of the suspension group that denies everything is suspended, and the group is enforced for it", async () => {
        const denyAll = statements({ Effect: "Deny", Action: "*", Resource: "*" });
        const { users, groups } = await judged({ users: { late: { groups: ["mfa-suspended"], attached: [POWER] } }, groups: { "mfa-suspended": { inline: { deny: denyAll } } } });
        expect(users.late.status).to.equal("suspended");
        expect(users.late.fix).to.match(/an administrator enrolls an MFA device for late/);
        expect(groups["mfa-suspended"].status).to.equal("enforced");
        expect(groups["mfa-suspended"].reason).to.contain("its 1 suspended member(s) act neither with nor without MFA");
    });

    it("a deny that also refuses enrollment locks the user out, with the blocked request as witness", async () => {
        const blocksEnrollment = statements({ Sid: "NoIam", Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } });
        const { users } = await judged({ users: { carol: { groups: ["mfa-enforced"], inline: { "no-iam": blocksEnrollment } } }, groups: ENFORCED_GROUP });
        expect(users.carol.status).to.equal("locked-out");
        expect(users.carol.witness!.action).to.match(/^iam:(CreateVirtualMFADevice|EnableMFADevice)$/);
        expect(users.carol.witness!.resource).to.contain(SKETCH_ACCOUNT);
        expect(users.carol.fix).to.contain('"NoIam"');
    });

    it("a group that grants without the deny takes its worst member's status, through that member", async () => {
        const { groups } = await judged({ users: { bob: { groups: ["admins"] }, dan: { groups: ["admins"] } }, groups: { admins: { attached: [POWER] } } });
        expect(groups.admins.status).to.equal("escapes");
        expect(groups.admins.reason).to.match(/; through user (bob|dan) and 1 other member\(s\): its own policies allow/);
        expect(groups.admins.witness!.path[0]).to.match(/^member user (bob|dan)$/);
    });

    it("an empty group without the deny is enforced: no member acts through it", async () => {
        const { groups } = await judged({ groups: { empty: { attached: [POWER] } } });
        expect(groups.empty).to.include({ status: "enforced", reason: "has no members and does not act as an MFA deny that blocks enrollment" });
    });
});
