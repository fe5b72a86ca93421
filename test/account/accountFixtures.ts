/** The audit fixtures (an account's get-account-authorization-details, credential report, devices, exemptions), parsed. */
import * as fs from "fs";
import * as path from "path";
import { parseAuthorizationDetails } from "../../account/inputs/authorizationDetails";
import { parseCredentialReport } from "../../account/inputs/credentialReport";
import { parseExemptionsFile } from "../../account/inputs/exemptions";
import { parseVirtualMfaDevices } from "../../account/inputs/virtualMfaDevices";

export const FIXTURES = path.join(__dirname, "../fixtures/audit");
export const fixturePath = (name: string) => path.join(FIXTURES, name);
/** The audit's clock in every test: days without MFA are counted to it. */
export const NOW = new Date("2026-12-01T12:00:00Z");

/** A fresh, mutable copy of the raw authorization details JSON. */
export const rawDetails = () => JSON.parse(fs.readFileSync(fixturePath("authorization-details.json"), "utf8"));
export const credentialCsv = () => fs.readFileSync(fixturePath("credential-report.csv"), "utf8");

export function auditInputs(details: unknown = rawDetails(), csv: string = credentialCsv()) {
    return {
        authorizationDetails: parseAuthorizationDetails(details, "authorization-details.json"),
        credentialReport: parseCredentialReport(csv, "credential-report.csv"),
        virtualMfaDevices: parseVirtualMfaDevices(JSON.parse(fs.readFileSync(fixturePath("virtual-mfa-devices.json"), "utf8")), "virtual-mfa-devices.json"),
        exemptions: parseExemptionsFile(fs.readFileSync(fixturePath("exemptions.json"), "utf8"), "exemptions.json"),
    };
}
