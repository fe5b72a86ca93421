/**
 * Pulumi.example.yaml: a valid stack config with safe values that shows every key the program reads, the keys of a
 * created trail and recorder as comments that are valid once their switch is on, every capability in its safe mode.
 */
import { expect } from "chai";
import { readFileSync } from "fs";
import { join } from "path";
import { parse as parseYaml } from "yaml";
import { CONFIG_RULES_FIELDS, DETECTION_FIELDS } from "../../program/detection/detectionConfig";
import { COMPLIANCE_FIELDS } from "../../program/enrollmentWindow/enrollmentWindowConfig";
import { ADMIN_ROLE_FIELDS } from "../../program/privilegedAccess/privilegedAccessConfig";
import { CONFIG_KEYS, ConfigError, loadForceMfaConfig } from "../../program/stackConfig";
import { WATCH_FIELDS } from "../../program/watch/watchConfig";

/** Keys the example may only show commented out: they are errors unless createTrail / createRecorder is on. */
const SWITCHED_OFF_KEYS = ["trailName", "trailBucketName", "trailLogGroupName", "logRetentionDays", "deliveryBucketName"];

/** The example's text with the commented-out `# <key>: <value>` lines of SWITCHED_OFF_KEYS made real, in place. */
function uncommentSwitchedOffKeys(text: string): string {
    return text.replace(/^(\s*)# (\w+): (.*)$/gm, (line, indent: string, key: string, value: string) => (SWITCHED_OFF_KEYS.includes(key) ? `${indent}${key}: ${value}` : line));
}

describe("Pulumi.example.yaml", () => {
    const text = readFileSync(join(__dirname, "..", "..", "Pulumi.example.yaml"), "utf8");
    const example = parseYaml(text).config as Record<string, unknown>;
    // As the CLI hands config to the program: strings as they are, everything else as JSON text.
    const toCli = (config: Record<string, unknown>) => Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    const cliMap = toCli(example);
    const uncommented = parseYaml(uncommentSwitchedOffKeys(text)).config as Record<string, any>;

    it("is a valid stack config with safe values of detection and the guard: detection on an existing trail, no trail or recorder created, guard on", () => {
        const config = loadForceMfaConfig(cliMap);
        expect(config.detection.enabled).to.equal(true);
        expect(config.detection.createTrail).to.equal(false);
        expect(config.detection.configRules.createRecorder).to.equal(false);
        expect(config.detection.kmsKeyArn).to.equal(undefined);
        expect(config.stateDeleteGuard).to.equal(true);
        expect(config.stateDeleteMaxMfaAge).to.equal(300);
    });

    it("shows every key of detection, privileged access, the enrollment window and the guard (those defaulting from account and region, or a created key, are explained in comments)", () => {
        for (const key of ["detection", "adminRole", "stateDeleteGuard", "stateDeleteMaxMfaAge"]) {
            expect(example, key).to.have.property(`force-mfa:${key}`);
        }
        const detection = example["force-mfa:detection"] as Record<string, unknown>;
        expect(Object.keys(detection)).to.include.members([
            "enabled",
            "cloudTrailLogGroupName",
            "createTrail",
            "alarmEmails",
            "topicName",
            "metricNamespace",
            "alarmPeriodSeconds",
            "configRules",
        ]);
        expect(Object.keys(detection.configRules as object)).to.include.members(["enabled", "createRecorder", "maximumExecutionFrequency"]);
        // The keys of a created trail and recorder are comments (errors while their switch is off), in their section.
        for (const key of SWITCHED_OFF_KEYS) {
            expect(JSON.stringify(detection), key).to.not.include(`"${key}"`);
        }
        expect(Object.keys(uncommented["force-mfa:detection"])).to.include.members(["trailName", "trailBucketName", "trailLogGroupName", "logRetentionDays"]);
        expect(Object.keys(uncommented["force-mfa:detection"].configRules)).to.include("deliveryBucketName");
        // Every key the parser knows is shown: set, commented out with its switch, or explained in a "# key:" comment.
        const shown = (section: Record<string, unknown> | undefined, key: string) => (section !== undefined && key in section) || text.includes(`# ${key}:`);
        for (const key of DETECTION_FIELDS) {
            expect(shown(uncommented["force-mfa:detection"], key), `detection.${key}`).to.equal(true);
        }
        for (const key of CONFIG_RULES_FIELDS) {
            expect(shown(uncommented["force-mfa:detection"].configRules, key), `detection.configRules.${key}`).to.equal(true);
        }
        for (const key of ADMIN_ROLE_FIELDS) {
            expect(shown(uncommented["force-mfa:adminRole"], key), `adminRole.${key}`).to.equal(true);
        }
        for (const key of COMPLIANCE_FIELDS) {
            expect(shown(uncommented["force-mfa:compliance"], key), `compliance.${key}`).to.equal(true);
        }
        for (const key of WATCH_FIELDS) {
            expect(shown(uncommented["force-mfa:watch"], key), `watch.${key}`).to.equal(true);
        }
        expect(text).to.match(/^\s*# kmsKeyArn:/m);
    });

    it("shows every top-level key: set, or (the organization section, for the management account only) in a comment", () => {
        for (const key of CONFIG_KEYS) {
            expect(`force-mfa:${key}` in example || text.includes(`# force-mfa:${key}:`), key).to.equal(true);
        }
        expect(example).to.not.have.property("force-mfa:organization");
    });

    it("shows every capability in its safe mode: the enrollment window on, in report mode (it decides and announces, changes nothing)", () => {
        const config = loadForceMfaConfig(cliMap);
        expect(config.compliance).to.deep.include({ enabled: true, mode: "report", createAuditBucket: true });
        expect(config.compliance.auditBucketName).to.equal(undefined);
        // The watch only reads IAM and alerts: on in the example.
        expect(config.watch.enabled).to.equal(true);
        expect(config.adminRole.enabled).to.equal(true);
        expect(config.detection.configRules.enabled).to.equal(true);
    });

    it("its commented-out trail and recorder keys are valid once createTrail and createRecorder are on", () => {
        const detection = { ...uncommented["force-mfa:detection"], createTrail: true, configRules: { ...uncommented["force-mfa:detection"].configRules, createRecorder: true } };
        // Without createTrail's counterpart the example would be refused: the log group belongs to the existing trail.
        expect(() => loadForceMfaConfig(toCli({ ...uncommented, "force-mfa:detection": detection }))).to.throw(ConfigError, /detection\.cloudTrailLogGroupName: not used with detection\.createTrail: true/);
        delete detection.cloudTrailLogGroupName;
        const config = loadForceMfaConfig(toCli({ ...uncommented, "force-mfa:detection": detection }));
        expect(config.detection).to.deep.include({
            trailName: "force-mfa-trail",
            trailBucketName: "example-corp-cloudtrail-eu-central-1",
            trailLogGroupName: "force-mfa-cloudtrail",
            logRetentionDays: 365,
        });
        expect(config.detection.configRules.deliveryBucketName).to.equal("example-corp-config-eu-central-1");
        // ...and uncommented with the switches left off, they are errors, one per key.
        expect(() => loadForceMfaConfig(toCli(uncommented))).to.throw(ConfigError, /5 problems/);
        expect(Object.keys(example["force-mfa:adminRole"] as object)).to.include.members([
            "enabled",
            "name",
            "trustedUsers",
            "maxMfaAgeSeconds",
            "maxSessionDurationSeconds",
            "policyArn",
        ]);
    });
});
