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

/** The IAM user a question is asked for: its name when known, its path, and its ARN when known. */
export interface JudgedUser {
    readonly name?: string;
    readonly path?: string;
    readonly arn?: string;
}

/** Keys whose value is the judged user's own: a condition on them is decided per user. */
export const PRINCIPAL_KEYS = ["aws:username", "aws:principalarn", "aws:principaltype", "aws:principalaccount"];

/**
 * Stands for the digits of an account the pack does not know (an ARN not yet known during preview). A policy value
 * cannot hold it (IAM accepts no such character), so only wildcards match it — as they would match any account.
 */
export const UNKNOWN_ACCOUNT = "\u0001".repeat(12);

function userPath(path: string | undefined): string {
    if (!path || path === "/") {
        return "/";
    }
    return `${path.startsWith("/") ? "" : "/"}${path}${path.endsWith("/") ? "" : "/"}`;
}

/** A request without MFA made by this user: the keys its name, path and ARN give; the others stay unconstrained. */
export function withoutMfaAs(base: NamedContext, user: JudgedUser): NamedContext {
    const keys = new Map(base.keys);
    const variables = new Map<string, string>();
    keys.set("aws:principaltype", ["User"]);
    if (user.name !== undefined) {
        keys.set("aws:username", [user.name]);
        variables.set("aws:username", user.name);
        const arn = user.arn ?? `arn:aws:iam::${UNKNOWN_ACCOUNT}:user${userPath(user.path)}${user.name}`;
        keys.set("aws:principalarn", [arn]);
        const account = /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];
        if (account) {
            keys.set("aws:principalaccount", [account]);
        }
    }
    return { name: base.name, keys, variables };
}
