/**
 * The users the enrollment window decides on, read off the two account exports the account audit reads too: the
 * authorization details say who exists and in which groups, the credential report when each was created and whether
 * an MFA device is active.
 */
import { AuthorizationDetails } from "../../account";
import { CredentialReport } from "../../account";
import { UserMfaFacts } from "./decisionTable";

function dateOf(text: string | undefined): Date | undefined {
    if (text === undefined) {
        return undefined;
    }
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * One entry per user of the authorization details (the account as it is: a report row of a user deleted since is
 * ignored). A user missing from the credential report (created after it was generated) has an unknown MFA status.
 */
export function usersOfAccount(details: AuthorizationDetails, report: CredentialReport, suspendedGroupName: string): UserMfaFacts[] {
    const suspendedGroup = suspendedGroupName.toLowerCase();
    return details.users.map((user) => {
        const row = report.users.get(user.name.toLowerCase());
        return {
            name: user.name,
            createdAt: dateOf(row?.createdAt) ?? dateOf(user.createDate),
            mfaActive: row?.mfaActive,
            suspended: user.groups.some((g) => g.toLowerCase() === suspendedGroup),
        };
    });
}
