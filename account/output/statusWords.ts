/** How statuses and root facts read in the terminal and on the page. */
import { PrincipalStatus, RootFacts } from "../report/reportModel";

export const STATUS_TITLES: Record<PrincipalStatus, string> = {
    escapes: "Escapes",
    unenforced: "Unenforced",
    "locked-out": "Locked out",
    unverifiable: "Unverifiable",
    suspended: "Suspended",
    "not-applicable": "Not applicable",
    exempt: "Exempt",
    enforced: "Enforced",
};

const ROOT_KINDS: Record<RootFacts["mfaType"], string> = {
    "virtual-totp": "virtual TOTP",
    "hardware-totp": "hardware TOTP",
    fido: "FIDO security key or passkey",
    "not-virtual": "not virtual",
    none: "none",
    unknown: "kind not known",
};

export function rootLine(root: RootFacts): string {
    if (root.credentialsRemoved) {
        return `root: NO CREDENTIALS (pass) — ${root.reason}`;
    }
    if (root.mfaActive === undefined) {
        return `root: ${root.reason}`;
    }
    const mfa = root.mfaActive ? `MFA active (${ROOT_KINDS[root.mfaType]})` : "NO MFA";
    const keys = root.accessKeysPresent ? "access keys PRESENT" : "no access keys";
    return `root: ${mfa}, ${keys} — ${root.reason}`;
}
