/**
 * A role's trust as the role checks read it: the principals it lets in without MFA for every value preview leaves
 * unknown and for some value, or why it cannot be judged; what the role's own check does with it; and, in the stack,
 * an unknown AWS principal computed only from roles of the stack standing for those roles (roleChains.ts follows them).
 */
import { UnverifiableConditionError } from "../iam/conditions";
import { PolicyDocumentError } from "../iam/policyDocument";
import { findTrustEscapes, TrustEscape } from "../iam/trustPolicy";
import { isPersonPath, stackRoleStandIn } from "../iam/trustPrincipals";
import { DocumentSource, NO_DOCUMENT, UNKNOWN_DOCUMENT } from "../stack/documentSource";
import { RoleEntry } from "../stack/iamGraph";
import { PartialDocument, rawProps, readDocument } from "../stack/knownValues";
import { partialReadings } from "../stack/partialDocument";
import { KINDS } from "../stack/stackResource";

/** A role's trust as reachability reads it. */
export interface TrustReading {
    /** Principals let in without MFA whatever the values unknown during preview are. */
    readonly definite: readonly TrustEscape[];
    /** Principals let in without MFA for some value of them (`definite` among them). */
    readonly possible: readonly TrustEscape[];
    /** Why the trust cannot be judged whatever the update knows: AWS refuses it, an unknown operator, none at all. */
    readonly problem?: string;
    /** The trust is unknown as a whole until the update. */
    readonly unknown?: boolean;
}

/** The trust of a role, read for reachability; `quota`: the account's trust policy length quota. */
export function readTrust(role: RoleEntry, quota: number, source: DocumentSource = role.trust): TrustReading {
    if (source.problem === UNKNOWN_DOCUMENT) {
        return { definite: [], possible: [], unknown: true };
    }
    if (role.trustLength !== undefined && role.trustLength > quota) {
        return { definite: [], possible: [], problem: "AWS refuses it: longer than the account's trust policy length quota" };
    }
    if (!source.document) {
        return { definite: [], possible: [], problem: source.problem ?? NO_DOCUMENT };
    }
    try {
        const possible = findTrustEscapes(source.document);
        return { definite: source.restrictive ? findTrustEscapes(source.restrictive) : possible, possible };
    } catch (err) {
        if (err instanceof UnverifiableConditionError) {
            return { definite: [], possible: [], problem: err.message };
        }
        throw err;
    }
}

/** Resources that give identity providers' ARNs: a Federated principal's, which never names an AWS principal. */
const PROVIDER_TYPES = [
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    "aws:iam/samlProvider:SamlProvider",
    "aws-native:iam:OidcProvider",
    "aws-native:iam:SamlProvider",
];

/**
 * What the role's own check (per resource, on its inputs alone) does with its trust: reports it (a person path on its
 * own, or a trust it cannot verify), leaves it to the update (a person path for some value unknown during preview),
 * or defers it to the stack (every principal it lets in without MFA is a role, which only the stack can follow).
 */
export type AloneVerdict = "reported" | "atUpdate" | "deferred";

export function aloneVerdict(reading: TrustReading): AloneVerdict {
    if (reading.problem !== undefined || reading.definite.some((e) => isPersonPath(e.principal))) {
        return "reported";
    }
    return reading.unknown || reading.possible.some((e) => isPersonPath(e.principal)) ? "atUpdate" : "deferred";
}

/**
 * The trust of a role read in the stack: an unknown AWS principal computed only from roles of the stack (and
 * identity providers) stands for those roles rather than for anyone.
 */
export function trustInStack(role: RoleEntry, roleUrns: ReadonlySet<string>): DocumentSource {
    const kind = KINDS.role.find((k) => k.type === role.resource.type);
    const from = kind ? (role.resource.propertyDependencies?.[kind.document] ?? []) : [];
    const roles = from.filter((r) => roleUrns.has(r.urn));
    if (!kind || roles.length === 0 || from.some((r) => !roleUrns.has(r.urn) && !PROVIDER_TYPES.includes(r.type))) {
        return role.trust;
    }
    const value = readDocument(rawProps(role.resource.props), kind.document);
    if (!(value instanceof PartialDocument)) {
        return role.trust;
    }
    try {
        const urns = [...new Set(roles.map((r) => r.urn))];
        const readings = partialReadings(value, "trust", { widest: urns.map((urn) => stackRoleStandIn([urn])), narrowest: [stackRoleStandIn(urns)] });
        return readings ? { label: role.trust.label, document: readings.permissive, restrictive: readings.restrictive, problem: role.trust.problem } : role.trust;
    } catch (err) {
        if (err instanceof PolicyDocumentError) {
            return role.trust;
        }
        throw err;
    }
}
