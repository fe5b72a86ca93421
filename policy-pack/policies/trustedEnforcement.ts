/**
 * Enforcement declared in another stack, trusted by the pack's configuration: a team stack that puts its user in the
 * org's enforced group (or attaches the org's ForceMFA policy) cannot see that group's policy, which the force-mfa
 * stack declares and this pack proves there. What catches a hand-edit of that group in the account is the account
 * audit and the AWS Config rules, not this preview.
 */
import { GuardConfig } from "../guardConfig";
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

/** A customer managed policy outside the stack whose name the config trusts (`arn:…:iam::<account>:policy/…/ForceMFA`). */
function trustedPolicy(ref: ManagedPolicyRef, config: GuardConfig): boolean {
    const name = /^arn:[\w-]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(ref.key)?.[1];
    return name !== undefined && config.enforcementPolicyNames.some((n) => sameName(name, n));
}

/** Answers per user and trusted names: several policies ask of every user in one call. */
const answers = new WeakMap<UserEntry, { readonly names: string; readonly answer: string | undefined }>();

/** Why the user counts as subject to the MFA deny on trust, or undefined when it must be proven here. */
export function trustedEnforcement(user: UserEntry, config: GuardConfig): string | undefined {
    const names = `${config.enforcedGroupName}\n${config.enforcementPolicyNames.join("\n")}`;
    const known = answers.get(user);
    if (known?.names === names) {
        return known.answer;
    }
    const answer = computeTrustedEnforcement(user, config);
    answers.set(user, { names, answer });
    return answer;
}

function computeTrustedEnforcement(user: UserEntry, config: GuardConfig): string | undefined {
    const group = [...user.groups].find((g) => isTrustedEnforcedGroup(g, config));
    if (group) {
        return `enforced by the org's group ${group.displayName}, declared in another stack`;
    }
    for (const holder of [user, ...user.groups]) {
        const policy = [...holder.effectiveAttached.values()].find((ref) => trustedPolicy(ref, config));
        if (policy) {
            const via = holder === user ? "" : ` via group ${holder.displayName}`;
            return `enforced by the org's policy ${policy.name}${via}, declared in another stack`;
        }
    }
    return undefined;
}
