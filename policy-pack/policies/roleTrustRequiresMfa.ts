/**
 * iam-role-trust-requires-mfa: no person may reach a role without MFA. A role's trust must not let an AWS principal
 * that is a person path (an account, a user, `*`) assume it with MFA absent or "false", nor a role a person reaches
 * without MFA, nor a role outside the stack (its trust is not seen: fail closed). Service and federated principals
 * carry no MFA and are out of scope, and are never told to add an MFA condition. What a role's trust decides alone is
 * judged per resource, on the inputs the engine sends to Analyze before the role's step runs, so `pulumi up` (with or
 * without a preview) refuses it before the role exists; a trust that lets roles in is followed on the whole stack
 * (roleChains.ts), as are the inline policies a role gets from RolePolicy resources, against its quota.
 */
import { ResourceValidation, ResourceValidationPolicy, StackValidation } from "@pulumi/policy";
import { configSchema, GuardConfig } from "../guardConfig";
import { characters, QUOTAS } from "../iam/policyQuotas";
import { findTrustEscape } from "../iam/trustPolicy";
import { isPersonPath } from "../iam/trustPrincipals";
import { buildIamGraph, RoleEntry, RoleInlinePolicy, StackResource } from "../stack/iamGraph";
import { NO_DOCUMENT, UNKNOWN_DOCUMENT } from "../stack/documentSource";
import { readRole } from "../stack/roles";
import { typesOf } from "../stack/stackResource";
import { guardedResourceValidation, guardedStackValidation, knownOnlyAtUpdate, StackCheckInput, Violation } from "../verdicts/guardedValidation";
import { isExempt } from "../verdicts/exemptions";
import { metadata } from "../verdicts/policyMetadata";
import { chainVerdictsOnce } from "../verdicts/roleChains";
import { escapeMessage } from "../verdicts/trustMessages";
import { aloneVerdict, readTrust, TrustReading } from "../verdicts/trustReading";

export const ROLE_POLICY_NAME = "iam-role-trust-requires-mfa";

/**
 * IAM checks a role's inline policies together against its quota when one is put: over it, `pulumi up` fails. The
 * stack's own are a lower bound for a role outside it, so going over is certain either way.
 */
export function inlineQuotaViolation(role: string, inline: readonly RoleInlinePolicy[], outside = false): string | undefined {
    const total = inline.reduce((sum, p) => sum + (p.length ?? 0), 0);
    if (total <= QUOTAS.roleInline) {
        return undefined;
    }
    // The first ten, so that a message stays readable (and small) whatever the number of policies.
    const named = inline.slice(0, 10).map((p) => (p.name !== undefined ? `"${p.name}" (${p.from})` : p.from));
    const which = inline.length > 10 ? `${named.join(", ")} and ${characters(inline.length - 10)} more` : named.join(", ");
    return (
        `role ${role}: ${outside ? "the inline policies this stack puts on it" : "its inline policies"} are ${characters(total)} characters together ` +
        `(whitespace not counted: ${which}), over IAM's quota of ${characters(QUOTAS.roleInline)} for a role's inline policies: AWS refuses at ` +
        `\`pulumi up\` (LimitExceeded), so at least one of them is not put and the update fails. Fix: shorten them to ${characters(QUOTAS.roleInline)} ` +
        "characters together, or move statements into a managed policy attached to the role."
    );
}

export function roleViolations(role: RoleEntry, config: GuardConfig): string[] {
    // Only a known IAM name can match an exemption: an auto-named or not-yet-known role is judged.
    if (isExempt(config.exemptRoles, role.nameKnown ? role.name : undefined)) {
        return [];
    }
    const inline = inlineQuotaViolation(role.name, role.inline);
    return [...trustViolations(role, config), ...(inline ? [inline] : [])];
}

/** Where a trust is unknown (a preview, the trust built from another resource's outputs), what the role is told. */
export function trustKnownAtUpdate(role: string): string {
    return `role ${role}: trust built from values known only at update; verified then, before the role is created or updated`;
}

/**
 * One role as Analyze sends it (its inputs): its trust, as far as the role alone decides it. A principal that is a
 * person path on its own is refused; a trust unknown during preview, or one whose unknown values could let a person
 * in, is named, advisory, and judged by the update's own Analyze call; principals that are roles are left to the
 * stack, which follows them (roleChains.ts). A role without a trust among its inputs is one the stack only reads
 * (`.get()`), whose trust the stack does not set.
 */
