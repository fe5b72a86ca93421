/**
 * What an AWS principal of a trust policy stands for, for the question "can a person get in without MFA?". A person
 * path on its own: `*`, an account (any of its users, or roles an administrator lets in), a user, a federated user's
 * session, anything else the pack cannot tie to one role. One role — its ARN, or a session of it
 * (`arn:aws:sts::ACCT:assumed-role/NAME/SESSION`) — is entered only as that role's own trust allows, so it is a link of
 * a chain, decided by the role it names. IAM refuses a wildcard inside a principal's ARN (`role/*`), so such an ARN
 * names no one role: a person path.
 */
import { normalizedIamPath } from "./policyArn";

export type TrustedPrincipal =
    | { readonly kind: "person" }
    | { readonly kind: "role"; readonly account: string; readonly name: string; readonly path?: string; readonly session: boolean }
    /**
     * A value unknown during preview, traced to the roles of the stack it was computed from: `any` of them (the widest
     * reading: each stands in alone), or one of them, whichever (`every` must be reached for a sure verdict).
     */
    | { readonly kind: "stack-role"; readonly urns: readonly string[] };

/** What stands for an unknown AWS principal traced to roles of the stack: no principal IAM accepts looks like it. */
const STACK_ROLE = "force-mfa-guard:stack-role:";

/** The principal that is one of these roles of the stack, whichever. */
export function stackRoleStandIn(urns: readonly string[]): string {
    return `${STACK_ROLE}${urns.join("\n")}`;
}

const ROLE_ARN = /^arn:[^:]+:iam::(\d{12}):role(\/(?:[^/]+\/)*)([^/]+)$/;
const SESSION_ARN = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

export function trustedPrincipal(principal: string): TrustedPrincipal {
    if (principal.startsWith(STACK_ROLE)) {
        return { kind: "stack-role", urns: principal.slice(STACK_ROLE.length).split("\n") };
    }
    if (/[*?]/.test(principal)) {
        return { kind: "person" };
    }
    const role = ROLE_ARN.exec(principal);
    if (role) {
        return { kind: "role", account: role[1], path: normalizedIamPath(role[2]), name: role[3], session: false };
    }
    const session = SESSION_ARN.exec(principal);
    if (session) {
        return { kind: "role", account: session[1], name: session[2], session: true };
    }
    return { kind: "person" };
}

/** Whether the principal is a person path whatever the stack holds. */
export function isPersonPath(principal: string): boolean {
    return trustedPrincipal(principal).kind === "person";
}
