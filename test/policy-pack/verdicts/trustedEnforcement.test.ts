import { expect } from "chai";
import { readGuardConfig } from "../../../policy-pack/guardConfig";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";
import { isTrustedEnforcedGroup, trustedEnforcement } from "../../../policy-pack/verdicts/trustedEnforcement";
import { group, resource, user } from "../stackFixtures";

const ACCOUNT = "123456789012";
const config = readGuardConfig({});
const attach = (policyArn: string) => resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "a", { user: "svc", policyArn });
const svc = (arn?: string) => user("svc", arn ? { arn } : {});
const judged = (resources: ReturnType<typeof resource>[]) => trustedEnforcement(buildIamGraph(resources).users.find((u) => u.name === "svc")!, config);

describe("trustedEnforcement: the org's enforcement declared in another stack", () => {
    it("the enforced group named by the config, only where this stack does not declare it", () => {
        const membership = resource("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "svc", groups: ["MFA-ENFORCED"] });
        expect(judged([svc(), membership])).to.equal("enforced by the org's group MFA-ENFORCED, declared in another stack");
        const graph = buildIamGraph([group("mfa-enforced"), svc(), membership]);
        expect(isTrustedEnforcedGroup(graph.groups[0], config)).to.equal(false);
        expect(judged([group("mfa-enforced"), svc(), membership])).to.equal(undefined);
    });

    it("the org's policy by name, in the user's own account, and only an ARN AWS can attach", () => {
        expect(judged([svc(), attach(`arn:aws:iam::${ACCOUNT}:policy/ForceMFA`)])).to.match(/^enforced by the org's policy ForceMFA/);
        expect(judged([svc(`arn:aws:iam::${ACCOUNT}:user/svc`), attach(`arn:aws:iam::${ACCOUNT}:policy/org/ForceMFA`)])).to.match(/^enforced by the org's policy ForceMFA/);
        expect(judged([svc(`arn:aws:iam::${ACCOUNT}:user/svc`), attach("arn:aws:iam::999999999999:policy/ForceMFA")])).to.equal(undefined);
        expect(judged([svc(), attach(`arn:aws:iam::${ACCOUNT}:ForceMFA`)])).to.equal(undefined);
        expect(judged([svc(), attach("arn:aws:iam::aws:policy/ForceMFA")])).to.equal(undefined);
    });
});
