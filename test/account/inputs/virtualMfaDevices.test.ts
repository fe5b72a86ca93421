import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { AuditInputError } from "../../../account/inputs/auditInputError";
import { isRootDevice, parseVirtualMfaDevices } from "../../../account/inputs/virtualMfaDevices";

const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, "../../fixtures/audit/virtual-mfa-devices.json"), "utf8"));

describe("virtual MFA devices", () => {
    it("reads each device and whom it is assigned to", () => {
        const devices = parseVirtualMfaDevices(FIXTURE, "devices.json");
        expect(devices).to.have.length(2);
        expect(devices[0].userArn).to.equal("arn:aws:iam::123456789012:user/alice");
        expect(devices[1].userArn).to.equal(undefined);
    });

    it("knows root's virtual device by its serial or by its user", () => {
        const account = "123456789012";
        expect(isRootDevice({ serialNumber: `arn:aws:iam::${account}:mfa/root-account-mfa-device` }, account)).to.equal(true);
        expect(isRootDevice({ serialNumber: `arn:aws:iam::${account}:mfa/my-phone`, userArn: `arn:aws:iam::${account}:root` }, account)).to.equal(true);
        expect(isRootDevice({ serialNumber: `arn:aws:iam::${account}:mfa/alice-phone`, userArn: `arn:aws:iam::${account}:user/alice` }, account)).to.equal(false);
        expect(isRootDevice({ serialNumber: `arn:aws:iam::999999999999:mfa/root-account-mfa-device` }, account)).to.equal(false);
    });

    it("refuses other JSON with the place", () => {
        expect(() => parseVirtualMfaDevices({ MFADevices: [] }, "devices.json")).to.throw(AuditInputError, "devices.json: VirtualMFADevices: must be a list");
        expect(() => parseVirtualMfaDevices({ VirtualMFADevices: [{ User: {} }] }, "devices.json")).to.throw(AuditInputError, "VirtualMFADevices[0].SerialNumber");
    });
});
