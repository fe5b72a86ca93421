import { expect } from "chai";
import { AuditInputError } from "../../../account/inputs/auditInputError";
import { mfaDeviceKind, parseRootCredentials } from "../../../account/inputs/rootCredentials";

describe("account inputs — rootCredentials: what a root session reports of root's credentials", () => {
    it("the kind of an MFA device from its serial: virtual, FIDO, else a hardware token", () => {
        expect(mfaDeviceKind("arn:aws:iam::123456789012:mfa/root-phone")).to.equal("virtual-totp");
        expect(mfaDeviceKind("arn:aws-us-gov:iam::123456789012:u2f/root-account-mfa-device/ABC")).to.equal("fido");
        expect(mfaDeviceKind("GAHT12345678")).to.equal("hardware-totp");
    });

    it("merged answers: a password when LoginProfile is an object, active keys and certificates counted, devices read", () => {
        const credentials = parseRootCredentials(
            {
                LoginProfile: { CreateDate: "2024-01-01T09:00:00Z" },
                AccessKeyMetadata: [{ Status: "Active" }, { Status: "Inactive" }, {}],
                Certificates: [{ Status: "Inactive" }],
                MFADevices: [{ SerialNumber: "arn:aws:iam::123456789012:u2f/root-account-mfa-device/K1", EnableDate: "2025-05-01T10:00:00Z", Certifications: { FIDO: "L1" } }],
            },
            "root.json",
        );
        expect(credentials).to.deep.equal({
            password: true,
            accessKeys: 2,
            signingCertificates: 0,
            mfaDevices: [{ serialNumber: "arn:aws:iam::123456789012:u2f/root-account-mfa-device/K1", kind: "fido", enableDate: "2025-05-01T10:00:00.000Z", certifications: { FIDO: "L1" } }],
        });
    });

    it("LoginProfile null is no password; a key not given stays unknown", () => {
        expect(parseRootCredentials({ LoginProfile: null }, "root.json")).to.deep.equal({ password: false });
        expect(parseRootCredentials({ MFADevices: [] }, "root.json")).to.deep.equal({ mfaDevices: [] });
    });

    it("refuses what is not these answers: none of their keys, one page of many, a list that is not a list", () => {
        const refusal = (input: unknown) => {
            try {
                parseRootCredentials(input, "root.json");
            } catch (err) {
                expect(err).to.be.instanceOf(AuditInputError);
                return (err as Error).message;
            }
            throw new Error("accepted");
        };
        expect(refusal({ Users: [] })).to.match(/^root\.json: the top level: has none of LoginProfile, AccessKeyMetadata, MFADevices, Certificates/);
        expect(refusal([])).to.equal("root.json: the top level: must be an object, found a list");
        expect(refusal({ AccessKeyMetadata: [], IsTruncated: true })).to.equal("root.json: IsTruncated: is true: one page of a longer answer; let the AWS CLI paginate");
        expect(refusal({ MFADevices: {} })).to.equal("root.json: MFADevices: must be a list");
        expect(refusal({ MFADevices: [{}] })).to.equal("root.json: MFADevices[0].SerialNumber: must be a non-empty string, found nothing");
        expect(refusal({ AccessKeyMetadata: ["x"] })).to.equal('root.json: AccessKeyMetadata[0]: must be an object, found "x"');
    });
});
