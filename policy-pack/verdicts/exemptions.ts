/** Exemptions by IAM name: how a principal is matched to the exemptions config lists. */
import { asciiLowerCase } from "../iam/wildcard";

/** An exemption needs the principal's real IAM name: an unknown one (undefined here) is never exempt. */
export function isExempt(exemptions: readonly { name: string }[], name: string | undefined): boolean {
    if (name === undefined || exemptions.length === 0) {
        return false;
    }
    // IAM user and role names are unique regardless of case.
    const lower = asciiLowerCase(name);
    for (const exemption of exemptions) {
        if (asciiLowerCase(exemption.name) === lower) {
            return true;
        }
    }
    return false;
}

/** The name an exemption of this user must match: its IAM name, if known. */
export function exemptionName(user: { name: string | undefined; nameKnown?: boolean }): string | undefined {
    return user.nameKnown === false ? undefined : user.name;
}
