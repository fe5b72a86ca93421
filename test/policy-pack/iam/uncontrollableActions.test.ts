/**
 * Actions AWS documents as beyond any policy (sts:GetCallerIdentity, sts:GetSessionToken): a deny that exempts them
 * exempts nothing, a deny of them denies nothing — so neither an escape nor a lock-out. Exact names only: a wildcard
 * exemption still exempts the controllable actions it matches.
 */
import { expect } from "chai";
import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../../policy-pack/guardConfig";
import { loadActionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { actsAsMfaDeny, checkEnrollment } from "../../../policy-pack/iam/enrollment";
import { MfaDenyAnalyzer } from "../../../policy-pack/iam/mfaDenyAnalysis";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { isUncontrollable, selectsOnlyUncontrollable, UNCONTROLLABLE_ACTIONS } from "../../../policy-pack/iam/uncontrollableActions";
import { ENROLLMENT_ALLOWS } from "../stackFixtures";

const WITHOUT_MFA = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } };
const ENROLLMENT_ONLY = DEFAULT_ENROLLMENT_ALLOW_LIST.filter((a) => a !== "sts:GetSessionToken");

function named(label: string, statements: unknown[]) {
    return { label, document: parsePolicyDocument({ Version: "2012-10-17", Statement: statements }, "identity") };
}

const denyExcept = (notAction: string[]) => named("deny", [{ Effect: "Deny", NotAction: notAction, Resource: "*", Condition: WITHOUT_MFA }]);

describe("actions no policy controls", () => {
    let analyzer: MfaDenyAnalyzer;
    before(async () => {
        // An allow-list without sts:GetSessionToken: whether the deny may exempt it is then AWS's fact, not the config's.
        analyzer = new MfaDenyAnalyzer(await loadActionCatalog(), ENROLLMENT_ONLY);
    });

    it("are the two AWS documents, both in the catalog, matched without case", async () => {
        expect(UNCONTROLLABLE_ACTIONS).to.deep.equal(["sts:GetCallerIdentity", "sts:GetSessionToken"]);
        const catalog = await loadActionCatalog();
        for (const action of UNCONTROLLABLE_ACTIONS) {
            expect(catalog.indexOf(action), action).not.to.equal(undefined);
        }
        expect(isUncontrollable("STS:getcalleridentity")).to.equal(true);
        expect(isUncontrollable("sts:GetFederationToken")).to.equal(false);
        expect(selectsOnlyUncontrollable(["sts:GetCallerIdentity", "sts:getsessiontoken"])).to.equal(true);
        expect(selectsOnlyUncontrollable(["sts:GetCaller*"])).to.equal(false);
        expect(selectsOnlyUncontrollable([])).to.equal(false);
    });

    it("a deny whose NotAction exempts them still enforces; one without them too", () => {
        for (const exempt of [[], ["sts:GetCallerIdentity"], ["sts:GetSessionToken"], ["STS:GetCallerIdentity", "sts:GetSessionToken"]]) {
            const result = analyzer.analyze([denyExcept([...ENROLLMENT_ONLY, ...exempt])], {});
            expect(result.enforced, JSON.stringify(exempt)).to.equal(true);
        }
        expect(analyzer.isAllowListed("sts:GetCallerIdentity")).to.equal(true);
    });

    it("a wildcard exemption still leaks the controllable actions it matches, and the escape names one", () => {
        const result = analyzer.analyze([denyExcept([...ENROLLMENT_ONLY, "sts:Get*"])], {});
        expect(result.enforced).to.equal(false);
        expect(result.escape!.action).to.match(/^sts:Get/);
        expect(isUncontrollable(result.escape!.action)).to.equal(false);
        expect(result.escape!.why.join(" ")).to.include(`NotAction exempts ${result.escape!.action} (sts:Get*), more than enrollment`);
    });

    it("a deny of them alone is not an MFA deny, and never a lock-out", () => {
        const onlyThem = named("identity probe", [{ Effect: "Deny", Action: ["sts:GetCallerIdentity", "sts:GetSessionToken"], Resource: "*", Condition: WITHOUT_MFA }]);
        expect(actsAsMfaDeny(onlyThem.document)).to.equal(false);
        const wider = named("wider", [{ Effect: "Deny", Action: ["sts:GetCallerIdentity", "iam:CreateAccessKey"], Resource: "*", Condition: WITHOUT_MFA }]);
        expect(actsAsMfaDeny(wider.document)).to.equal(true);
        const enrolls = named("enrollment", ENROLLMENT_ALLOWS);
        expect(checkEnrollment({ name: "alice" }, [onlyThem, enrolls]).possible).to.equal(true);
    });
});
