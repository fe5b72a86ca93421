/**
 * Lock-out check: can a user who is subject to the MFA deny still enroll a device without MFA? They must be able to
 * create a virtual MFA device and enable it on themselves. A deny that blocks this (or no allow for it) leaves the
 * user waiting for an administrator — the bug of the seed-era ForceMFA policy, which never allows EnableMFADevice.
 */
import { statementSelectsResource } from "./arn";
import { normalizedIamPath } from "./policyArn";
import { evaluateConditions, Truth, UnverifiableConditionError } from "./conditions";
import { CachedEnrollment, cachedEnrollment } from "./enrollmentCache";
import { NamedDocument } from "./mfaDenyAnalysis";
import { oncePerDocument, PolicyDocument, Statement, statementLabel } from "./policyDocument";
import { NamedContext, WITHOUT_MFA, withoutMfaAsUser } from "./requestContexts";
import { selectsOnlyUncontrollable } from "./uncontrollableActions";
import { actionMatches } from "./wildcard";

/** The stack's account is not known to the pack; a placeholder stands in (explicit accounts in patterns match it). */
const ACCOUNT = "123456789012";

export interface EnrollmentUser {
    readonly name: string;
    /** IAM path, e.g. `/` or `/eng/`. */
    readonly path?: string;
}

export interface EnrollmentRequest {
    readonly action: string;
    readonly resource: string;
}

export interface EnrollmentResult {
    readonly possible: boolean;
    readonly blocked?: { readonly request: EnrollmentRequest; readonly reason: string; readonly context: string };
}


export function enrollmentRequests(user: EnrollmentUser): EnrollmentRequest[] {
    const userArn = `arn:aws:iam::${ACCOUNT}:user${normalizedIamPath(user.path)}${user.name}`;
    return [
        // Device names are free today; a policy pinning devices to mfa/${aws:username} still lets users enroll.
        { action: "iam:CreateVirtualMFADevice", resource: `arn:aws:iam::${ACCOUNT}:mfa/${user.name}` },
        { action: "iam:EnableMFADevice", resource: userArn },
    ];
}

function selects(statement: Statement, request: EnrollmentRequest, context: NamedContext): Truth {
    const actionHit = statement.actions
        ? statement.actions.some((p) => actionMatches(p, request.action))
        : !(statement.notActions ?? []).some((p) => actionMatches(p, request.action));
    if (!actionHit) {
        return "false";
    }
    const resource = statementSelectsResource(statement, request.resource, context.variables);
    if (resource === "no") {
        return "false";
    }
    const conditions = evaluateConditions(statement.conditions, context);
    if (conditions === "false") {
        return "false";
    }
    return resource === "maybe" || conditions === "depends" ? "depends" : "true";
}

/**
 * Decides one request over a set of documents. A deny that might apply counts as blocking and an allow must surely
 * apply: the check errs toward reporting a lock-out, never toward hiding one.
 */
function decide(documents: readonly NamedDocument[], request: EnrollmentRequest, context: NamedContext): string | undefined {
    let allowed = false;
    for (const { label, document } of documents) {
        for (const statement of document.statements) {
            let truth: Truth;
            try {
                truth = selects(statement, request, context);
            } catch (err) {
                if (err instanceof UnverifiableConditionError) {
                    truth = "depends";
                } else {
                    throw err;
                }
            }
            if (statement.effect === "Deny" && truth !== "false") {
                return `${label}: ${statementLabel(statement)} ${truth === "true" ? "denies" : "may deny"} it without MFA`;
            }
            if (statement.effect === "Allow" && truth === "true") {
                allowed = true;
            }
        }
    }
    return allowed ? undefined : "no statement allows it without MFA";
}

/** The condition keys and policy variables a request binds to the user it is made by. */
function keysBoundToUser(): ReadonlySet<string> {
    const bound = new Set<string>();
    for (const base of WITHOUT_MFA) {
        const context = withoutMfaAsUser(base, "someone");
        context.keys.forEach((_v, key) => {
            if (!base.keys.has(key)) {
                bound.add(key);
            }
        });
        context.variables?.forEach((_v, name) => bound.add(name));
    }
    return bound;
}

let userKeys: ReadonlySet<string> | undefined;

/** What the cache keeps of an evaluation: the blocked request by its index, as the cache holds no user. */
function evaluateForCache(user: EnrollmentUser, identity: readonly NamedDocument[], boundary: readonly NamedDocument[]): CachedEnrollment {
    const result = evaluateEnrollment(user, identity, boundary);
    if (result.possible) {
        return { possible: true };
    }
    const { request, reason, context } = result.blocked!;
    return { possible: false, blocked: { requestIndex: enrollmentRequests(user).findIndex((r) => r.action === request.action), reason, context } };
}

/** Most users can enroll: one answer object for all of them. */
const POSSIBLE: EnrollmentResult = Object.freeze({ possible: true });

