/**
 * Detection's part of the stack config: the switches, what they leave out and what they need, and one clear message
 * naming the key and the rule for each bad value.
 */
import { expect } from "chai";
import { checkStackConfig } from "../../../program/stackConfig";

function parse(raw: Record<string, unknown>) {
    const { config, problems } = checkStackConfig(raw);
    return { settings: config!, problems };
}

const WITH_LOG_GROUP = { detection: { cloudTrailLogGroupName: "org-trail" } };

describe("config of detection", () => {
    it("no log group is fine when detection is off or the program creates the trail", () => {
        expect(parse({ detection: { enabled: false } }).problems).to.deep.equal([]);
        expect(parse({ detection: { createTrail: true } }).problems).to.deep.equal([]);
    });

    it("accepts a customer key's alias ARN, a dotted trail name of 3 to 128 characters and a namespace merely containing AWS", () => {
        for (const detection of [
            { ...WITH_LOG_GROUP.detection, kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:alias/force-mfa/alerts" },
            { ...WITH_LOG_GROUP.detection, kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab" },
            { ...WITH_LOG_GROUP.detection, metricNamespace: "Acme/AWS/Security" },
            { ...WITH_LOG_GROUP.detection, metricNamespace: "aws-security" },
            { createTrail: true, trailName: "org.trail_2-eu" },
            { createTrail: true, trailName: "abc" },
            { createTrail: true, trailName: "t".repeat(128) },
            { createTrail: true, trailName: "192.168.5.x4" },
        ]) {
            expect(parse({ detection }).problems, JSON.stringify(detection)).to.deep.equal([]);
        }
    });

    it("an empty YAML value (null) for a section is one problem, without guessing what its switches leave out", () => {
        expect(parse({ detection: null }).problems).to.have.length(1);
        expect(parse({ detection: { ...WITH_LOG_GROUP.detection, configRules: null } }).problems).to.deep.equal([
            "detection.configRules: must be an object with the keys enabled, createRecorder, maximumExecutionFrequency, deliveryBucketName, got null",
        ]);
    });

    describe("keys that only configure what a switch leaves out are errors, as lockTableName with lockMode s3", () => {
        const unused: [string, Record<string, unknown>, RegExp][] = [
            ["a log group with createTrail", { createTrail: true, cloudTrailLogGroupName: "org-trail" }, /^detection\.cloudTrailLogGroupName: not used with detection\.createTrail: true/],
            ["a trail name without createTrail", { ...WITH_LOG_GROUP.detection, trailName: "org-trail" }, /^detection\.trailName: only used with detection\.createTrail: true/],
            ["a trail bucket without createTrail", { ...WITH_LOG_GROUP.detection, createTrail: false, trailBucketName: "acme-trail" }, /^detection\.trailBucketName: only used with detection\.createTrail: true/],
            ["a trail log group without createTrail", { ...WITH_LOG_GROUP.detection, trailLogGroupName: "acme/trail" }, /^detection\.trailLogGroupName: only used with detection\.createTrail: true/],
            ["a retention without createTrail", { ...WITH_LOG_GROUP.detection, logRetentionDays: 365 }, /^detection\.logRetentionDays: only used with detection\.createTrail: true/],
            // Reported as unused only, not also for its format.
            ["a malformed retention without createTrail", { ...WITH_LOG_GROUP.detection, logRetentionDays: 10 }, /^detection\.logRetentionDays: only used with detection\.createTrail: true/],
            [
                "a delivery bucket without createRecorder",
                { ...WITH_LOG_GROUP.detection, configRules: { deliveryBucketName: "acme-config" } },
                /^detection\.configRules\.deliveryBucketName: only used with detection\.configRules\.createRecorder: true/,
            ],
        ];
        for (const [what, detection, message] of unused) {
            it(`rejects ${what} with one message naming the key and the rule`, () => {
                const { problems } = parse({ detection });
                expect(problems).to.have.length(1, JSON.stringify(problems));
                expect(problems[0]).to.match(message);
            });
        }

        it("every trail key at once: one message per key", () => {
            const { problems } = parse({
                detection: { ...WITH_LOG_GROUP.detection, trailName: "t-1", trailBucketName: "acme-trail", trailLogGroupName: "g", logRetentionDays: 30 },
            });
            expect(problems.map((p) => p.split(":")[0])).to.deep.equal([
                "detection.trailName",
                "detection.trailBucketName",
                "detection.trailLogGroupName",
                "detection.logRetentionDays",
            ]);
        });

        it("while detection or configRules is off, every setting may stay (the switch flips back without rewriting config)", () => {
            const everything = {
                cloudTrailLogGroupName: "org-trail",
                createTrail: true,
                trailName: "org-trail",
                trailBucketName: "acme-trail",
                configRules: { enabled: false, createRecorder: false, deliveryBucketName: "acme-config" },
            };
            expect(parse({ detection: { ...everything, enabled: false } }).problems).to.deep.equal([]);
            expect(parse({ detection: { ...everything, createTrail: false, enabled: false, logRetentionDays: 30 } }).problems).to.deep.equal([]);
            // configRules off alone: its delivery bucket may stay.
            expect(parse({ detection: { ...WITH_LOG_GROUP.detection, configRules: { enabled: false, deliveryBucketName: "acme-config" } } }).problems).to.deep.equal([]);
        });

        it("kept settings still have to be well-formed while off", () => {
            const { problems } = parse({ detection: { enabled: false, trailName: "a--b" } });
            expect(problems).to.have.length(1);
            expect(problems[0]).to.match(/^detection\.trailName: must be a CloudTrail trail name/);
        });

        it("a malformed switch is reported once, without guessing which keys it leaves out", () => {
            const { problems } = parse({ detection: { createTrail: "yes", cloudTrailLogGroupName: "org-trail", trailName: "org-trail" } });
            expect(problems).to.have.length(1, JSON.stringify(problems));
            expect(problems[0]).to.match(/^detection\.createTrail: must be true or false/);
        });
    });


    const bad: [string, Record<string, unknown>, RegExp][] = [
        ["detection without a log group", {}, /^detection\.cloudTrailLogGroupName: required while detection is enabled/],
        ["detection not an object", { detection: true }, /^detection: must be an object/],
        ["an unknown detection key", { detection: { ...WITH_LOG_GROUP.detection, alarmEmail: "x" } }, /^detection\.alarmEmail: unknown key/],
        ["enabled not a boolean", { detection: { ...WITH_LOG_GROUP.detection, enabled: "yes" } }, /^detection\.enabled: must be true or false/],
        ["a malformed e-mail", { detection: { ...WITH_LOG_GROUP.detection, alarmEmails: ["ok@acme.example", "not-an-email"] } }, /^detection\.alarmEmails\[1\]: must be an e-mail address/],
        ["e-mails not a list", { detection: { ...WITH_LOG_GROUP.detection, alarmEmails: "sec@acme.example" } }, /^detection\.alarmEmails: must be a list/],
        ["a repeated e-mail", { detection: { ...WITH_LOG_GROUP.detection, alarmEmails: ["a@b.example", "a@b.example"] } }, /^detection\.alarmEmails: each address may appear once/],
        ["the AWS managed SNS key", { detection: { ...WITH_LOG_GROUP.detection, kmsKeyArn: "alias/aws/sns" } }, /^detection\.kmsKeyArn: must be the ARN of a customer managed KMS key/],
        ["the AWS managed SNS key by its alias ARN", { detection: { ...WITH_LOG_GROUP.detection, kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:alias/aws/sns" } }, /^detection\.kmsKeyArn: must be the ARN of a customer managed KMS key.*alias\/aws\//],
        ["another AWS managed key's alias ARN", { detection: { ...WITH_LOG_GROUP.detection, kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:alias/aws/s3" } }, /^detection\.kmsKeyArn: must be the ARN of a customer managed KMS key/],
        ["a reserved metric namespace", { detection: { ...WITH_LOG_GROUP.detection, metricNamespace: "AWS/ForceMfa" } }, /^detection\.metricNamespace: must be a CloudWatch namespace .*reserved AWS\//],
        ["a metric namespace with a colon", { detection: { ...WITH_LOG_GROUP.detection, metricNamespace: "Acme:Security" } }, /^detection\.metricNamespace: must be a CloudWatch namespace/],
        ["a trail name with adjacent dashes", { detection: { createTrail: true, trailName: "a--b" } }, /^detection\.trailName: must be a CloudTrail trail name/],
        ["a trail name with a dash next to an underscore", { detection: { createTrail: true, trailName: "my-_x" } }, /^detection\.trailName: must be a CloudTrail trail name/],
        ["a trail name in IP address format", { detection: { createTrail: true, trailName: "192.168.5.4" } }, /^detection\.trailName: must be a CloudTrail trail name/],
        ["a trail name starting with a dash", { detection: { createTrail: true, trailName: "-trail" } }, /^detection\.trailName: must be a CloudTrail trail name/],
        ["a trail name ending with a period", { detection: { createTrail: true, trailName: "trail." } }, /^detection\.trailName: must be a CloudTrail trail name/],
        ["a trail name too short", { detection: { createTrail: true, trailName: "ab" } }, /^detection\.trailName: must be a CloudTrail trail name/],
        ["a trail name too long", { detection: { createTrail: true, trailName: "t".repeat(129) } }, /^detection\.trailName: must be a CloudTrail trail name/],
        ["a bad trail bucket name", { detection: { createTrail: true, trailBucketName: "Trail_Bucket" } }, /^detection\.trailBucketName: must be a valid S3 bucket name/],
        ["a bad retention", { detection: { createTrail: true, logRetentionDays: 10 } }, /^detection\.logRetentionDays: must be one of/],
        ["a bad alarm period", { detection: { ...WITH_LOG_GROUP.detection, alarmPeriodSeconds: 90 } }, /^detection\.alarmPeriodSeconds: must be a multiple of 60/],
        ["a bad frequency", { detection: { ...WITH_LOG_GROUP.detection, configRules: { maximumExecutionFrequency: "Weekly" } } }, /^detection\.configRules\.maximumExecutionFrequency: must be one of One_Hour/],
        ["an unknown configRules key", { detection: { ...WITH_LOG_GROUP.detection, configRules: { recorder: true } } }, /^detection\.configRules\.recorder: unknown key/],
        ["createRecorder not a boolean", { detection: { ...WITH_LOG_GROUP.detection, configRules: { createRecorder: 1 } } }, /^detection\.configRules\.createRecorder: must be true or false/],
        ["a topic name too long for the alarm named after it", { detection: { ...WITH_LOG_GROUP.detection, topicName: "t".repeat(229) } }, /^detection\.topicName: must be an SNS topic name of 1-228/],
        ["a topic key of another partition", { detection: { ...WITH_LOG_GROUP.detection, kmsKeyArn: "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }, /^detection\.kmsKeyArn: must be the ARN of a customer managed KMS key/],
    ];
    for (const [what, raw, message] of bad) {
        it(`rejects ${what} with one message naming the key and the rule`, () => {
            const { problems } = parse(raw);
            expect(problems).to.have.length(1, JSON.stringify(problems));
            expect(problems[0]).to.match(message);
        });
    }
});
