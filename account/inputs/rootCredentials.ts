/**
 * The root user's credentials as AWS reports them to a root session — e.g. one opened from the management account
 * with centralized root access (`aws sts assume-root --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/
 * IAMAuditRootUserCredentials`): the answers of `get-login-profile` (absent: no password), `list-access-keys`,
 * `list-mfa-devices` (each device may carry `get-mfa-device`'s `Certifications`) and `list-signing-certificates`,
 * merged into one object (`jq -s add`), with `"LoginProfile": null` where get-login-profile answers NoSuchEntity
 * (no password). A key that is absent was not asked, and stays unknown.
 */
import { JsonReader } from "./jsonReader";

export type MfaDeviceKind = "virtual-totp" | "hardware-totp" | "fido";

export interface RootMfaDevice {
    readonly serialNumber: string;
    /** From the serial AWS gives: `…:mfa/…` a virtual TOTP app, `…:u2f/…` a FIDO security key or passkey, else a hardware TOTP token. */
    readonly kind: MfaDeviceKind;
    readonly enableDate?: string;
    /** FIDO certifications AWS reports for the device (get-mfa-device), e.g. `{"FIDO": "L1"}`. */
    readonly certifications?: Readonly<Record<string, string>>;
}

export interface RootCredentials {
    /** undefined: not asked (no LoginProfile key). */
    readonly password?: boolean;
    readonly accessKeys?: number;
    readonly signingCertificates?: number;
    readonly mfaDevices?: readonly RootMfaDevice[];
}

export function mfaDeviceKind(serialNumber: string): MfaDeviceKind {
    if (/^arn:[\w-]+:iam::\d{12}:u2f\//.test(serialNumber)) {
        return "fido";
    }
    return /^arn:[\w-]+:iam::\d{12}:mfa\//.test(serialNumber) ? "virtual-totp" : "hardware-totp";
}

export function parseRootCredentials(input: unknown, file: string): RootCredentials {
    const read = new JsonReader(file);
    const object = read.object(input, "the top level");
    const known = ["LoginProfile", "AccessKeyMetadata", "MFADevices", "Certificates"];
    if (!known.some((k) => k in object)) {
        read.fail("the top level", `has none of ${known.join(", ")}: not the answers of get-login-profile, list-access-keys, list-mfa-devices, list-signing-certificates`);
    }
    for (const key of ["AccessKeyMetadata", "MFADevices", "Certificates"]) {
        if (object.IsTruncated === true) {
            read.fail("IsTruncated", "is true: one page of a longer answer; let the AWS CLI paginate");
        }
        if (key in object && !Array.isArray(object[key])) {
            read.fail(key, "must be a list");
        }
    }
    const active = (list: unknown, key: string) =>
        read.list(list, key).filter((item, i) => (read.object(item, `${key}[${i}]`).Status ?? "Active") === "Active").length;
    return {
        ...("LoginProfile" in object ? { password: object.LoginProfile !== null && object.LoginProfile !== undefined } : {}),
        ...("AccessKeyMetadata" in object ? { accessKeys: active(object.AccessKeyMetadata, "AccessKeyMetadata") } : {}),
        ...("Certificates" in object ? { signingCertificates: active(object.Certificates, "Certificates") } : {}),
        ...("MFADevices" in object
            ? {
                  mfaDevices: read.list(object.MFADevices, "MFADevices").map((item, i): RootMfaDevice => {
                      const device = read.object(item, `MFADevices[${i}]`);
                      const serialNumber = read.string(device.SerialNumber, `MFADevices[${i}].SerialNumber`);
                      const certifications = device.Certifications === undefined ? undefined : read.object(device.Certifications, `MFADevices[${i}].Certifications`);
                      return {
                          serialNumber,
                          kind: mfaDeviceKind(serialNumber),
                          enableDate: read.optionalDate(device.EnableDate, `MFADevices[${i}].EnableDate`),
                          ...(certifications ? { certifications: Object.fromEntries(Object.entries(certifications).map(([k, v]) => [k, String(v)])) } : {}),
                      };
                  }),
              }
            : {}),
    };
}
