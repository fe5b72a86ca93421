import { expect } from "chai";
import { actsAsMfaDeny, checkEnrollment, enrollmentRequests, passwordChangeDenial } from "../../../policy-pack/iam/enrollment";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { ENROLLMENT_ALLOWS, forceMfaDocument, mfaDenyStatement } from "../stackFixtures";

const named = (document: unknown) => [{ label: "policy", document: parsePolicyDocument(document) }];
const alice = { name: "alice", path: "/eng/" };

describe("enrollment: a user subject to the deny can still enroll without MFA", () => {
    it("creating a virtual device and enabling it on itself", () => {
        expect(enrollmentRequests(alice).map((r) => r.action)).to.deep.equal(["iam:CreateVirtualMFADevice", "iam:EnableMFADevice"]);
        expect(enrollmentRequests(alice)[1].resource).to.match(/:user\/eng\/alice$/);
        expect(checkEnrollment(alice, named(forceMfaDocument()))).to.deep.equal({ possible: true });
    });

    it("a deny that covers enrollment, or no allow for it, blocks it; Version 2008 makes ${aws:username} literal", () => {
        const denied = checkEnrollment(alice, named(forceMfaDocument({ NotAction: ["sts:GetSessionToken"] })));
        expect(denied.possible).to.equal(false);
        expect(denied.blocked!.reason).to.match(/denies it without MFA$/);
        const noAllow = checkEnrollment(alice, named({ Version: "2012-10-17", Statement: [mfaDenyStatement()] }));
        expect(noAllow.blocked!.reason).to.equal("no statement allows it without MFA");
        const literal = checkEnrollment(alice, named({ Version: "2008-10-17", Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement()] }));
        expect(literal.blocked!.request.action).to.equal("iam:EnableMFADevice");
    });

    it("a boundary must allow enrollment too", () => {
        const boundary = named({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
        const result = checkEnrollment(alice, named(forceMfaDocument()), boundary);
        expect(result.blocked!.reason).to.match(/^permissions boundary: /);
    });

    it("iam:ChangePassword on itself: only a deny can stop it (the password policy may allow it)", () => {
        expect(passwordChangeDenial(alice, named(forceMfaDocument()))).to.equal(undefined);
        const denial = passwordChangeDenial(alice, named({ Version: "2012-10-17", Statement: [mfaDenyStatement({ NotAction: ["iam:EnableMFADevice"] })] }))!;
        expect([denial.request.action, denial.certain, denial.statement.sid]).to.deep.equal(["iam:ChangePassword", true, "DenyAllExceptEnrollmentWithoutMfa"]);
    });

    it("a document acts as the MFA deny when a deny keyed on MFA applies without it", () => {
        expect(actsAsMfaDeny(parsePolicyDocument(forceMfaDocument()))).to.equal(true);
        expect(actsAsMfaDeny(parsePolicyDocument({ Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] }))).to.equal(false);
        expect(actsAsMfaDeny(parsePolicyDocument({ Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }] }))).to.equal(false);
    });
});