export function checkEnrollment(
    user: EnrollmentUser,
    identityDocuments: readonly NamedDocument[],
    boundaryDocuments: readonly NamedDocument[] = [],
): EnrollmentResult {
    userKeys ??= keysBoundToUser();
    const answer = cachedEnrollment(user, identityDocuments, boundaryDocuments, userKeys, evaluateForCache);
    if (answer.possible) {
        return POSSIBLE;
    }
    const { requestIndex, reason, context } = answer.blocked!;
    return { possible: false, blocked: { request: enrollmentRequests(user)[requestIndex], reason, context } };
}

/**
 * Documents with values unknown during preview (`restrictive` set) are judged in both their readings: enrollment
 * possible in the most restrictive means possible for every value; blocked in the most permissive, blocked for every
 * value. Otherwise the unknowns decide, and the documents are left out, as a document unknown whole is (the update
 * judges them known): an unknown deny is never dropped to pass the check.
 */
function evaluateEnrollment(user: EnrollmentUser, identityDocuments: readonly NamedDocument[], boundaryDocuments: readonly NamedDocument[]): EnrollmentResult {
    if (!identityDocuments.some((d) => d.restrictive) && !boundaryDocuments.some((d) => d.restrictive)) {
        return evaluateKnown(user, identityDocuments, boundaryDocuments);
    }
    const restrictive = (docs: readonly NamedDocument[]) => docs.map((d) => (d.restrictive ? { label: d.label, document: d.restrictive } : d));
    if (evaluateKnown(user, restrictive(identityDocuments), restrictive(boundaryDocuments)).possible) {
        return { possible: true };
    }
    const permissive = evaluateKnown(user, identityDocuments, boundaryDocuments);
    if (!permissive.possible) {
        return permissive;
    }
    // As for a document unknown whole: the check runs on the known documents, and only if one of them is an MFA deny.
    const known = (docs: readonly NamedDocument[]) => docs.filter((d) => !d.restrictive);
    const [identity, boundary] = [known(identityDocuments), known(boundaryDocuments)];
    if (![...identity, ...boundary].some((d) => actsAsMfaDeny(d.document))) {
        return { possible: true };
    }
    return evaluateKnown(user, identity, boundary);
}

function evaluateKnown(user: EnrollmentUser, identityDocuments: readonly NamedDocument[], boundaryDocuments: readonly NamedDocument[]): EnrollmentResult {
    // Both ways of lacking MFA: long-term keys (key absent) and a console session signed in without it ("false"),
    // the usual way to enroll.
    for (const base of WITHOUT_MFA) {
        const context = withoutMfaAsUser(base, user.name);
        for (const request of enrollmentRequests(user)) {
            const reason =
                decide(identityDocuments, request, context) ??
                (boundaryDocuments.length > 0 ? decide(boundaryDocuments, request, context)?.replace(/^/, "permissions boundary: ") : undefined);
            if (reason) {
                return { possible: false, blocked: { request, reason, context: base.name } };
            }
        }
    }
    return { possible: true };
}

export interface PasswordChangeDenial {
    readonly label: string;
    readonly statement: Statement;
    readonly request: EnrollmentRequest;
    readonly context: string;
    readonly certain: boolean;
}

/**
 * A user whose login profile requires a password reset must change it, without MFA, before anything else: the console
 * lets it do nothing until it has. The allow may come from the account's password policy ("allow users to change
 * their own password"), so only a deny — in its policies or its boundary — can make that impossible.
 */
export function passwordChangeDenial(user: EnrollmentUser, documents: readonly NamedDocument[]): PasswordChangeDenial | undefined {
    const request = { action: "iam:ChangePassword", resource: `arn:aws:iam::${ACCOUNT}:user${normalizedIamPath(user.path)}${user.name}` };
    for (const base of WITHOUT_MFA) {
        const context = withoutMfaAsUser(base, user.name);
        for (const { label, document } of documents) {
            for (const statement of document.statements) {
                if (statement.effect !== "Deny") {
                    continue;
                }
                let truth: Truth;
                try {
                    truth = selects(statement, request, context);
                } catch (err) {
                    if (!(err instanceof UnverifiableConditionError)) {
                        throw err;
                    }
                    truth = "depends";
                }
                if (truth !== "false") {
                    return { label, statement, request, context: base.name, certain: truth === "true" };
                }
            }
        }
    }
    return undefined;
}

/**
 * Whether a document acts as an MFA deny for the lock-out check: some Deny statement that keys on MFA applies to
 * requests made without it. Looser than full enforcement on purpose — a deny that leaks elsewhere still locks users
 * out of enrollment if it blocks it.
 */
export const actsAsMfaDeny: (document: PolicyDocument) => boolean = oncePerDocument(readsAsMfaDeny);

function readsAsMfaDeny(document: PolicyDocument): boolean {
    return document.statements.some((statement) => {
        if (statement.effect !== "Deny" || !statement.conditions.some((c) => c.key.startsWith("aws:multifactorauth"))) {
            return false;
        }
        if (statement.actions && selectsOnlyUncontrollable(statement.actions)) {
            return false; // it denies nothing: AWS performs these actions whatever a policy says
        }
        try {
            return WITHOUT_MFA.some((context) => evaluateConditions(statement.conditions, context) === "true");
        } catch (err) {
            if (err instanceof UnverifiableConditionError) {
                return false;
            }
            throw err;
        }
    });
}
