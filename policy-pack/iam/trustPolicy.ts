/**
 * Role trust: who may assume the role without MFA? An AWS principal (an account, a user, a role or `*`) allowed
 * `sts:AssumeRole` with MFA absent or "false" is an escape. `Bool aws:MultiFactorAuthPresent "true"` or
 * `NumericLessThan aws:MultiFactorAuthAge N` protect; `BoolIfExists "true"` does not (an absent key passes).
 * Service and federated principals do not carry MFA and are out of scope.
 */
import { evaluateConditions, unconstrainedKeys } from "./conditions";
import { PolicyDocument, PrincipalSpec, Statement, statementLabel } from "./policyDocument";
import { NamedContext, WITHOUT_MFA } from "./requestContexts";
import { actionMatches, matchesWildcard, asciiLowerCase as asciiLower } from "./wildcard";

export interface TrustEscape {
    readonly principal: string;
    readonly statement: string;
    /** The Allow statement that lets the principal in. */
    readonly allow: Statement;
    readonly context: NamedContext;
    readonly why: string;
}

const ASSUME_ROLE = "sts:AssumeRole";

function allowsAssumeRole(statement: Statement): boolean {
    return statement.actions
        ? statement.actions.some((p) => actionMatches(p, ASSUME_ROLE))
        : !(statement.notActions ?? []).some((p) => actionMatches(p, ASSUME_ROLE));
}

function awsPrincipals(spec: PrincipalSpec | undefined): string[] {
    if (spec === undefined) {
        return [];
    }
    if (spec === "*") {
        return ["*"];
    }
    const found: string[] = [];
    for (const [type, ids] of spec) {
        if (asciiLower(type) === "aws") {
            found.push(...ids);
        }
    }
    return found;
}

/** `123456789012` and `arn:aws:iam::123456789012:root` both name the account; other ARNs name one principal in it. */
function accountOf(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) {
        return principal;
    }
    return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

function isAccountPrincipal(principal: string): boolean {
    return /^\d{12}$/.test(principal) || /^arn:[^:]+:iam::\d{12}:root$/.test(principal);
}

/** Whether a Deny's principal names the allowed principal: the same one, `*`, or the account it belongs to. */
function names(denyPrincipal: string, principal: string): boolean {
    if (denyPrincipal === "*" || denyPrincipal === principal || matchesWildcard(denyPrincipal, principal, false)) {
        return true;
    }
    const account = accountOf(principal);
    return isAccountPrincipal(denyPrincipal) && account !== undefined && accountOf(denyPrincipal) === account;
}

function principalCovers(spec: PrincipalSpec | undefined, notSpec: PrincipalSpec | undefined, principal: string): boolean {
    if (notSpec !== undefined) {
        return !awsPrincipals(notSpec).some((p) => names(p, principal));
    }
    return awsPrincipals(spec).some((p) => names(p, principal));
}

/** The first AWS principal that can assume the role without MFA, or undefined. Throws on an unknown operator. */
export function findTrustEscape(document: PolicyDocument): TrustEscape | undefined {
    return findTrustEscapes(document, true)[0];
}

/**
 * Every AWS principal that can assume the role without MFA, each with the first statement and context that let it
 * in: a role chain is judged principal by principal (roleChains.ts). Throws on an unknown operator.
 */
export function findTrustEscapes(document: PolicyDocument, firstOnly = false): TrustEscape[] {
    const denies = document.statements.filter((s) => s.effect === "Deny" && allowsAssumeRole(s));
    const escapes: TrustEscape[] = [];
    const seen = new Set<string>();
    for (const statement of document.statements) {
        if (statement.effect !== "Allow" || !allowsAssumeRole(statement)) {
            continue;
        }
        const label = statementLabel(statement);
        if (statement.notPrincipal !== undefined) {
            escapes.push({
                principal: `every principal not in NotPrincipal ${JSON.stringify(awsPrincipals(statement.notPrincipal))}`,
                statement: label,
                allow: statement,
                context: WITHOUT_MFA[0],
                why: "an Allow with NotPrincipal trusts everyone it does not name",
            });
            if (firstOnly) {
                return escapes;
            }
            continue;
        }
        for (const principal of awsPrincipals(statement.principal)) {
            if (seen.has(principal)) {
                continue;
            }
            for (const context of WITHOUT_MFA) {
                const truth = evaluateConditions(statement.conditions, context);
                if (truth === "false") {
                    continue;
                }
                const blocked = denies.some(
                    (d) => principalCovers(d.principal, d.notPrincipal, principal) && evaluateConditions(d.conditions, context) === "true",
                );
                if (blocked) {
                    continue;
                }
                const boolIfExists = statement.conditions.find(
                    (c) => c.key === "aws:multifactorauthpresent" && asciiLower(c.operator) === "boolifexists",
                );
                const why =
                    truth === "depends"
                        ? `its only conditions (${unconstrainedKeys(statement.conditions, context).join(", ")}) can be met without MFA`
                        : boolIfExists && context.keys.get("aws:multifactorauthpresent") === null
                          ? `"BoolIfExists" lets requests without the MFA key through; use "Bool"`
                          : "no condition requires MFA";
                escapes.push({ principal, statement: label, allow: statement, context, why });
                seen.add(principal);
                if (firstOnly) {
                    return escapes;
                }
                break;
            }
        }
    }
    return escapes;
}
