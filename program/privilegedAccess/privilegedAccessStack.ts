/**
 * Privileged access in the program: the admin role assumed with fresh MFA (adminRole.ts), behind its switch, checked
 * first against the account's users (whom it trusts) and IAM's quota on the length of its trust policy.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccountFacts } from "../accountFacts";
import { AccountChecks, Deployment, noFindings } from "../capability";
import { enrolledUserNames, MfaEnforcement } from "../enforcement/mfaEnforcement";
import { exemptionsInForce } from "../enforcement/enforcementStack";
import { ForceMfaConfig } from "../stackConfig";
import { adminRoleTrustDocument, MfaAdminRole, policyLength, TRUST_POLICY_DEFAULT_MAX_LENGTH, TRUST_POLICY_QUOTA_MAX_LENGTH, trustPolicyLengthVerdict } from "./adminRole";
import { ENFORCED_GROUP_USERS } from "./privilegedAccessConfig";
import { knownUsers, resolveTrustedUserArns } from "./trustedUsers";

/** The stack outputs of privileged access: none while the admin role is off. */
export interface PrivilegedAccessOutputs {
    readonly adminRoleArn?: pulumi.Output<string>;
    readonly adminRoleAssumeCommand?: pulumi.Output<string>;
    readonly adminRoleCliProfile?: pulumi.Output<string>;
}

/** Every trusted user must exist, and the trust naming each of them must fit IAM's quota. */
export function checkPrivilegedAccess(config: ForceMfaConfig, account: AccountFacts): AccountChecks {
    const { adminRole } = config;
    if (!adminRole.enabled) {
        return noFindings();
    }
    const enrolled = enrolledUserNames(config.users, account.existingUsers.map((u) => u.name), exemptionsInForce(config, account));
    let arns: string[];
    try {
        arns = resolveTrustedUserArns(account.accountId, adminRole.trustedUsers, knownUsers(account.existingUsers, config.users), enrolled);
    } catch (err) {
        return { problems: [(err as Error).message], warnings: [] };
    }
    // The trust names every trusted user's ARN, so its length grows with the list.
    const length = policyLength(adminRoleTrustDocument({ trustedUserArns: arns, maxMfaAgeSeconds: adminRole.maxMfaAgeSeconds }));
    switch (trustPolicyLengthVerdict(length)) {
        case "too-long":
            return {
                problems: [
                    `adminRole.trustedUsers: the admin role's trust policy would be ${length} characters (whitespace not counted), over the ${TRUST_POLICY_QUOTA_MAX_LENGTH} IAM allows ` +
                        `even with the quota "Role trust policy length" raised — name fewer users (the administrators rather than "${ENFORCED_GROUP_USERS}")`,
                ],
                warnings: [],
            };
        case "needs-quota":
            return {
                problems: [],
                warnings: [
                    `adminRole.trustedUsers: the admin role's trust policy is ${length} characters (whitespace not counted), over IAM's default limit of ${TRUST_POLICY_DEFAULT_MAX_LENGTH}: ` +
                        `pulumi up fails to create or update the role unless the IAM quota "Role trust policy length" is raised (Service Quotas, up to ${TRUST_POLICY_QUOTA_MAX_LENGTH}), or fewer users are named`,
                ],
            };
        case "fits":
            return noFindings();
    }
}

/** `enforcement`: whom the group enrolls (for "enforcedGroup"), and the users it creates, which the role waits for. */
export function deployPrivilegedAccess(
    config: ForceMfaConfig,
    account: AccountFacts,
    enforcement: Pick<MfaEnforcement, "enrolledUsers" | "users">,
): Deployment<PrivilegedAccessOutputs, { adminRole?: MfaAdminRole }> {
    const { adminRole } = config;
    if (!adminRole.enabled) {
        return { outputs: {}, nextSteps: [], components: {} };
    }
    const accountId = pulumi.output(account.accountId);
    const trustedUserArns = pulumi
        .all([accountId, knownUsers(account.existingUsers, config.users), enforcement.enrolledUsers])
        .apply(([id, users, enrolled]) => resolveTrustedUserArns(id, adminRole.trustedUsers, users, enrolled));
    const role = new MfaAdminRole("admin", {
        accountId,
        roleName: adminRole.name,
        trustedUserArns,
        maxMfaAgeSeconds: adminRole.maxMfaAgeSeconds,
        maxSessionDurationSeconds: adminRole.maxSessionDurationSeconds,
        policyArn: adminRole.policyArn,
        userDependencies: enforcement.users,
        tags: config.tags,
    });
    return {
        outputs: { adminRoleArn: role.roleArn, adminRoleAssumeCommand: role.assumeRoleCommand, adminRoleCliProfile: role.cliProfile },
        nextSteps: [],
        components: { adminRole: role },
    };
}
