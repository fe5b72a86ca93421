import { expect } from "chai";
import { COMPLIANCE_KEYS, parseComplianceSettings } from "../../../program/compliance/complianceConfig";

function problems(raw: unknown): string[] {
    return parseComplianceSettings(raw).problems;
}

describe("enrollment window — config (force-mfa:compliance)", () => {
    it("defaults: off, report mode, thresholds 0 / 7 / 14, the mfa-suspended group, a daily schedule, a created audit bucket", () => {
        expect(parseComplianceSettings(undefined).settings).to.deep.equal({
            enabled: false,
            mode: "report",
            remindAfterDays: 0,
            flagAfterDays: 7,
            suspendAfterDays: 14,
            suspendedGroupName: "mfa-suspended",
            schedule: "cron(0 6 * * ? *)",
            functionName: "force-mfa-enrollment-window",
            logRetentionDays: 365,
            createAuditBucket: true,
        });
        expect(parseComplianceSettings({ enabled: true, mode: "enforce", suspendAfterDays: 0 }).settings).to.deep.include({
            enabled: true,
            mode: "enforce",
            suspendAfterDays: 0,
        });
    });

    it("each wrong value is one line naming the key, the rule and the value, all reported together", () => {
        expect(problems({ mode: "strict", remindAfterDays: -1, flagAfterDays: 1.5, enabled: "yes", schedule: "daily", bogus: 1 })).to.have.members([
            'compliance.mode: must be "report" (decide and notify, change nothing) or "enforce", got "strict"',
            "compliance.remindAfterDays: must be 0 or more, got -1",
            "compliance.flagAfterDays: must be a whole number of days, got 1.5",
            'compliance.enabled: must be true or false, got "yes"',
            'compliance.schedule: must be an EventBridge schedule expression, "rate(...)" or "cron(...)", got "daily"',
            `compliance.bogus: unknown key (known keys: ${COMPLIANCE_KEYS.join(", ")})`,
        ]);
        expect(problems("on")).to.deep.equal(['compliance: must be a structured value {enabled, mode, remindAfterDays, ...}, got "on"']);
        expect(problems({ suspendedGroupName: "mfa suspended" })[0]).to.match(/^compliance\.suspendedGroupName: must be an IAM group name/);
        expect(problems({ functionName: "a".repeat(65) })[0]).to.match(/^compliance\.functionName: must be a Lambda function name/);
        expect(problems({ logRetentionDays: 4 })[0]).to.match(/^compliance\.logRetentionDays: must be one of CloudWatch Logs' retention values/);
        expect(problems({ auditBucketName: "Audit_Bucket" })[0]).to.match(/^compliance\.auditBucketName: an S3 bucket name may contain only lower-case/);
        expect(problems({ suspendAfterDays: 3651 })).to.deep.equal(["compliance.suspendAfterDays: must be at most 3650 (ten years), got 3651"]);
    });

    it("the thresholds are in order: remind ≤ flag ≤ suspend, or suspension off", () => {
        expect(problems({ remindAfterDays: 8 })).to.deep.equal(["compliance.flagAfterDays: must not be before remindAfterDays (8)"]);
        expect(problems({ suspendAfterDays: 6 })).to.deep.equal(["compliance.suspendAfterDays: must be 0 (suspension off) or not before flagAfterDays (7), got 6"]);
        expect(problems({ suspendAfterDays: 0, flagAfterDays: 30 })).to.deep.equal([]);
        expect(problems({ suspendAfterDays: 7 })).to.deep.equal([]);
    });

    it("reusing an existing audit bucket needs its name", () => {
        expect(problems({ createAuditBucket: false })).to.deep.equal([
            "compliance.auditBucketName: required with createAuditBucket: false (the existing bucket the job writes its reports to)",
        ]);
        expect(parseComplianceSettings({ createAuditBucket: false, auditBucketName: "acme-audit" }).settings).to.deep.include({ auditBucketName: "acme-audit" });
    });
});
