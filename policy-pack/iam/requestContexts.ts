/**
 * The requests an MFA guarantee has to hold for. "Without MFA" is two different requests in IAM: the MFA key is
 * ABSENT for long-term access keys, and "false" for e.g. console sessions signed in without MFA. Every other key is
 * left unconstrained, so a condition on it makes a verdict "depend".
 */
import { RequestContext } from "./conditions";
import { normalizedIamPath } from "./policyArn";

export const MFA_PRESENT_KEY = "aws:multifactorauthpresent";
export const MFA_AGE_KEY = "aws:multifactorauthage";

export interface NamedContext extends RequestContext {
    readonly name: string;
}

/**
 * The global keys of a request a principal makes itself, as AWS documents them: `aws:ViaAWSService` and
 * `aws:PrincipalIsAWSService` are in every signed request and "false" here; `aws:CalledVia*` and the `aws:Source*`
 * keys are present only when a service calls on someone's behalf. A deny narrowed by them to direct requests still
 * enforces: a service acts for a user only after a direct request of that user (CloudFormation after CreateStack,
 * S3 to KMS after PutObject), which the deny refuses without MFA — the enrollment allow-list holds only IAM and STS
 * actions, which make no calls on the user's behalf. Forwarded requests are therefore not asked about.
 */
export const DIRECT_REQUEST_KEYS: readonly (readonly [string, readonly string[] | null])[] = [
    ["aws:viaawsservice", ["false"]],
    ["aws:principalisawsservice", ["false"]],
    ["aws:calledvia", null],
    ["aws:calledviafirst", null],
    ["aws:calledvialast", null],
    ["aws:sourcearn", null],
    ["aws:sourceaccount", null],
    ["aws:sourceorgid", null],
    ["aws:sourceorgpaths", null],
];

export const MFA_ABSENT: NamedContext = {
    name: "MFA absent (long-term access keys)",
    keys: new Map<string, readonly string[] | null>([[MFA_PRESENT_KEY, null], [MFA_AGE_KEY, null], ...DIRECT_REQUEST_KEYS]),
};

export const MFA_FALSE: NamedContext = {
    name: 'MFA "false" (session without MFA)',
    keys: new Map<string, readonly string[] | null>([[MFA_PRESENT_KEY, ["false"]], [MFA_AGE_KEY, null], ...DIRECT_REQUEST_KEYS]),
};

export const WITHOUT_MFA: readonly NamedContext[] = [MFA_ABSENT, MFA_FALSE];

/** The same requests with the route left open: asked when an allow-listed action may lead a service to act. */
const ANY_ROUTE: readonly NamedContext[] = WITHOUT_MFA.map((c) => ({
    name: c.name,
    keys: new Map([...c.keys].filter(([key]) => !DIRECT_REQUEST_KEYS.some(([direct]) => direct === key))),
}));

/**
 * The requests an MFA deny must refuse, for an enrollment allow-list: direct ones only when every allow-listed action
 * is IAM's or STS's (no service acts for a user after them), else every route.
 */
export function withoutMfaContexts(enrollmentAllowList: readonly string[]): readonly NamedContext[] {
    return enrollmentAllowList.every((a) => /^(iam|sts):/i.test(a)) ? WITHOUT_MFA : ANY_ROUTE;
}

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


/** A request without MFA made by this user: the keys its name, path and ARN give; the others stay unconstrained. */
export function withoutMfaAs(base: NamedContext, user: JudgedUser): NamedContext {
    const keys = new Map(base.keys);
    const variables = new Map<string, string>();
    keys.set("aws:principaltype", ["User"]);
    if (user.name !== undefined) {
        keys.set("aws:username", [user.name]);
        variables.set("aws:username", user.name);
        const arn = user.arn ?? `arn:aws:iam::${UNKNOWN_ACCOUNT}:user${normalizedIamPath(user.path)}${user.name}`;
        keys.set("aws:principalarn", [arn]);
        const account = /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];
        if (account) {
            keys.set("aws:principalaccount", [account]);
        }
    }
    return { name: base.name, keys, variables };
}

/**
 * The longest an MFA session lasts (GetSessionToken: 36 hours): a deny that must refuse every session older than a
 * limit is asked just past the limit and at this age, so a condition that stops matching later is caught.
 */
export const LONGEST_MFA_AGE_SECONDS = 129600;

/**
 * The requests a fresh-MFA deny of limit `maxMfaAgeSeconds` must refuse: MFA absent, "false", and present but older
 * than the limit. Every route is asked — a service that acts for the caller (CloudFormation deleting a bucket) carries
 * the caller's MFA keys, so a deny narrowed to direct requests would let an old session through a service.
 */
export function staleMfaContexts(maxMfaAgeSeconds: number): readonly NamedContext[] {
    const stale = (age: number): NamedContext => ({
        name: `MFA ${age} s old (limit ${maxMfaAgeSeconds} s)`,
        keys: new Map<string, readonly string[] | null>([[MFA_PRESENT_KEY, ["true"]], [MFA_AGE_KEY, [String(age)]]]),
    });
    const ages = [...new Set([maxMfaAgeSeconds + 1, Math.max(LONGEST_MFA_AGE_SECONDS, maxMfaAgeSeconds + 1)])];
    return [...ANY_ROUTE, ...ages.map(stale)];
}
