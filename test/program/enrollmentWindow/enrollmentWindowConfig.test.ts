import { expect } from "chai";
import { checkStackConfig } from "../../../program/stackConfig";
import { COMPLIANCE_FIELDS } from "../../../program/enrollmentWindow/enrollmentWindowConfig";

const DETECTION = { cloudTrailLogGroupName: "org-trail" };

/** The stack config's problems about `compliance`. */
function problems(compliance: unknown, detection: unknown = DETECTION): string[] {
    return checkStackConfig({ compliance, detection }).problems.filter((p) => p.startsWith("compliance"));
}

function settings(compliance: unknown) {
    const { config, problems } = checkStackConfig({ compliance, detection: DETECTION });
    expect(problems).to.deep.equal([]);
    return config!.compliance;
}

describe("enrollment window — config (force-mfa:compliance)", () => {
    it("defaults: off, report mode, thresholds 0 / 7 / 14, the mfa-suspended group, a daily schedule, a created audit bucket", () => {
        expect(settings(undefined)).to.deep.equal({
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
        expect(settings({ enabled: true, mode: "enforce", suspendAfterDays: 0 })).to.deep.include({ enabled: true, mode: "enforce", suspendAfterDays: 0 });
    });

    it("each wrong value is one line naming the key, the rule and the value, all reported together", () => {
        expect(problems({ mode: "strict", remindAfterDays: -1, flagAfterDays: 1.5, enabled: "yes", schedule: "daily", bogus: 1 })).to.have.members([
            'compliance.mode: must be "report" (decide and notify, change nothing) or "enforce", got "strict"',
            "compliance.remindAfterDays: must be an integer from 0 to 3650, got -1",
            "compliance.flagAfterDays: must be an integer from 0 to 3650, got 1.5",
            'compliance.enabled: must be true or false, got "yes"',
            'compliance.schedule: must be an EventBridge schedule expression, "rate(...)" or "cron(...)", got "daily"',
            `compliance.bogus: unknown key (allowed: ${COMPLIANCE_FIELDS.join(", ")})`,
        ]);
        expect(problems("on")[0]).to.match(/^compliance: must be an object with the keys enabled, mode, .*, got "on"$/);
        expect(problems({ suspendedGroupName: "mfa suspended" })[0]).to.match(/^compliance\.suspendedGroupName: must be an IAM group name/);
        expect(problems({ functionName: "a".repeat(65) })[0]).to.match(/^compliance\.functionName: must be a Lambda function name/);
        expect(problems({ logRetentionDays: 4 })[0]).to.match(/^compliance\.logRetentionDays: must be one of CloudWatch Logs' retention values/);
        expect(problems({ auditBucketName: "Audit_Bucket" })[0]).to.match(/^compliance\.auditBucketName: an S3 bucket name .*, got "Audit_Bucket"$/);
        expect(problems({ suspendAfterDays: 3651 })).to.deep.equal(["compliance.suspendAfterDays: must be an integer from 0 to 3650, got 3651"]);
    });

    it("the thresholds are in order: remind ≤ flag ≤ suspend, or suspension off", () => {
        expect(problems({ remindAfterDays: 8 })).to.deep.equal(["compliance.flagAfterDays: must not be before remindAfterDays (8), got 7"]);
        expect(problems({ suspendAfterDays: 6 })).to.deep.equal(["compliance.suspendAfterDays: must be 0 (suspension off) or not before flagAfterDays (7), got 6"]);
        expect(problems({ suspendAfterDays: 0, flagAfterDays: 30 })).to.deep.equal([]);
        expect(problems({ suspendAfterDays: 7 })).to.deep.equal([]);
    });

    it("reusing an existing audit bucket needs its name", () => {
        expect(problems({ createAuditBucket: false })).to.deep.equal([
            "compliance.auditBucketName: required with createAuditBucket: false (the existing bucket the job writes its reports to)",
        ]);
        expect(settings({ createAuditBucket: false, auditBucketName: "acme-audit" })).to.deep.include({ auditBucketName: "acme-audit" });
    });

    it("the job announces on detection's alert topic: on with detection off is an error, off with detection off is fine", () => {
        expect(problems({ enabled: true }, { enabled: false })).to.deep.equal([
            "compliance.enabled: needs detection.enabled: the job announces each run on the alert topic that detection creates; turn detection on, or compliance off",
        ]);
        expect(problems({ enabled: false }, { enabled: false })).to.deep.equal([]);
    });
});
