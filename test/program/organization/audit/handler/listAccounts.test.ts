/**
 * The list function against aws-sdk-client-mock: the whole organization (every page of ListAccounts), or the OUs of
 * config and every OU under them; active accounts only, each once; the list written where the Distributed Map reads
 * it; the run named by its day, purpose and execution.
 */
import { AccountState, ListAccountsCommand, ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { expect } from "chai";
import { mockClient } from "aws-sdk-client-mock";
import { runKeys } from "../../../../../program/organization/audit/handler/auditRun";
import { runListAccounts } from "../../../../../program/organization/audit/handler/listAccounts";
import { BUCKET, FakeOrganization, SETTINGS } from "./fakeOrganization";

const account = (Id: string, State: AccountState = "ACTIVE") => ({ Id, Name: `acct-${Id}`, State });
const START = { executionName: "exec-1", startTime: "2026-12-07T06:00:03.123Z" };

describe("organization audit — the list function", () => {
    let aws: FakeOrganization;
    const organizations = mockClient(OrganizationsClient);
    beforeEach(() => {
        aws = new FakeOrganization();
        organizations.reset();
    });
    afterEach(() => aws.restore());
    after(() => organizations.restore());
    const clients = () => ({ organizations: new OrganizationsClient({ region: "us-east-1" }), s3: aws.clients().s3 });

    it("the whole organization: every page of ListAccounts, active accounts only, written as the run's list", async () => {
        // The paginator reuses its input object: the tokens are recorded as each call sees them.
        const tokens: (string | undefined)[] = [];
        organizations.on(ListAccountsCommand).callsFake((input) => {
            tokens.push(input.NextToken);
            return input.NextToken
                ? { Accounts: [account("222222222222"), { Id: "444444444444", Status: "ACTIVE" }] }
                : { Accounts: [account("333333333333"), account("111111111111", "SUSPENDED")], NextToken: "t1" };
        });
        const listing = await runListAccounts(clients(), SETTINGS, { ...START, input: { purpose: "weekly-check" } });
        const run = "2026-12-07-weekly-check-exec-1";
        expect(listing).to.deep.equal({ run, purpose: "weekly-check", bucket: BUCKET, accountsKey: runKeys(run).accountsList, accounts: 3 });
        expect(tokens).to.deep.equal([undefined, "t1"]);
        expect(aws.json(listing.accountsKey)).to.deep.equal([
            { accountId: "222222222222", accountName: "acct-222222222222" },
            { accountId: "333333333333", accountName: "acct-333333333333" },
            { accountId: "444444444444" },
        ]);
    });

    it("OUs: their accounts and those of every OU under them, every page, each account once", async () => {
        const children: Record<string, string[]> = { "ou-ab12-aaaaaaaa": ["ou-ab12-bbbbbbbb"], "ou-ab12-bbbbbbbb": ["ou-ab12-cccccccc"] };
        const accounts: Record<string, string[]> = { "ou-ab12-aaaaaaaa": ["111111111111"], "ou-ab12-bbbbbbbb": ["222222222222", "333333333333"], "ou-ab12-cccccccc": ["444444444444"], "ou-ab12-dddddddd": ["111111111111"] };
        organizations.on(ListOrganizationalUnitsForParentCommand).callsFake((input) => ({ OrganizationalUnits: (children[input.ParentId] ?? []).map((Id) => ({ Id })) }));
        organizations.on(ListAccountsForParentCommand).callsFake((input) => {
            const ids = accounts[input.ParentId] ?? [];
            // Two pages for the OU of two accounts.
            if (ids.length === 2) {
                return input.NextToken ? { Accounts: [account(ids[1])] } : { Accounts: [account(ids[0])], NextToken: "next" };
            }
            return { Accounts: ids.map((id) => account(id)) };
        });
        const listing = await runListAccounts(clients(), { ...SETTINGS, targets: ["ou-ab12-aaaaaaaa", "ou-ab12-dddddddd"] }, START);
        expect(listing.purpose).to.equal("on-demand");
        expect(listing.accounts).to.equal(4);
        expect(aws.json(listing.accountsKey).map((a: { accountId: string }) => a.accountId)).to.deep.equal(["111111111111", "222222222222", "333333333333", "444444444444"]);
        expect(organizations.commandCalls(ListAccountsCommand)).to.deep.equal([]);
    });

    it("refuses an input purpose that is not one of the schedules' or on-demand", async () => {
        organizations.on(ListAccountsCommand).resolves({ Accounts: [] });
        let error: unknown;
        await runListAccounts(clients(), SETTINGS, { ...START, input: { purpose: "daily" } }).catch((e) => (error = e));
        expect((error as Error).message).to.equal('the execution\'s input purpose must be one of weekly-check, quarterly-report, on-demand (or left out), got "daily"');
        expect([...aws.objects.keys()]).to.deep.equal([]);
    });
});
