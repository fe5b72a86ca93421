/**
 * Role chains: who can reach a role without MFA, over the stack's trust graph. A principal a trust lets in without MFA
 * is a person path on its own (an account, a user, `*`: trustPrincipals.ts), a role outside the stack (its trust is
 * not seen here, so it counts as a person path: fail closed), or a role of the stack — which a person reaches without
 * MFA only if that role's own trust lets one in, directly or through further roles. A GitHub OIDC hub role (trusting
 * only its provider) and the deploy roles that trust only the hub are then no path for IAM users or long-term keys.
 *
 * Reachability is a least fixpoint (a cycle of roles that trust only each other is entered by no one), computed for
 * three questions: reached for every value of what preview leaves unknown (`definite`); reached if what the pack can
 * never verify (a trust AWS refuses, an unknown operator) is taken as reached (`firm`); reached for some value
 * (`possible`). A trust is read in part where values are unknown (partialDocument.ts); an unknown AWS principal
 * computed only from roles of the stack (propertyDependencies) is one of those roles.
 */
import { GuardConfig } from "../guardConfig";
import { accountOfArn, normalizedIamPath } from "../iam/policyArn";
import { TrustEscape } from "../iam/trustPolicy";
import { trustedPrincipal } from "../iam/trustPrincipals";
import { asciiLowerCase } from "../iam/wildcard";
import { IamGraph, RoleEntry } from "../stack/iamGraph";
import { rawProps, readString } from "../stack/knownValues";
import { isExempt } from "./exemptions";
import { Violation } from "./guardedValidation";
import { letsIn, trustFix } from "./trustMessages";
import { AloneVerdict, aloneVerdict, readTrust, TrustReading, trustInStack } from "./trustReading";

interface Node {
    readonly role: RoleEntry;
    readonly alone: AloneVerdict;
    readonly reading: TrustReading;
    /** The role's ARN and path when known (outputs of an existing role), for linking ARNs to it. */
    readonly arn?: string;
    readonly path?: string;
}

/** `every`: the principal is one of the nodes, whichever (an unknown traced to several roles), so all must be reached. */
type Link = { readonly kind: "person" } | { readonly kind: "outside" } | { readonly kind: "roles"; readonly nodes: readonly Node[]; readonly every?: boolean };

/** Marks of one fixpoint: each reached role, and the escape (and role of the stack, if any) it is reached through. */
type Reached = Map<Node, { readonly escape?: TrustEscape; readonly through?: Node }>;

interface ChainAnalysis {
    readonly nodes: readonly Node[];
    readonly definite: Reached;
    readonly firm: Reached;
    readonly possible: Reached;
    readonly link: (principal: string) => Link;
}

function reach(nodes: readonly Node[], escapes: (n: Node) => readonly TrustEscape[], seeded: (n: Node) => boolean, link: (p: string) => Link): Reached {
    const reached: Reached = new Map();
    for (const n of nodes) {
        if (seeded(n)) {
            reached.set(n, {});
        }
    }
    let changed = true;
    while (changed) {
        changed = false;
        for (const n of nodes) {
            if (reached.has(n)) {
                continue;
            }
            for (const escape of escapes(n)) {
                const l = link(escape.principal);
                const through = l.kind !== "roles" ? undefined : l.every && !l.nodes.every((m) => reached.has(m)) ? undefined : l.nodes.find((m) => reached.has(m));
                if (l.kind !== "roles" || through) {
                    reached.set(n, { escape, through });
                    changed = true;
                    break;
                }
            }
        }
    }
    return reached;
}

