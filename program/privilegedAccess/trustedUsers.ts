/** Whom the admin role trusts: the users named in config (or the enforced group's members), resolved to their ARNs. */
import { ExistingUser } from "../accountFacts";
import { DeclaredUser } from "../enforcement/enforcementConfig";
import { iamUserArn } from "./adminRole";
import { AdminRoleSettings, ENFORCED_GROUP_USERS } from "./privilegedAccessConfig";

export interface KnownUser {
    name: string;
    /** IAM path, "/" by default. */
    path?: string;
    /** The ARN when known from aws.iam.getUsers; otherwise built from account id, path and name. */
    arn?: string;
}

/** Every IAM user the program knows: found in the account, then declared in config (known during preview). */
export function knownUsers(existing: readonly ExistingUser[], declared: readonly DeclaredUser[]): KnownUser[] {
    return [...existing.map((u) => ({ name: u.name, path: u.path, arn: u.arn })), ...declared.map((u) => ({ name: u.name, path: u.path }))];
}

/** The ARNs the admin role trusts, resolved from config names (or the enforced group) against the known users. */
export function resolveTrustedUserArns(accountId: string, trustedUsers: AdminRoleSettings["trustedUsers"], users: KnownUser[], enrolledUserNames: string[]): string[] {
    // IAM user names are unique regardless of case; the ARN keeps the account's spelling.
    const byName = new Map(users.map((u) => [u.name.toLowerCase(), u]));
    const names = trustedUsers === ENFORCED_GROUP_USERS ? enrolledUserNames : trustedUsers;
    if (names.length === 0) {
        throw new Error(`adminRole.trustedUsers: "${ENFORCED_GROUP_USERS}" has no members to trust; name the users or add users to the group`);
    }
    return names.map((name) => {
        const user = byName.get(name.toLowerCase());
        if (!user) {
            throw new Error(`adminRole.trustedUsers: "${name}" is neither declared in config nor an existing IAM user of the account`);
        }
        return user.arn ?? iamUserArn(accountId, user.name, user.path ?? "/");
    });
}
