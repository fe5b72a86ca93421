/**
 * When a verdict is news, and the one message that says so: the principal, its new verdict with the witness and the
 * fix (the account audit's words), and the change that caused it — the call, when, and who made it.
 */
import type { PrincipalVerdict } from "../../../account";
import { IamChangeEvent } from "./iamChangeEvent";

/** The verdicts that alert when a principal enters them. */
export const ALERTING_STATUSES: readonly string[] = ["escapes", "locked-out"];

/** News: the principal newly escapes the MFA deny or is newly locked out of enrollment. */
export function isNews(previous: string | undefined, next: string): boolean {
    return ALERTING_STATUSES.includes(next) && previous !== next;
}

export interface Alert {
    readonly subject: string;
    readonly message: string;
}

const HEADLINE: Record<string, string> = {
    escapes: "can act without MFA",
    "locked-out": "is locked out of MFA enrollment",
};

export function alertOf(verdict: PrincipalVerdict, event: IamChangeEvent, previous: string | undefined, otherEvents: number): Alert {
    const headline = `${verdict.type} ${verdict.name} ${HEADLINE[verdict.status] ?? verdict.status}`;
    // SNS subjects: at most 100 characters.
    const subject = `force-mfa watch: ${headline}`.slice(0, 100);
    const witness = verdict.witness;
    const lines = [
        `force-mfa watch: ${headline}.`,
        "",
        `Principal: ${verdict.type} ${verdict.name}${verdict.arn ? ` (${verdict.arn})` : ""}`,
        `Verdict: ${verdict.status}${previous ? ` (was ${previous})` : ""}`,
        `Why: ${verdict.reason}`,
        ...(witness
            ? [
                  `Witness: ${witness.action}${witness.resource ? ` on ${witness.resource}` : ""} with ${witness.mfaContext}` +
                      `${witness.path.length > 0 ? `, through ${witness.path.join(" → ")}` : ""}`,
                  ...witness.why.map((w) => `  - ${w}`),
              ]
            : []),
        ...(verdict.fix ? [`Fix: ${verdict.fix}`] : []),
        "",
        `Change: ${event.name} at ${event.time} by ${event.caller}${event.sourceIp ? ` from ${event.sourceIp}` : ""} (CloudTrail event ${event.id})` +
            `${otherEvents > 0 ? `, with ${otherEvents} other change(s) to it in the same batch` : ""}`,
        "The watch reports; it never reverts a change. Investigate the caller before trusting the change.",
    ];
    return { subject, message: lines.join("\n") };
}
