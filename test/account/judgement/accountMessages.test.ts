/** What an account report says names the account's own facts: its account id, the element a statement uses, no stack. */
import { expect } from "chai";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { renderJsonReport } from "../../../account/output/jsonReport";
import { NOW } from "../accountFixtures";
import { rawTruthDetails, TRUTH_ACCOUNT, truthInputs } from "../truthFixtures";

/** The truth account, with reader also under a deny that names iam:* in Action (so it blocks enrollment). */
function withActionDeny() {
    const details = rawTruthDetails();
    const reader = details.UserDetailList.find((u: { UserName: string }) => u.UserName === "reader");
    reader.UserPolicyList = [
        {
            PolicyName: "no-iam-without-mfa",
            PolicyDocument: { Version: "2012-10-17", Statement: [{ Sid: "NoIamWithoutMfa", Effect: "Deny", Action: ["iam:*"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }] },
        },
    ];
    return details;
}

describe("account audit — messages with the account's own facts", () => {
    it("names the account's id in every ARN, never the pack's placeholder, and no stack", async () => {
        const text = renderJsonReport(await buildAuditReport(truthInputs(withActionDeny()), { now: NOW }));
        expect(text).to.contain(TRUTH_ACCOUNT);
        expect(text).to.not.contain("123456789012");
        expect(text).to.not.match(/this stack/);
    });

    it("a lock-out's fix names the element the blocking statement uses: Action, not NotAction", async () => {
        const report = await buildAuditReport(truthInputs(withActionDeny()), { now: NOW });
        const reader = report.principals.find((p) => p.name === "reader")!;
        expect(reader.status).to.equal("locked-out");
        expect(reader.witness!.resource).to.match(new RegExp(`^arn:aws:iam::${TRUTH_ACCOUNT}:`));
        expect(reader.fix).to.contain('statement "NoIamWithoutMfa"');
        expect(reader.fix).to.contain('narrow the Action of its statement "NoIamWithoutMfa" (["iam:*"])');
        expect(reader.fix).to.not.contain("NotAction.");
    });

    it("a lock-out by a NotAction deny is told to add the action to that NotAction", async () => {
        const details = withActionDeny();
        const statement = details.UserDetailList.find((u: { UserName: string }) => u.UserName === "reader").UserPolicyList[0].PolicyDocument.Statement[0];
        delete statement.Action;
        statement.NotAction = ["iam:ListMFADevices"];
        const reader = (await buildAuditReport(truthInputs(details), { now: NOW })).principals.find((p) => p.name === "reader")!;
        expect(reader.status).to.equal("locked-out");
        expect(reader.fix).to.contain("to the deny's NotAction");
    });
});
