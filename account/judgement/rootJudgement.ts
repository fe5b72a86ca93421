/**
 * The root user: MFA from the credential report, virtual or hardware from the virtual MFA devices (a root device in
 * that list is virtual; root's MFA with none there is a hardware token or a security key), access keys present.
 */
import { CredentialReport } from "../inputs/credentialReport";
import { isRootDevice, VirtualMfaDevice } from "../inputs/virtualMfaDevices";
import { RootFacts } from "../report/reportModel";

export function judgeRoot(report: CredentialReport | undefined, devices: readonly VirtualMfaDevice[] | undefined, account: string | undefined): RootFacts {
    const root = report?.root;
    if (!root) {
        return {
            mfaType: "unknown",
            reason: report ? "the credential report has no <root_account> row" : "not judged: no credential report was given",
        };
    }
    const accessKeysPresent = root.accessKeys.some((k) => k.active);
    const keys = accessKeysPresent ? "; it has active access keys (delete them: root needs none)" : "";
    const facts = { arn: root.arn, mfaActive: root.mfaActive, accessKeysPresent, accessKeys: root.accessKeys, passwordLastUsed: root.passwordLastUsed };
    if (!root.mfaActive) {
        return { ...facts, mfaType: "none", reason: `root has no MFA: anyone with its password acts without MFA and beyond IAM policies${keys}` };
    }
    if (!devices) {
        return { ...facts, mfaType: "unknown", reason: `root has MFA; virtual or hardware is not known without the virtual MFA devices${keys}` };
    }
    const device = devices.find((d) => isRootDevice(d, account ?? report?.account));
    return device
        ? { ...facts, mfaType: "virtual", reason: `root's MFA is a virtual device (${device.serialNumber}); a hardware device is recommended for root${keys}` }
        : { ...facts, mfaType: "hardware", reason: `root's MFA is not a virtual device: a hardware token or a security key${keys}` };
}
