import { expect } from "chai";
import { oncePerDocument, parsePolicyDocument, PolicyDocumentError, statementLabel } from "../../../policy-pack/iam/policyDocument";

describe("policyDocument: a policy as IAM parses it", () => {
    it("single values become lists, condition keys lower-cased (spelling kept), Version decides variables", () => {
        const document = parsePolicyDocument(
            JSON.stringify({ Version: "2012-10-17", Statement: { Sid: "Deny1", Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { Bool: { "AWS:MultiFactorAuthPresent": false } } } }),
        );
        const [statement] = document.statements;
        expect([statement.index, statement.sid, statement.effect, statement.notActions, statement.resources]).to.deep.equal([1, "Deny1", "Deny", ["iam:*"], ["*"]]);
        expect(statement.conditions).to.deep.equal([{ operator: "Bool", key: "aws:multifactorauthpresent", keyAsWritten: "AWS:MultiFactorAuthPresent", values: ["false"], variablesLiteral: false }]);
        expect(document.variablesLiteral).to.equal(false);
        expect(parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }).variablesLiteral).to.equal(true);
        expect(statementLabel(statement)).to.equal('statement "Deny1"');
    });

    it("trust policies need a principal and no resource; identity policies the reverse", () => {
        const trust = parsePolicyDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole" }] }, "trust");
        expect(trust.statements[0].principal).to.be.instanceOf(Map);
        expect((trust.statements[0].principal as Map<string, string[]>).get("AWS")).to.deep.equal(["123456789012"]);
        expect(() => parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: "*" }] })).to.throw(PolicyDocumentError, /specifies a principal/);
        expect(() => parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] }, "trust")).to.throw(PolicyDocumentError, /no Principal/);
    });

    it("refuses what AWS refuses, saying which rule", () => {
        const refused: [unknown, RegExp][] = [
            ["not json", /not valid JSON/],
            ['{"Statement": [], "Statement": []}', /duplicate key/],
            [{ Version: "2012-10-18", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, /Version/],
            [{ Statement: [{ Effect: "allow", Action: "*", Resource: "*" }] }, /Effect "allow"/],
            [{ Statement: [{ Effect: "Allow", Action: "*", NotAction: "s3:*", Resource: "*" }] }, /exactly one of Action and NotAction/],
            [{ Statement: [{ Effect: "Allow", Action: "GetObject", Resource: "*" }] }, /without a service prefix/],
            [{ Statement: [{ Effect: "Allow", action: "s3:*", Resource: "*" }] }, /has "action" where IAM requires "Action"/],
            [{ Statement: [{ Effect: "Allow", Actions: "s3:*", Resource: "*" }] }, /the element "Actions", which IAM's policy grammar does not have/],
            [{ Statement: [] }, /empty/],
        ];
        for (const [input, reason] of refused) {
            expect(() => parsePolicyDocument(input), JSON.stringify(input)).to.throw(PolicyDocumentError, reason);
        }
    });

    it("answers computed once per parsed document", () => {
        let calls = 0;
        const count = oncePerDocument(() => ++calls);
        const document = parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
        expect([count(document), count(document)]).to.deep.equal([1, 1]);
    });
});