/** The roles of the stack and who reaches each without MFA. */
function analyzeChains(graph: IamGraph, quota: number): ChainAnalysis {
    const roleUrns = new Set(graph.roles.map((r) => r.urn));
    const nodes: Node[] = graph.roles.map((role) => {
        const props = rawProps(role.resource.props);
        const arn = readString(props, "arn");
        const path = readString(props, "path");
        const alone = readTrust(role, quota);
        const inStack = trustInStack(role, roleUrns);
        return {
            role,
            alone: aloneVerdict(alone),
            reading: inStack === role.trust ? alone : readTrust(role, quota, inStack),
            arn: typeof arn === "string" ? arn : undefined,
            // Both providers default a role's path to `/`; one unknown at preview matches any.
            path: path === undefined || typeof path === "string" ? normalizedIamPath(path) : undefined,
        };
    });
    const byUrn = new Map(nodes.map((n) => [n.role.urn, n]));
    // By the name an ARN would carry (its known name, or the last part of its known ARN), lower-cased as IAM compares.
    const byName = new Map<string, Node[]>();
    for (const n of nodes) {
        const names = new Set([...(n.role.nameKnown ? [n.role.name] : []), ...(n.arn ? [n.arn.slice(n.arn.lastIndexOf("/") + 1)] : [])].map(asciiLowerCase));
        names.forEach((name) => byName.set(name, [...(byName.get(name) ?? []), n]));
    }
    // The accounts the stack's roles are known to live in: an ARN naming another account names another role.
    const accounts = new Set(nodes.flatMap((n) => accountOfArn(n.arn) ?? []));
    const links = new Map<string, Link>();
    const link = (principal: string): Link => {
        let found = links.get(principal);
        if (!found) {
            found = linkOf(principal, byName, byUrn, accounts);
            links.set(principal, found);
        }
        return found;
    };
    const { definite: d, possible: p } = { definite: (n: Node) => n.reading.definite, possible: (n: Node) => n.reading.possible };
    return {
        nodes,
        link,
        definite: reach(nodes, d, () => false, link),
        firm: reach(nodes, d, (n) => n.reading.problem !== undefined, link),
        possible: reach(nodes, p, (n) => n.reading.problem !== undefined || n.reading.unknown === true, link),
    };
}

function linkOf(principal: string, byName: ReadonlyMap<string, readonly Node[]>, byUrn: ReadonlyMap<string, Node>, accounts: ReadonlySet<string>): Link {
    const named = trustedPrincipal(principal);
    if (named.kind === "person") {
        return { kind: "person" };
    }
    if (named.kind === "stack-role") {
        const found = named.urns.flatMap((urn) => byUrn.get(urn) ?? []);
        return found.length === named.urns.length ? { kind: "roles", nodes: found, every: found.length > 1 } : { kind: "outside" };
    }
    const found = (byName.get(asciiLowerCase(named.name)) ?? []).filter((n) => {
        const account = accountOfArn(n.arn);
        if (account !== undefined ? account !== named.account : accounts.size > 0 && !accounts.has(named.account)) {
            return false;
        }
        if (!named.session && n.arn !== undefined) {
            return n.arn === principal;
        }
        // IAM role names are unique in an account regardless of case; a session ARN carries no path.
        const nameMatches = n.role.nameKnown && asciiLowerCase(n.role.name) === asciiLowerCase(named.name);
        return nameMatches && (named.session || n.path === undefined || n.path === named.path);
    });
    return found.length > 0 ? { kind: "roles", nodes: found } : { kind: "outside" };
}

/** How a principal of a chain is named in messages. */
function who(principal: string, analysis: ChainAnalysis): string {
    const l = analysis.link(principal);
    if (l.kind !== "roles") {
        return principal;
    }
    const names = l.nodes.map((n) => `role ${n.role.name}`).join(" or ");
    return trustedPrincipal(principal).kind === "stack-role" ? `${names} of this stack (its ARN known only at update)` : `${principal} (${names} of this stack)`;
}

/** The chain by which a person reaches a role: `arn:…:root → role hub → role deploy`. */
function chainText(start: Node, reached: Reached): string {
    const steps: string[] = [];
    let node: Node | undefined = start;
    const seen = new Set<Node>();
    let origin = "";
    while (node && !seen.has(node)) {
        seen.add(node);
        steps.unshift(`role ${node.role.name}`);
        const mark = reached.get(node);
        if (!mark?.through) {
            origin = mark?.escape ? `${mark.escape.principal} (${mark.escape.statement} of role ${node.role.name}'s trust: ${mark.escape.why})` : "";
            break;
        }
        node = mark.through;
    }
    return [origin, ...steps].filter(Boolean).join(" → ");
}

