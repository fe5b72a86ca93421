/**
 * mfa-enrollment-not-locked-out: a policy that acts as the MFA deny must leave users able to enroll without MFA —
 * create a virtual device and enable it on themselves. Checked per resource on the deny document (it must not itself
 * deny enrollment: no other policy could undo that), so `pulumi up` refuses it before it exists; on the stack, each user it reaches (the documents reaching the user must allow
 * enrollment), and on groups whose members are not declared in the stack (the group's own documents must allow it).
 */
import { ResourceValidation, ResourceValidationPolicy, StackValidation } from "@pulumi/policy";
import { configSchema, GuardConfig } from "../guardConfig";
import { actsAsMfaDeny, checkEnrollment, passwordChangeDenial } from "../iam/enrollment";
import { oncePerDocument, parsePolicyDocument, PolicyDocument, Statement, statementLabel } from "../iam/policyDocument";
import { buildIamGraph, DocumentSource, GroupEntry, IamGraph, StackResource, usable, UserEntry, userDocuments, userIdentityDocuments } from "../stack/iamGraph";
import { IAM_TYPES, NATIVE_TYPES } from "../stack/stackResource";
import { guardedResourceValidation, guardedStackValidation, StackCheckInput, Violation } from "../verdicts/guardedValidation";
import { exemptionName, isExempt } from "../verdicts/exemptions";
import { ALLOW_ENROLLMENT, denyEnrollmentFix, enrollmentFix, exemptFrom } from "../verdicts/lockOutFixes";
import { metadata } from "../verdicts/policyMetadata";
import { trustedEnforcement } from "../verdicts/trustedEnforcement";

export const LOCKOUT_POLICY_NAME = "mfa-enrollment-not-locked-out";

const SAMPLE_USERS = [
    { name: "alice", path: "/" },
    { name: "alice", path: "/eng/" },
];

/** Keeps only the Deny statements: whether the document itself blocks enrollment, whatever else allows it. */
const denyOnly = oncePerDocument(denyStatementsOnly);

function denyStatementsOnly(document: PolicyDocument): PolicyDocument {
    const permissive: Statement = {
        index: 0,
        effect: "Allow",
        actions: ["*"],
        resources: ["*"],
        conditions: [],
    };
    return { statements: [...document.statements.filter((s) => s.effect === "Deny"), permissive], version: document.version, variablesLiteral: document.variablesLiteral };
}

/** A readable document that acts as the MFA deny. */
function isDeny(source: DocumentSource): source is DocumentSource & { readonly document: PolicyDocument } {
    return source.document !== undefined && actsAsMfaDeny(source.document);
}

/**
 * Each check below is a function of its own, and each user's a function too: V8 optimizes them once, where one
 * long function called once per call was recompiled whole, call after call, whenever an inlined path changed.
 */
export function lockOutViolations(input: StackCheckInput): Violation[] {
    const own = denyDocumentLockOuts(input.graph);
    return [...own, ...stackLockOutViolations(input, own)];
}

/**
 * What the stack decides together: the documents reaching each principal. A deny document that locks enrollment out
 * by itself is judged per resource (ownDocumentLockOuts) and only skipped here.
 */
function stackLockOutViolations({ graph, config }: StackCheckInput, own: readonly Violation[] = denyDocumentLockOuts(graph)): Violation[] {
    const violations: Violation[] = [];
    unseenPrincipalLockOuts(graph, config, violations);
    unheldPolicyLockOuts(graph, violations, new Set(own.map((v) => v.urn)));
    for (const group of graph.groups) {
        outsiderLockOut(group, config, violations);
    }
    for (const user of graph.users) {
        userLockOut(user, config, violations);
    }
    return violations;
}

/** The resources that carry a document of their own: a managed or inline policy, an aws-native user's or group's list. */
const OWN_DOCUMENT_TYPES = [
    IAM_TYPES.policy,
    IAM_TYPES.userPolicy,
    IAM_TYPES.groupPolicy,
    NATIVE_TYPES.managedPolicy,
    NATIVE_TYPES.userPolicy,
    NATIVE_TYPES.groupPolicy,
    NATIVE_TYPES.user,
    NATIVE_TYPES.group,
];

/** One resource as Analyze sends it, before it is created: a deny document that blocks enrollment by itself. */
export function ownDocumentLockOuts(resource: StackResource): string[] {
    return denyDocumentLockOuts(buildIamGraph([resource])).map((v) => v.message);
}

