/** The root user as it is today: centralized root access (no credentials) passes; device kinds from what AWS reports. */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseRootCredentials } from "../../../account/inputs/rootCredentials";
import { parseCredentialReport } from "../../../account/inputs/credentialReport";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { failures } from "../../../account/report/failOn";
import { NOW } from "../accountFixtures";
import { TRUTH, TRUTH_ACCOUNT, truthCredentialReport, truthInputs } from "../truthFixtures";

const withRootMfa = () => {
    const answer = JSON.parse(truthCredentialReport());
    answer.Content = answer.Content.replace(/^(<root_account>,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*),false/m, "$1,true");
    return parseCredentialReport(JSON.stringify(answer), "credential-report.json");
};

describe("account audit — the root user", () => {
    it("no password, access keys nor certificates (centralized root access) is a pass, not root-without-mfa", async () => {
        const rootCredentials = parseRootCredentials(JSON.parse(fs.readFileSync(path.join(TRUTH, "root-credentials-removed.json"), "utf8")), "root-credentials-removed.json");
        const report = await buildAuditReport({ ...truthInputs(), rootCredentials }, { now: NOW });
        expect(report.root).to.include({ credentialsRemoved: true, accessKeysPresent: false, arn: `arn:aws:iam::${TRUTH_ACCOUNT}:root` });
        expect(report.root.reason).to.contain("sts:AssumeRoot");
        expect(failures(report, ["root-without-mfa", "root-access-keys"])).to.deep.equal([]);
        // Without the root session's answers the same report still fails: root's MFA is not active.
        expect(failures(await buildAuditReport(truthInputs(), { now: NOW }), ["root-without-mfa"])).to.have.length(1);
    });

    it("a root password left in place is not a removal", async () => {
        const rootCredentials = parseRootCredentials({ LoginProfile: { CreateDate: "2024-01-01T09:00:00Z", PasswordResetRequired: false }, AccessKeyMetadata: [], Certificates: [] }, "root.json");
        const report = await buildAuditReport({ ...truthInputs(), rootCredentials }, { now: NOW });
        expect(report.root.credentialsRemoved).to.equal(undefined);
        expect(failures(report, ["root-without-mfa"])).to.have.length(1);
    });

    it("names each device's kind from its serial, with the FIDO certification AWS reports", async () => {
        const rootCredentials = parseRootCredentials(
            {
                LoginProfile: { CreateDate: "2024-01-01T09:00:00Z" },
                MFADevices: [
                    { UserName: TRUTH_ACCOUNT, SerialNumber: `arn:aws:iam::${TRUTH_ACCOUNT}:u2f/root/yubikey-office-ABCDEFGHIJKLMNOPQRSTUVWXYZ`, EnableDate: "2025-02-01T10:00:00Z", Certifications: { FIDO: "L1" } },
                    { UserName: TRUTH_ACCOUNT, SerialNumber: `arn:aws:iam::${TRUTH_ACCOUNT}:u2f/root/passkey-laptop-ZYXWVUTSRQPONMLKJIHGFEDCBA`, EnableDate: "2025-03-01T10:00:00Z" },
                ],
            },
            "root.json",
        );
        const report = await buildAuditReport({ ...truthInputs(), credentialReport: withRootMfa(), rootCredentials }, { now: NOW });
        expect(report.root).to.include({ mfaActive: true, mfaType: "fido" });
        expect(report.root.mfaDevices!.map((d) => d.kind)).to.deep.equal(["fido", "fido"]);
        expect(report.root.mfaDevices![0].certifications).to.deep.equal({ FIDO: "L1" });
        expect(report.root.reason).to.contain("certified FIDO L1");
        const totp = parseRootCredentials({ MFADevices: [{ SerialNumber: "GAHT12345678", EnableDate: "2025-02-01T10:00:00Z" }] }, "root.json");
        expect((await buildAuditReport({ ...truthInputs(), credentialReport: withRootMfa(), rootCredentials: totp }, { now: NOW })).root.mfaType).to.equal("hardware-totp");
        const app = parseRootCredentials({ MFADevices: [{ SerialNumber: `arn:aws:iam::${TRUTH_ACCOUNT}:mfa/root-account-mfa-device` }] }, "root.json");
        const virtual = await buildAuditReport({ ...truthInputs(), credentialReport: withRootMfa(), rootCredentials: app }, { now: NOW });
        expect(virtual.root.mfaType).to.equal("virtual-totp");
        expect(failures(virtual, ["root-virtual-mfa"])).to.have.length(1);
    });

    it("refuses what is not a root session's answers, with the place", () => {
        expect(() => parseRootCredentials({ Users: [] }, "root.json")).to.throw(/has none of LoginProfile/);
        expect(() => parseRootCredentials({ MFADevices: {} }, "root.json")).to.throw(/MFADevices: must be a list/);
    });
});