/** The role whose trust problem makes a role unverifiable, following the marks of `firm`. */
function rootProblem(start: Node, reached: Reached): Node | undefined {
    let node: Node | undefined = start;
    const seen = new Set<Node>();
    while (node && !seen.has(node)) {
        seen.add(node);
        if (node.reading.problem !== undefined) {
            return node;
        }
        node = reached.get(node)?.through;
    }
    return undefined;
}

export interface ChainVerdicts {
    /** Roles reached without MFA through roles (or through a role outside the stack), or that cannot be verified. */
    readonly violations: readonly Violation[];
    /** Roles whose chain is decided by values known only at update: judged then, on the stack. */
    readonly atUpdate: readonly Violation[];
}

/**
 * The verdicts only the stack can give: a role whose trust lets in, without MFA, roles a person can reach without
 * MFA, or roles outside the stack. A role its own check reports (aloneVerdict) is not reported again; one its own
 * check leaves to the update carries that advisory already, and gets no second one here.
 */
function chainVerdicts(graph: IamGraph, config: GuardConfig): ChainVerdicts {
    const analysis = analyzeChains(graph, config.trustPolicyLengthQuota);
    const violations: Violation[] = [];
    const atUpdate: Violation[] = [];
    for (const node of analysis.nodes) {
        const { role } = node;
        if (isExempt(config.exemptRoles, role.nameKnown ? role.name : undefined) || !analysis.possible.has(node)) {
            continue;
        }
        const definite = analysis.definite.get(node);
        const firm = analysis.firm.get(node);
        if (node.alone === "reported") {
            continue;
        }
        if (definite?.escape) {
            violations.push({ urn: role.urn, message: reachedMessage(node, definite.escape, definite.through, analysis) });
        } else if (firm?.escape) {
            const upstream = firm.through ? rootProblem(firm.through, analysis.firm) : undefined;
            violations.push({
                urn: role.urn,
                message:
                    `role ${role.name}: ${letsIn(firm.escape, who(firm.escape.principal, analysis))}, and ` +
                    (upstream ? `the trust policy of role ${upstream.role.name} could not be verified (${upstream.reading.problem})` : "that role could not be verified") +
                    `, so it is not passed. ${trustFix(firm.escape, who(firm.escape.principal, analysis))}`,
            });
        } else if (node.alone === "deferred") {
            const mark = analysis.possible.get(node)!;
            const through = mark.through ? ` of role ${mark.through.role.name}` : "";
            atUpdate.push({
                urn: role.urn,
                message: `role ${role.name}: lets ${mark.escape ? who(mark.escape.principal, analysis) : "roles of this stack"} assume it without MFA, and the trust${through} is known only at update: this role chain is judged then, on the stack`,
            });
        }
    }
    return { violations, atUpdate };
}

function reachedMessage(node: Node, escape: TrustEscape, through: Node | undefined, analysis: ChainAnalysis): string {
    const name = who(escape.principal, analysis);
    if (!through) {
        // A role outside the stack: its trust is not seen here.
        return (
            `role ${node.role.name}: ${letsIn(escape)}, and ${escape.principal} is not a role of this stack, so whether a person can enter it ` +
            `without MFA is not known here. Action that gets through: sts:AssumeRole. ${trustFix(escape)}`
        );
    }
    return (
        `role ${node.role.name}: ${letsIn(escape, name)}, and a person reaches role ${through.role.name} without MFA: ${chainText(through, analysis.definite)}. ` +
        `Action that gets through: sts:AssumeRole. ${trustFix(escape, name)} Or require MFA where the chain starts.`
    );
}

/** Chain verdicts, once per graph and configuration: the role policy and the advisory policy both read them. */
const computed = new WeakMap<IamGraph, Map<string, ChainVerdicts>>();

export function chainVerdictsOnce(graph: IamGraph, config: GuardConfig): ChainVerdicts {
    const key = JSON.stringify([config.exemptRoles, config.trustPolicyLengthQuota]);
    let byConfig = computed.get(graph);
    if (!byConfig) {
        byConfig = new Map();
        computed.set(graph, byConfig);
    }
    let verdicts = byConfig.get(key);
    if (!verdicts) {
        verdicts = chainVerdicts(graph, config);
        byConfig.set(key, verdicts);
    }
    return verdicts;
}