export function roleResourceViolations(resource: StackResource, config: GuardConfig): string[] {
    const role = readRole(resource);
    if (!role || isExempt(config.exemptRoles, role.nameKnown ? role.name : undefined) || role.trust.problem === NO_DOCUMENT) {
        return [];
    }
    if (role.trust.problem === UNKNOWN_DOCUMENT) {
        throw knownOnlyAtUpdate(trustKnownAtUpdate(role.name));
    }
    const reading = readTrust(role, config.trustPolicyLengthQuota);
    const unreadable = unreadableTrust(role, config, reading);
    if (unreadable) {
        return [unreadable];
    }
    const direct = reading.definite.find((e) => isPersonPath(e.principal));
    if (direct) {
        return [escapeMessage(role.name, direct)];
    }
    if (aloneVerdict(reading) === "atUpdate") {
        throw knownOnlyAtUpdate(trustKnownAtUpdate(role.name));
    }
    return [];
}

/** A trust AWS refuses, or one the pack cannot evaluate: what the role is told. */
function unreadableTrust(role: RoleEntry, config: GuardConfig, reading: TrustReading = readTrust(role, config.trustPolicyLengthQuota)): string | undefined {
    const name = role.name;
    const quota = config.trustPolicyLengthQuota;
    if (role.trustLength !== undefined && role.trustLength > quota) {
        const raise = quota < QUOTAS.trustRaised ? ` or, if the account's quota is raised, set trustPolicyLengthQuota (at most ${characters(QUOTAS.trustRaised)})` : "";
        return (
            `role ${name}: its trust policy is ${characters(role.trustLength)} characters (whitespace not counted), over the account's quota "Role trust ` +
            `policy length" of ${characters(quota)}: AWS refuses it at \`pulumi up\` (LimitExceeded), so the role is not created or updated. ` +
            `Fix: shorten the trust policy to ${characters(quota)} characters${raise}.`
        );
    }
    const trust = role.trust;
    if (!trust.document) {
        const fix = trust.problem?.startsWith("AWS refuses")
            ? "Fix: correct the trust policy as AWS's rule above says."
            : "Fix: give the role a trust policy that requires MFA of every AWS principal it names.";
        return `role ${name}: its trust policy could not be verified (${trust.problem}), so it is not passed. ${fix}`;
    }
    const problem = reading.problem;
    return problem === undefined ? undefined : `role ${name}: its trust policy could not be verified (${problem}), so it is not passed. Fix: use condition operators IAM documents.`;
}

/** A role judged alone, failing closed: every principal let in without MFA is an escape (the account audit). */
function trustViolations(role: RoleEntry, config: GuardConfig): string[] {
    const unreadable = unreadableTrust(role, config);
    if (unreadable) {
        return [unreadable];
    }
    const escape = findTrustEscape(role.trust.restrictive ?? role.trust.document!);
    if (escape) {
        return [escapeMessage(role.name, escape)];
    }
    return role.trust.restrictive && findTrustEscape(role.trust.document!) ? [trustKnownAtUpdate(role.name)] : [];
}

/** One role resource judged alone (the account audit judges roles one by one). */
export function roleTrustViolations(resource: StackResource, config: GuardConfig): string[] {
    return buildIamGraph([resource]).roles.flatMap((role) => roleViolations(role, config));
}

/**
 * The whole stack: the inline policies each role gets, its own and its RolePolicy resources', against the quota; and
 * the role chains its own check leaves to the stack (roleChains.ts).
 */
export function roleTrustStackViolations({ graph, config }: StackCheckInput): Violation[] {
    const violations: Violation[] = [...chainVerdictsOnce(graph, config).violations];
    for (const role of graph.roles) {
        const message = isExempt(config.exemptRoles, role.nameKnown ? role.name : undefined) ? undefined : inlineQuotaViolation(role.name, role.inline);
        if (message) {
            violations.push({ urn: role.urn, message });
        }
    }
    for (const role of graph.otherRoles) {
        const message = isExempt(config.exemptRoles, role.name) ? undefined : inlineQuotaViolation(role.name, role.inline, true);
        if (message) {
            violations.push({ urn: role.urn, message });
        }
    }
    return violations;
}

/** Judged per resource (the trust) and on the stack (inline quotas): one policy, one name to configure and exempt by. */
export const roleTrustRequiresMfa: ResourceValidationPolicy & { validateResource: ResourceValidation; validateStack: StackValidation } = {
    name: ROLE_POLICY_NAME,
    displayName: "IAM role trust requires MFA",
    tags: ["aws", "iam", "mfa", "iam-role", "trust-policy"],
    description: "A role's trust policy must require MFA of every AWS principal it trusts.",
    enforcementLevel: "mandatory",
    ...metadata(
        ROLE_POLICY_NAME,
        "high",
        'Require MFA of every AWS principal the trust policy names: "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} on its ' +
            "statement (not BoolIfExists); keep service and federated principals in statements of their own; or list the role in exemptRoles with a reason.",
    ),
    configSchema: configSchema(["exemptRoles", "trustPolicyLengthQuota"]),
    validateResource: guardedResourceValidation(ROLE_POLICY_NAME, typesOf("role"), roleResourceViolations),
    validateStack: guardedStackValidation(ROLE_POLICY_NAME, roleTrustStackViolations),
};