/** Every deny document of the stack: whoever it reaches, a deny in it that blocks enrollment locks that principal out. */
function denyDocumentLockOuts(graph: IamGraph): Violation[] {
    const violations: Violation[] = [];
    const documents: { urn: string | undefined; source: DocumentSource }[] = graph.policies.map((p) => ({ urn: p.urn, source: p.source }));
    for (const principal of [graph.groups, graph.users]) {
        for (const entry of principal) {
            for (const inline of entry.inline) {
                documents.push({ urn: entry.urn, source: inline.source });
            }
        }
    }
    for (const unplaced of graph.unplaced) {
        for (const source of unplaced.sources) {
            documents.push({ urn: unplaced.urn, source });
        }
    }
    for (const { urn, source } of documents) {
        if (!isDeny(source)) {
            continue;
        }
        for (const user of SAMPLE_USERS) {
            // A document read in part is judged in its most permissive reading: blocked there is blocked for every value;
            // otherwise its unknowns may decide, and the update's own Analyze judges it known.
            const result = checkEnrollment(user, [{ label: source.label, document: denyOnly(source.document) }]);
            if (!result.possible) {
                violations.push({
                    urn,
                    message:
                        `${source.label} acts as the MFA deny but also denies enrolling: ${result.blocked!.request.action} on ` +
                        `${result.blocked!.request.resource} with ${result.blocked!.context} (${result.blocked!.reason}), so users are locked out until ` +
                        `an administrator enrolls them. Fix: ${denyEnrollmentFix(source.document, result.blocked!.reason)}`,
                });
                break;
            }
        }
    }
    return violations;
}

/**
 * Principals whose users are not visible here are judged on the documents they hold: a member-less group (its
 * future members get them), a user not declared in the stack that holds a deny of its own. Roles have no MFA device
 * of their own to enroll. Users and groups with members are checked by outsiderLockOut and userLockOut.
 */
function unseenPrincipalLockOuts(graph: IamGraph, config: GuardConfig, violations: Violation[]): void {
    const unseen: { entry: GroupEntry | UserEntry; what: string; sources: readonly DocumentSource[] }[] = [
        ...graph.groups.filter((g) => g.members.size === 0).map((g) => ({ entry: g, what: `group ${g.displayName} (no members here)`, sources: g.ownDocuments("group") })),
        ...graph.users
            .filter((u) => !u.inStack && !isExempt(config.exemptUsers, exemptionName(u)) && u.ownDocuments("user").some(isDeny))
            .map((u) => ({ entry: u, what: `user ${u.displayName} (not declared in this stack)`, sources: userIdentityDocuments(u) })),
    ];
    for (const { entry, what, sources } of unseen) {
        const deny = sources.find(isDeny);
        if (!deny) {
            continue;
        }
        const users = entry instanceof UserEntry ? [{ name: entry.displayName, path: entry.path }] : SAMPLE_USERS;
        const blocked = users.map((u) => checkEnrollment(u, usable(sources))).find((r) => !r.possible);
        if (blocked) {
            violations.push({
                urn: entry.urn,
                message:
                    `${what} holds ${deny.label}, which acts as the MFA deny, but its policies do not let users enroll without MFA: ` +
                    `${blocked.blocked!.request.action} with ${blocked.blocked!.context} — ${blocked.blocked!.reason}. ` +
                    enrollmentFix(blocked.blocked!, usable(sources), " beside it"),
            });
        }
    }
}

/**
 * A deny policy that no user, group or role of the stack holds (it is attached elsewhere) is judged on its own
 * statements, as with the seed-era policy that never allows enrollment.
 */
function unheldPolicyLockOuts(graph: IamGraph, violations: Violation[], reportedOwn: ReadonlySet<string | undefined>): void {
    // Indexed once: which policies some user or group holds, which principals were already reported.
    const held = new Set<string>();
    for (const holder of [...graph.users, ...graph.groups]) {
        holder.effectiveAttached.forEach((ref, key) => {
            held.add(key);
            ref.candidates?.forEach((c) => held.add(c.key));
        });
    }
    const reported = new Set([...reportedOwn, ...violations.map((v) => v.urn)]);
    for (const policy of graph.policies) {
        const document = policy.source.document;
        if (!document || !actsAsMfaDeny(document) || reported.has(policy.urn)) {
            continue;
        }
        if (graph.heldByRoles.has(policy.urn) || held.has(policy.urn)) {
            continue;
        }
        const blocked = SAMPLE_USERS.map((u) => checkEnrollment(u, [{ label: policy.source.label, document }])).find((r) => !r.possible);
        if (blocked) {
            violations.push({
                urn: policy.urn,
                message:
                    `${policy.source.label} acts as the MFA deny but does not let users enroll without MFA: ` +
                    `${blocked.blocked!.request.action} with ${blocked.blocked!.context} — ${blocked.blocked!.reason}, and no user or group ` +
                    `of this stack holds it with another policy that does. Fix: ${ALLOW_ENROLLMENT} in it (the ForceMFA policy of this project does).`,
            });
        }
    }
}

