/**
 * The root user. No credentials at all (centralized root access removed them, or the account never had any) is the
 * best state: nobody signs in as root. Otherwise MFA from the credential report, and the device kinds from what AWS
 * reports: the root session's MFA devices (virtual TOTP, hardware TOTP, FIDO security key or passkey, with the FIDO
 * certification when given), else the virtual MFA devices (a root device there is virtual; without one the kind is
 * only "not virtual").
 */
import { CredentialReport } from "../inputs/credentialReport";
import { RootCredentials } from "../inputs/rootCredentials";
import { isRootDevice, VirtualMfaDevice } from "../inputs/virtualMfaDevices";
import { RootFacts } from "../report/reportModel";

const KIND_WORDS = { "virtual-totp": "a virtual TOTP app", "hardware-totp": "a hardware TOTP token", fido: "a FIDO security key or passkey" } as const;

export function judgeRoot(report: CredentialReport | undefined, devices: readonly VirtualMfaDevice[] | undefined, account: string | undefined, credentials?: RootCredentials): RootFacts {
    const root = report?.root;
    const removed = credentials?.password === false && credentials.accessKeys === 0 && (credentials.signingCertificates ?? 0) === 0;
    if (removed && !root?.accessKeys.some((k) => k.active)) {
        return {
            ...(root ? { arn: root.arn } : {}),
            credentialsRemoved: true,
            mfaActive: root?.mfaActive ?? (credentials.mfaDevices ?? []).length > 0,
            mfaType: "none",
            accessKeysPresent: false,
            reason: "root has no credentials (no password, no access keys, no signing certificates): nobody can sign in as root; privileged tasks go through sts:AssumeRoot from the management account (centralized root access)",
        };
    }
    if (!root) {
        return {
            mfaType: "unknown",
            reason: report ? "the credential report has no <root_account> row" : "not judged: no credential report was given",
        };
    }
    const accessKeysPresent = root.accessKeys.some((k) => k.active) || (credentials?.accessKeys ?? 0) > 0;
    const keys = accessKeysPresent ? "; it has active access keys (delete them: root needs none)" : "";
    const facts = { arn: root.arn, mfaActive: root.mfaActive, accessKeysPresent, accessKeys: root.accessKeys, passwordLastUsed: root.passwordLastUsed };
    if (!root.mfaActive) {
        return { ...facts, mfaType: "none", reason: `root has no MFA: anyone with its password acts without MFA and beyond IAM policies${keys}` };
    }
    const reported = credentials?.mfaDevices;
    if (reported && reported.length > 0) {
        const kinds = [...new Set(reported.map((d) => d.kind))];
        const described = reported.map((d) => `${KIND_WORDS[d.kind]} (${d.serialNumber}${d.certifications ? `, certified ${Object.entries(d.certifications).map(([k, v]) => `${k} ${v}`).join(", ")}` : ""})`);
        const mfaType = kinds.length === 1 ? kinds[0] : kinds.includes("virtual-totp") ? "virtual-totp" : kinds.includes("fido") ? "fido" : "hardware-totp";
        const advice = kinds.every((k) => k === "virtual-totp") ? "; a hardware token or a FIDO security key is recommended for root" : "";
        return { ...facts, mfaType, mfaDevices: reported, reason: `root's MFA: ${described.join("; ")}${advice}${keys}` };
    }
    if (!devices) {
        return { ...facts, mfaType: "unknown", reason: `root has MFA; its kind is not known without the virtual MFA devices or the root credentials${keys}` };
    }
    const device = devices.find((d) => isRootDevice(d, account ?? report?.account));
    return device
        ? { ...facts, mfaType: "virtual-totp", reason: `root's MFA is a virtual TOTP app (${device.serialNumber}); a hardware token or a FIDO security key is recommended for root${keys}` }
        : {
              ...facts,
              mfaType: "not-virtual",
              reason: `root's MFA is not a virtual TOTP app: a hardware TOTP token, a FIDO security key or a passkey (give the root credentials, --root-credentials, to tell which)${keys}`,
          };
}
