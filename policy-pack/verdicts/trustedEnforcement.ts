/**
 * Enforcement declared in another stack, trusted by the pack's configuration: a team stack that puts its user in the
 * org's enforced group (or attaches the org's ForceMFA policy) cannot see that group's policy, which the force-mfa
 * stack declares and this pack proves there. What catches a hand-edit of that group in the account is the account
 * audit and the AWS Config rules, not this preview.
 */
import { GuardConfig } from "../guardConfig";
import { accountOfArn } from "../iam/policyArn";
import { asciiLowerCase } from "../iam/wildcard";
import { GroupEntry, ManagedPolicyRef, UserEntry } from "../stack/iamGraph";

const sameName = (a: string | undefined, b: string) => a !== undefined && asciiLowerCase(a) === asciiLowerCase(b);

/** The enforced group, named by the config: declared in this stack, or only named by it. */
export function isEnforcedGroup(group: GroupEntry, config: GuardConfig): boolean {
    return group.nameKnown && sameName(group.name, config.enforcedGroupName);
}

/**
 * The enforced group declared elsewhere, as this stack leaves it: nothing here may set its policies exactly (an
 * `*Exclusive` resource could strip the deny, and is then judged on what it lists).
 */
export function isTrustedEnforcedGroup(group: GroupEntry, config: GuardConfig): boolean {
    return !group.inStack && isEnforcedGroup(group, config) && !group.exclusiveAttached && !group.exclusiveInlineNames;
}

/** The policy name in a customer managed policy's ARN, read once per reference (members share their groups'). */
const policyNames = new WeakMap<ManagedPolicyRef, string | null>();

function policyNameInArn(ref: ManagedPolicyRef): string | undefined {
    let name = policyNames.get(ref);
    if (name === undefined) {
        name = /^arn:[\w-]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(ref.key)?.[1] ?? null;
        policyNames.set(ref, name);
    }
    return name ?? undefined;
}

/**
 * Whether a policy reference is one the config trusts as the org's MFA deny: by the name in its ARN when outside the
 * stack, by its IAM name when the stack declares it.
 */
export function isTrustedPolicyName(ref: ManagedPolicyRef, config: GuardConfig): boolean {
    const name = policyNameInArn(ref) ?? (ref.key.startsWith("urn:") ? ref.name : undefined);
    return name !== undefined && config.enforcementPolicyNames.some((n) => sameName(name, n));
}

/**
 * A customer managed policy outside the stack whose name the config trusts (`arn:…:iam::<account>:policy/…/ForceMFA`),
 * in the account of the user it is asked for (when that is known): the org's policy of another account is not
 * attachable here, and an ARN AWS cannot attach is trusted for nothing.
 */
function trustedPolicy(holder: UserEntry | GroupEntry, config: GuardConfig, account: string | undefined): ManagedPolicyRef | undefined {
    for (const ref of holder.effectiveAttached.values()) {
        const name = policyNameInArn(ref);
        if (name !== undefined && !ref.unattachable && config.enforcementPolicyNames.some((n) => sameName(name, n)) && (account === undefined || accountOfArn(ref.key) === account)) {
            return ref;
        }
    }
    return undefined;
}

/**
 * Why the user counts as subject to the MFA deny on trust, or undefined when it must be proven here. Asked of every
 * user by several policies, so it builds nothing on the way.
 */
export function trustedEnforcement(user: UserEntry, config: GuardConfig): string | undefined {
    for (const group of user.groups) {
        if (isTrustedEnforcedGroup(group, config)) {
            return `enforced by the org's group ${group.displayName}, declared in another stack`;
        }
    }
    const own = trustedPolicy(user, config, user.account);
    if (own) {
        return `enforced by the org's policy ${own.name}, declared in another stack`;
    }
    for (const group of user.groups) {
        const policy = trustedPolicy(group, config, user.account);
        if (policy) {
            return `enforced by the org's policy ${policy.name} via group ${group.displayName}, declared in another stack`;
        }
    }
    return undefined;
}