/** A group's members not declared in the stack: only the group's own documents are visible to vouch for enrollment. */
function outsiderLockOut(group: GroupEntry, config: GuardConfig, violations: Violation[]): void {
    const outsiders: UserEntry[] = [];
    for (const member of group.members) {
        if (!member.inStack && !isExempt(config.exemptUsers, exemptionName(member))) {
            outsiders.push(member);
        }
    }
    if (outsiders.length === 0) {
        return;
    }
    const sources = group.ownDocuments("group");
    if (!sources.some(isDeny)) {
        return;
    }
    const blocked = SAMPLE_USERS.map((u) => checkEnrollment(u, usable(sources))).find((r) => !r.possible);
    if (blocked) {
        violations.push({
            urn: group.urn,
            message:
                `group ${group.displayName} subjects ${outsiders.map((m) => m.displayName).join(", ")} to the MFA deny, but its ` +
                `policies do not let them enroll without MFA: ${blocked.blocked!.request.action} with ${blocked.blocked!.context} — ${blocked.blocked!.reason}. ` +
                enrollmentFix(blocked.blocked!, usable(sources), " in the group's policy"),
        });
    }
}

/** A user of the stack: the documents reaching it, its boundary included, must let it enroll. */
function userLockOut(user: UserEntry, config: GuardConfig, violations: Violation[]): void {
    if (!user.inStack || isExempt(config.exemptUsers, exemptionName(user))) {
        return;
    }
    const documents = userDocuments(user);
    // Enforced on trust by the org's group or policy: that deny is not visible here, but the enrollment it allows is
    // known (the force-mfa stack proves it), and this stack's own denies or boundary can still take it away.
    const trusted = trustedEnforcement(user, config) !== undefined;
    if (!trusted && !documents.identity.some(isDeny) && !documents.boundary.some(isDeny)) {
        return;
    }
    const identity = trusted ? [TRUSTED_ENFORCEMENT_ALLOWS, ...documents.usableIdentity] : documents.usableIdentity;
    const result = checkEnrollment({ name: user.displayName, path: user.path }, identity, documents.usableBoundary);
    if (result.possible) {
        passwordResetLockOut(user, documents.usable, violations);
        return;
    }
    const unknown = documents.unreadable;
    violations.push({
        urn: user.urn,
        message:
            `user ${user.displayName} is subject to the MFA deny but cannot enroll a device without MFA: ` +
            `${result.blocked!.request.action} on ${result.blocked!.request.resource} with ${result.blocked!.context} — ${result.blocked!.reason}` +
            (unknown.length > 0 ? ` (could not verify: ${unknown.join("; ")})` : "") +
            `. ${enrollmentFix(result.blocked!, documents.usable, " (the ForceMFA policy of this project does)")}`,
    });
}

/** The enrollment the org's trusted enforcement allows: the statements of the program's ForceMFA. */
const TRUSTED_ENFORCEMENT_ALLOWS = {
    label: "the org's enforcement (trusted)",
    document: parsePolicyDocument({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: "arn:aws:iam::*:mfa/*" },
            {
                Effect: "Allow",
                Action: ["iam:EnableMFADevice", "iam:GetMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
                Resource: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"],
            },
        ],
    }),
};

/** A console user told to change its password at first sign-in must be able to, without MFA: else it never reaches enrollment. */
function passwordResetLockOut(user: UserEntry, documents: readonly { label: string; document: PolicyDocument }[], violations: Violation[]): void {
    if (!user.passwordResetRequired) {
        return;
    }
    const denial = passwordChangeDenial({ name: user.displayName, path: user.path }, documents);
    if (!denial) {
        return;
    }
    violations.push({
        urn: user.urn,
        message:
            `user ${user.displayName} must change its password at first sign-in (its login profile requires a reset), but ${denial.label}: ` +
            `${statementLabel(denial.statement)} ${denial.certain ? "denies" : "may deny"} ${denial.request.action} on its own ARN with ${denial.context}, ` +
            `so it can never sign in to enroll a device. Fix: ${exemptFrom(denial.statement, denial.request.action, denial.label.replace(/^permissions boundary: /, ""))}.`,
    });
}

/** Judged per resource (a deny document on its own) and on the stack (the documents reaching each user). */
export const enrollmentNotLockedOut: ResourceValidationPolicy & { validateResource: ResourceValidation; validateStack: StackValidation } = {
    name: LOCKOUT_POLICY_NAME,
    displayName: "MFA enrollment not locked out",
    tags: ["aws", "iam", "mfa", "lock-out"],
    description: "A policy acting as the MFA deny must leave users able to create and enable their own MFA device without MFA.",
    enforcementLevel: "mandatory",
    ...metadata(
        LOCKOUT_POLICY_NAME,
        "medium",
        "Exempt iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:GetMFADevice, iam:ListMFADevices, iam:ResyncMFADevice and iam:GetUser from the MFA deny, and allow iam:CreateVirtualMFADevice on arn:aws:iam::*:mfa/* and iam:EnableMFADevice on the user's own ARN (Version 2012-10-17, so ${aws:username} is a variable).",
    ),
    configSchema: configSchema(["exemptUsers", "enrollmentAllowList"]),
    validateResource: guardedResourceValidation(LOCKOUT_POLICY_NAME, OWN_DOCUMENT_TYPES, ownDocumentLockOuts),
    validateStack: guardedStackValidation(LOCKOUT_POLICY_NAME, (input) => stackLockOutViolations(input)),
};
