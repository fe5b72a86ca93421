/**
 * The requests an MFA guarantee has to hold for. "Without MFA" is two different requests in IAM: the MFA key is
 * ABSENT for long-term access keys, and "false" for e.g. console sessions signed in without MFA. Every other key is
 * left unconstrained, so a condition on it makes a verdict "depend".
 */
import { RequestContext } from "./conditions";

export const MFA_PRESENT_KEY = "aws:multifactorauthpresent";
export const MFA_AGE_KEY = "aws:multifactorauthage";

export interface NamedContext extends RequestContext {
    readonly name: string;
}

export const MFA_ABSENT: NamedContext = {
    name: "MFA absent (long-term access keys)",
    keys: new Map([
        [MFA_PRESENT_KEY, null],
        [MFA_AGE_KEY, null],
    ]),
};

export const MFA_FALSE: NamedContext = {
    name: 'MFA "false" (session without MFA)',
    keys: new Map<string, readonly string[] | null>([
        [MFA_PRESENT_KEY, ["false"]],
        [MFA_AGE_KEY, null],
    ]),
};

export const WITHOUT_MFA: readonly NamedContext[] = [MFA_ABSENT, MFA_FALSE];

/** A request made without MFA by a known IAM user, so `${aws:username}` resolves. */
export function withoutMfaAsUser(base: NamedContext, userName: string): NamedContext {
    const keys = new Map(base.keys);
    keys.set("aws:username", [userName]);
    return { name: base.name, keys, variables: new Map([["aws:username", userName]]) };
}
