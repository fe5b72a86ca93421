/**
 * mfa-enrollment-not-locked-out: a policy that acts as the MFA deny must leave users able to enroll without MFA —
 * create a virtual device and enable it on themselves. Checked on the deny document (it must not itself deny
 * enrollment: no other policy could undo that), on each user it reaches (the documents reaching the user must allow
 * enrollment), and on groups whose members are not declared in the stack (the group's own documents must allow it).
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../guardConfig";
import { actsAsMfaDeny, checkEnrollment } from "../iam/enrollment";
import { PolicyDocument, Statement } from "../iam/policyDocument";
import { userIdentityDocuments } from "../stack/iamGraph";
import { guardedStackValidation, exemptionName, isExempt, StackCheckInput, Violation } from "./guardRuntime";
import { unreadable, usable } from "./principalMfaStatus";

export const LOCKOUT_POLICY_NAME = "mfa-enrollment-not-locked-out";

const SAMPLE_USERS = [
    { name: "alice", path: "/" },
    { name: "alice", path: "/eng/" },
];

/** Keeps only the Deny statements: whether the document itself blocks enrollment, whatever else allows it. */
function denyOnly(document: PolicyDocument): PolicyDocument {
    const permissive: Statement = {
        index: 0,
        effect: "Allow",
        actions: ["*"],
        resources: ["*"],
        conditions: [],
    };
    return { statements: [...document.statements.filter((s) => s.effect === "Deny"), permissive] };
}

