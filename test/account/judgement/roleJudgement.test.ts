import { expect } from "chai";
import { Exemptions } from "../../../account/inputs/exemptions";
import { judgeRoles } from "../../../account/judgement/roleJudgement";
import { PrincipalVerdict } from "../../../account/report/reportModel";
import { AccountSketch, MFA_TRUST, OPEN_TRUST, SKETCH_ACCOUNT, sketchJudgement, statements } from "../accountSketch";

async function judged(sketch: AccountSketch, exemptions: Exemptions = { users: [], roles: [] }): Promise<Record<string, PrincipalVerdict>> {
    const { input, resources, urnOf } = await sketchJudgement(sketch, exemptions);
    const verdicts = judgeRoles(input.details, exemptions, input.config, (role) => resources.find((r) => r.urn === urnOf("role", role.name))!);
    return Object.fromEntries(verdicts.map((v) => [v.name, v]));
}

describe("account — roleJudgement: roles judged by their trust, as the pack's role-trust policy judges a stack's", () => {
    it("a trust that requires MFA of every AWS principal: enforced", async () => {
        const { admin } = await judged({ roles: { admin: MFA_TRUST } });
        expect(admin).to.include({ type: "role", status: "enforced", roleKind: "iam", serviceLinked: false, arn: `arn:aws:iam::${SKETCH_ACCOUNT}:role/admin` });
        expect(admin.reason).to.equal("every AWS principal its trust policy admits must present MFA");
    });

    it("a trust without MFA: escapes, with the principal that gets in, the statement that lets it and a fix", async () => {
        const { deploy } = await judged({ roles: { deploy: OPEN_TRUST } });
        expect(deploy.status).to.equal("escapes");
        expect(deploy.reason).to.not.match(/^role deploy: /);
        expect(deploy.reason).to.not.contain("123456789012");
        expect(deploy.fix).to.match(/aws:MultiFactorAuthPresent/);
        expect(deploy.witness).to.deep.include({ action: "sts:AssumeRole", resource: `arn:aws:iam::${SKETCH_ACCOUNT}:role/deploy`, allowedBy: 'trust policy of role deploy: statement "AnyoneInTheAccount"', allowElement: "Action" });
        expect(deploy.witness!.principal).to.contain(SKETCH_ACCOUNT);
        expect(deploy.witness!.path[0]).to.equal("trust policy of role deploy");
    });

    it("MFA required as \"false\" is still no MFA: the witness carries the key's value", async () => {
        const trust = statements({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SKETCH_ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } });
        const { odd } = await judged({ roles: { odd: trust } });
        expect(odd.status).to.equal("escapes");
        expect(odd.witness!.contextKeys).to.deep.equal({ "aws:MultiFactorAuthPresent": "false" });
    });

    it("a trust whose only condition is another key (aws:SourceIp) escapes: that key can be met without MFA", async () => {
        const trust = statements({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SKETCH_ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } });
        const { office } = await judged({ roles: { office: trust } });
        expect(office.status).to.equal("escapes");
        expect(office.witness!.why).to.deep.equal(["its only conditions (aws:SourceIp) can be met without MFA"]);
        expect(office.witness!.allowedBy).to.equal("trust policy of role office: statement 1");
    });

    it("exempt only when the exemption is in force; an exemption of another role exempts nobody", async () => {
        const exemptions = { users: [], roles: [{ name: "Vendor", reason: "the vendor's service cannot present MFA", ticket: "SEC-1" }] };
        const roles = await judged({ roles: { vendor: OPEN_TRUST, other: OPEN_TRUST } }, exemptions);
        expect(roles.vendor).to.include({ status: "exempt", reason: "the vendor's service cannot present MFA (ticket SEC-1)" });
        expect(roles.other.status).to.equal("escapes");
    });

    it("a role only an AWS service assumes is not applicable, naming the service", async () => {
        const trust = statements({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
        const { fn } = await judged({ roles: { fn: trust } });
        expect(fn).to.include({ status: "not-applicable", roleKind: "service" });
        expect(fn.reason).to.contain("lambda.amazonaws.com");
        expect(fn).to.not.have.property("fix");
    });
});
