import { expect } from "chai";
import type { PrincipalVerdict } from "../../../../account";
import { alertOf, ALERTING_STATUSES, isNews } from "../../../../program/watch/handler/alertMessage";
import { IamChangeEvent } from "../../../../program/watch/handler/iamChangeEvent";

const EVENT: IamChangeEvent = { id: "evt-7", name: "RemoveUserFromGroup", time: "2026-12-07T10:05:00Z", caller: "arn:aws:iam::123456789012:user/mallory", sourceIp: "203.0.113.7", parameters: {} };
const ESCAPES: PrincipalVerdict = {
    type: "user",
    name: "alice",
    arn: "arn:aws:iam::123456789012:user/alice",
    status: "escapes",
    reason: "its own policies allow ec2:RunInstances",
    witness: { action: "ec2:RunInstances", resource: "*", mfaContext: "MFA absent (long-term access keys)", path: ['policy "Power"', "group devs"], why: ["no deny names it"] },
    fix: 'add alice to the group "mfa-enforced"',
};

describe("watch — alertMessage: when a verdict is news, and the message that says so", () => {
    it("news: entering escapes or locked-out, never staying there nor any other status", () => {
        expect(ALERTING_STATUSES).to.deep.equal(["escapes", "locked-out"]);
        expect(isNews(undefined, "escapes")).to.equal(true);
        expect(isNews("enforced", "escapes")).to.equal(true);
        expect(isNews("escapes", "locked-out")).to.equal(true);
        expect(isNews("escapes", "escapes")).to.equal(false);
        expect(isNews("escapes", "enforced")).to.equal(false);
        expect(isNews(undefined, "unenforced")).to.equal(false);
        expect(isNews(undefined, "unverifiable")).to.equal(false);
    });

    it("the message: principal, verdict and what it was, why, the witness and its path, the fix, the change and its caller", () => {
        const { subject, message } = alertOf(ESCAPES, EVENT, "enforced", 2);
        expect(subject).to.equal("force-mfa watch: user alice can act without MFA");
        expect(message.split("\n")).to.deep.equal([
            "force-mfa watch: user alice can act without MFA.",
            "",
            "Principal: user alice (arn:aws:iam::123456789012:user/alice)",
            "Verdict: escapes (was enforced)",
            "Why: its own policies allow ec2:RunInstances",
            'Witness: ec2:RunInstances on * with MFA absent (long-term access keys), through policy "Power" → group devs',
            "  - no deny names it",
            'Fix: add alice to the group "mfa-enforced"',
            "",
            "Change: RemoveUserFromGroup at 2026-12-07T10:05:00Z by arn:aws:iam::123456789012:user/mallory from 203.0.113.7 (CloudTrail event evt-7), with 2 other change(s) to it in the same batch",
            "The watch reports; it never reverts a change. Investigate the caller before trusting the change.",
        ]);
    });

    it("a first verdict, no witness, no fix, no source address: those lines are left out", () => {
        const locked: PrincipalVerdict = { type: "role", name: "deploy", status: "locked-out", reason: "r" };
        const { subject, message } = alertOf(locked, { ...EVENT, sourceIp: undefined }, undefined, 0);
        expect(subject).to.equal("force-mfa watch: role deploy is locked out of MFA enrollment");
        expect(message).to.contain("\nPrincipal: role deploy\nVerdict: locked-out\nWhy: r\n\nChange: RemoveUserFromGroup at 2026-12-07T10:05:00Z by arn:aws:iam::123456789012:user/mallory (CloudTrail event evt-7)\n");
        expect(message).to.not.match(/Witness|Fix|other change/);
    });

    it("the subject stays within SNS's 100 characters whatever the name's length", () => {
        const long = { ...ESCAPES, name: "a".repeat(64) };
        expect(alertOf(long, EVENT, undefined, 0).subject).to.have.length(100);
        expect(alertOf(long, EVENT, undefined, 0).message).to.contain(`user ${"a".repeat(64)} can act without MFA.`);
    });
});
