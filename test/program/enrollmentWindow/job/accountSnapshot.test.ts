/** The account as the job reads it: a complete credential report, the authorization details, the MFA devices. */
import { GenerateCredentialReportCommand, GetCredentialReportCommand, ListVirtualMFADevicesCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import { hasMfaDeviceNow, readAccount } from "../../../../program/enrollmentWindow/job/accountSnapshot";
import { FakeAccount } from "./fakeAccount";

const NOW = new Date("2026-12-01T06:00:00Z");

describe("account snapshot", () => {
    let account: FakeAccount;
    beforeEach(() => {
        account = new FakeAccount(
            [
                { name: "alice", createdDaysAgo: 3, mfa: true },
                { name: "dan", createdDaysAgo: 20, mfa: false, groups: ["mfa-enforced", "mfa-suspended"] },
            ],
            NOW,
        );
    });
    afterEach(() => account.restore());

    it("waits for the credential report to be complete, then parses it and the authorization details with the account library", async () => {
        const waits: number[] = [];
        const snapshot = await readAccount(account.clients().iam, async (ms) => {
            waits.push(ms);
        });
        expect(account.iam.commandCalls(GenerateCredentialReportCommand)).to.have.length(2);
        expect(waits).to.deep.equal([2000]);
        expect(snapshot.details.users.map((u) => [u.name, u.groups])).to.deep.equal([
            ["alice", ["mfa-enforced"]],
            ["dan", ["mfa-enforced", "mfa-suspended"]],
        ]);
        expect(snapshot.report.users.get("alice")?.mfaActive).to.equal(true);
        expect(snapshot.report.users.get("dan")?.mfaActive).to.equal(false);
        // The answers as read, for the account audit report; SDK metadata left out.
        expect(snapshot.raw.credentialReportCsv).to.match(/^user,arn,/);
        expect(snapshot.raw.authorizationDetailsPages).to.have.length(1);
        expect(snapshot.raw.authorizationDetailsPages[0]).to.not.have.property("$metadata");
        expect(snapshot.raw.virtualMfaDevices).to.deep.equal({ VirtualMFADevices: [] });
        expect(account.iam.commandCalls(ListVirtualMFADevicesCommand)).to.have.length(1);
    });

    it("a report never complete, or complete without content, fails the run rather than deciding on nothing", async () => {
        account.iam.on(GenerateCredentialReportCommand).resolves({ State: "STARTED" });
        let error: unknown;
        await readAccount(account.clients().iam, async () => undefined).catch((err) => (error = err));
        expect((error as Error).message).to.equal("the credential report was not complete after 30 attempts");
        account.iam.on(GenerateCredentialReportCommand).resolves({ State: "COMPLETE" });
        account.iam.on(GetCredentialReportCommand).resolves({});
        error = undefined;
        await readAccount(account.clients().iam, async () => undefined).catch((err) => (error = err));
        expect((error as Error).message).to.equal("GetCredentialReport returned no content");
    });

    it("hasMfaDeviceNow asks IAM for the user's devices now (the report may be hours old)", async () => {
        const { iam } = account.clients();
        expect(await hasMfaDeviceNow(iam, "alice")).to.equal(true);
        expect(await hasMfaDeviceNow(iam, "dan")).to.equal(false);
        account.enrolledSinceReport.add("dan");
        expect(await hasMfaDeviceNow(iam, "dan")).to.equal(true);
    });
});