export function lockOutViolations({ graph, config }: StackCheckInput): Violation[] {
    const violations: Violation[] = [];
    const documents = [
        ...graph.policies.map((p) => ({ urn: p.urn, source: p.source })),
        ...graph.groups.flatMap((g) => g.inline.map((i) => ({ urn: g.urn, source: i.source }))),
        ...graph.users.flatMap((u) => u.inline.map((i) => ({ urn: u.urn, source: i.source }))),
        // Whoever they reach, a deny in them that blocks enrollment locks that principal out.
        ...graph.unplaced.flatMap((u) => u.sources.map((source) => ({ urn: u.urn, source }))),
    ];
    for (const { urn, source } of documents) {
        if (!source.document || !actsAsMfaDeny(source.document)) {
            continue;
        }
        for (const user of SAMPLE_USERS) {
            const result = checkEnrollment(user, [{ label: source.label, document: denyOnly(source.document) }]);
            if (!result.possible) {
                violations.push({
                    urn,
                    message:
                        `${source.label} acts as the MFA deny but also denies enrolling: ${result.blocked!.request.action} on ` +
                        `${result.blocked!.request.resource} with ${result.blocked!.context} (${result.blocked!.reason}), so users are locked out until ` +
                        `an administrator enrolls them. Fix: add iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:ListMFADevices, ` +
                        `iam:ResyncMFADevice and iam:GetUser to the deny's NotAction.`,
                });
                break;
            }
        }
    }
    // A deny policy no user of the stack holds: the users it will reach are not visible, so the documents beside it
    // must vouch for enrollment — a member-less group's own documents, or, held by nobody here (attached elsewhere),
    // the policy's own statements, as with the seed-era policy that never allows it. Users and groups with members
    // are checked below.
    const holds = (h: { attached: Map<string, unknown>; exclusiveAttached?: Map<string, unknown> }, urn: string) => (h.exclusiveAttached ?? h.attached).has(urn);
    for (const policy of graph.policies) {
        const document = policy.source.document;
        if (!document || !actsAsMfaDeny(document) || violations.some((v) => v.urn === policy.urn)) {
            continue;
        }
        if (graph.users.some((u) => u.inStack && holds(u, policy.urn)) || graph.groups.some((g) => g.members.size > 0 && holds(g, policy.urn))) {
            continue;
        }
        const emptyGroups = graph.groups.filter((g) => holds(g, policy.urn));
        const visible = emptyGroups.length > 0 ? emptyGroups.map((g) => usable(g.ownDocuments("group"))) : [[{ label: policy.source.label, document }]];
        const blocked = visible.flatMap((documents) => SAMPLE_USERS.map((u) => checkEnrollment(u, documents))).find((r) => !r.possible);
        if (blocked) {
            violations.push({
                urn: policy.urn,
                message:
                    `${policy.source.label} acts as the MFA deny but does not let users enroll without MFA: ` +
                    `${blocked.blocked!.request.action} with ${blocked.blocked!.context} — ${blocked.blocked!.reason}` +
                    (emptyGroups.length > 0
                        ? `, nor do the other policies of group ${emptyGroups.map((g) => g.displayName).join(", ")}, which holds it. `
                        : `, and no user or group of this stack holds it with another policy that does. `) +
                    `Fix: allow iam:CreateVirtualMFADevice on ` +
                    `arn:aws:iam::*:mfa/* and iam:EnableMFADevice on arn:aws:iam::*:user/\${aws:username} and ` +
                    `arn:aws:iam::*:user/*/\${aws:username} in it (the ForceMFA policy of this project does).`,
            });
        }
    }

    // Members not declared in the stack: only the group's own documents are visible to vouch for enrollment.
    for (const group of graph.groups) {
        const outsiders = [...group.members].filter((m) => !m.inStack && !isExempt(config.exemptUsers, exemptionName(m)));
        const sources = group.ownDocuments("group");
        if (outsiders.length === 0 || !sources.some((s) => s.document && actsAsMfaDeny(s.document))) {
            continue;
        }
        const blocked = SAMPLE_USERS.map((u) => checkEnrollment(u, usable(sources))).find((r) => !r.possible);
        if (blocked) {
            violations.push({
                urn: group.urn,
                message:
                    `group ${group.displayName} subjects ${outsiders.map((m) => m.displayName).join(", ")} to the MFA deny, but its ` +
                    `policies do not let them enroll without MFA: ${blocked.blocked!.request.action} with ${blocked.blocked!.context} — ${blocked.blocked!.reason}. ` +
                    `Fix: allow iam:CreateVirtualMFADevice on arn:aws:iam::*:mfa/* and iam:EnableMFADevice on ` +
                    `arn:aws:iam::*:user/\${aws:username} and arn:aws:iam::*:user/*/\${aws:username} in the group's policy.`,
            });
        }
    }
    for (const user of graph.users) {
        if (!user.inStack || isExempt(config.exemptUsers, exemptionName(user))) {
            continue;
        }
        const sources = userIdentityDocuments(user);
        const boundary = user.boundary ? [user.boundary.source] : [];
        if (![...sources, ...boundary].some((s) => s.document && actsAsMfaDeny(s.document))) {
            continue;
        }
        const result = checkEnrollment({ name: user.displayName, path: user.path }, usable(sources), usable(boundary));
        if (result.possible) {
            continue;
        }
        const unknown = unreadable([...sources, ...boundary]);
        violations.push({
            urn: user.urn,
            message:
                `user ${user.displayName} is subject to the MFA deny but cannot enroll a device without MFA: ` +
                `${result.blocked!.request.action} on ${result.blocked!.request.resource} with ${result.blocked!.context} — ${result.blocked!.reason}` +
                (unknown.length > 0 ? ` (could not verify: ${unknown.join("; ")})` : "") +
                `. Fix: allow iam:CreateVirtualMFADevice on arn:aws:iam::*:mfa/* and iam:EnableMFADevice on ` +
                `arn:aws:iam::*:user/\${aws:username} and arn:aws:iam::*:user/*/\${aws:username} (the ForceMFA policy of this project does).`,
        });
    }
    return violations;
}

export const enrollmentNotLockedOut: StackValidationPolicy = {
    name: LOCKOUT_POLICY_NAME,
    description: "A policy acting as the MFA deny must leave users able to create and enable their own MFA device without MFA.",
    enforcementLevel: "mandatory",
    configSchema: configSchema(["exemptUsers", "enrollmentAllowList"]),
    validateStack: guardedStackValidation(LOCKOUT_POLICY_NAME, lockOutViolations),
};
