/**
 * What a lock-out's fix says: the one step that lets users enroll again, in the element the blocking statement uses.
 */
import { PolicyDocument, Statement, statementLabel } from "../iam/policyDocument";
import { actionMatches } from "../iam/wildcard";

/** What every lock-out fix says: the two allows a user needs to enroll their own device without MFA. */
export const ALLOW_ENROLLMENT =
    "allow iam:CreateVirtualMFADevice on arn:aws:iam::*:mfa/* and iam:EnableMFADevice on " +
    "arn:aws:iam::*:user/${aws:username} and arn:aws:iam::*:user/*/${aws:username}";

/**
 * The one step that lets users enroll: where a document already allows enrollment on `${aws:username}` but has no
 * Version 2012-10-17 (so the variable is literal text), setting the Version; where a deny blocks it, exempting the
 * action from that deny; else the allows.
 */
export function enrollmentFix(blocked: { request: { action: string }; reason: string }, documents: readonly { label: string; document: PolicyDocument }[], where: string): string {
    const literal = documents.find(
        ({ document }) =>
            document.variablesLiteral &&
            document.statements.some((s) => s.effect === "Allow" && [...(s.resources ?? [])].some((r) => r.includes("${aws:username}"))),
    );
    if (literal && blocked.reason === "no statement allows it without MFA") {
        return `Fix: set "Version": "2012-10-17" in ${literal.label}, so \${aws:username} is a policy variable (without it IAM reads it as literal text).`;
    }
    if (blocked.reason === "permissions boundary: no statement allows it without MFA") {
        // A boundary only limits: what it does not allow is denied, whatever the user's policies allow.
        const boundary = documents.find((d) => d.label.startsWith("permissions boundary"))?.label ?? "its permissions boundary";
        return `Fix: ${boundary} must also allow enrolling (${ALLOW_ENROLLMENT.replace(/^allow /, "")}): give the user a boundary that does, or none.`;
    }
    const deny = /^(.*): (statement [^ ]+|statement "[^"]*") (?:denies|may deny) it without MFA$/.exec(blocked.reason);
    if (deny) {
        const label = deny[1].replace(/^permissions boundary: /, "");
        const statement = documents.find((d) => d.label === label)?.document.statements.find((s) => statementLabel(s) === deny[2]);
        const how = statement?.actions
            ? `its Action ${JSON.stringify(statement.actions.filter((p) => actionMatches(p, blocked.request.action)))} matches it: narrow the Action so it does not, or deny with NotAction and list it there`
            : "add it to its NotAction";
        return `Fix: exempt ${blocked.request.action} from ${deny[2]} of ${label} (${how}).`;
    }
    return `Fix: ${ALLOW_ENROLLMENT}${where}.`;
}

const ENROLLMENT_ACTIONS = "iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:ListMFADevices, iam:ResyncMFADevice and iam:GetUser";

/** How a deny document stops blocking enrollment, in the element its blocking statement uses (Action or NotAction). */
export function denyEnrollmentFix(document: PolicyDocument, reason: string): string {
    const label = /(statement [^ ]+|statement "[^"]*") (?:denies|may deny) it without MFA$/.exec(reason)?.[1];
    const statement = document.statements.find((s) => statementLabel(s) === label);
    if (statement?.actions) {
        return `narrow the Action of its ${label} (${JSON.stringify(statement.actions)}) so it does not match ${ENROLLMENT_ACTIONS}, or deny with NotAction and list them there.`;
    }
    return `add ${ENROLLMENT_ACTIONS} to the deny's NotAction.`;
}

/** How to let one request through a deny statement: take it out of what the statement selects. */
export function exemptFrom(statement: Statement, action: string, where: string): string {
    const label = statementLabel(statement);
    return statement.notActions
        ? `exempt ${action} from ${label} of ${where} (add it to its NotAction)`
        : `take ${action} out of the Action of ${label} of ${where} (${JSON.stringify(statement.actions)} selects it)`;
}
