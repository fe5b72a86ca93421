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

export function rootLine(root: RootFacts): string {
    if (root.mfaActive === undefined) {
        return `root: ${root.reason}`;
    }
    const mfa = root.mfaActive ? `MFA active (${root.mfaType === "unknown" ? "virtual or hardware not known" : root.mfaType})` : "NO MFA";
    const keys = root.accessKeysPresent ? "access keys PRESENT" : "no access keys";
    return `root: ${mfa}, ${keys} — ${root.reason}`;
}
