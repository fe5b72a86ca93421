/**
 * The stack config as one schema of every capability's part: the defaults of a config that sets almost nothing, a
 * full config taken as written, and README's config table checked against the schema.
 */
import { expect } from "chai";
import { readFileSync } from "fs";
import { join } from "path";
import { checkStackConfig, stackConfigJsonSchema } from "../../program/stackConfig";

function parse(raw: Record<string, unknown>) {
    const { config, problems } = checkStackConfig(raw);
    return { settings: config!, problems };
}

const WITH_LOG_GROUP = { detection: { cloudTrailLogGroupName: "org-trail" } };

describe("the stack config", () => {
    it("defaults: detection on (rules on, no recorder, no trail), admin role off, state guard on at 300 s", () => {
        const { settings, problems } = parse(WITH_LOG_GROUP);
        expect(problems).to.deep.equal([]);
        expect(settings.detection).to.deep.include({
            enabled: true,
            cloudTrailLogGroupName: "org-trail",
            createTrail: false,
            alarmEmails: [],
            topicName: "force-mfa-alerts",
            metricNamespace: "ForceMfa",
            alarmPeriodSeconds: 300,
            logRetentionDays: 365,
        });
        expect(settings.detection.configRules).to.deep.equal({
            enabled: true,
            createRecorder: false,
            maximumExecutionFrequency: "TwentyFour_Hours",
            deliveryBucketName: undefined,
        });
        expect(settings.adminRole).to.deep.equal({
            enabled: false,
            name: "mfa-admin",
            trustedUsers: [],
            maxMfaAgeSeconds: 3600,
            maxSessionDurationSeconds: 3600,
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        });
        expect(settings.stateDeleteGuard).to.equal(true);
        expect(settings.stateDeleteMaxMfaAge).to.equal(300);
    });

    it("a full valid config is taken as written", () => {
        const { settings, problems } = parse({
            detection: {
                enabled: true,
                createTrail: true,
                trailName: "org-trail",
                trailBucketName: "acme-trail-logs",
                trailLogGroupName: "acme/cloudtrail",
                logRetentionDays: 731,
                alarmEmails: ["sec@acme.example", "ops+aws@acme.example"],
                topicName: "acme-alerts",
                kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                metricNamespace: "Acme/Security",
                alarmPeriodSeconds: 60,
                configRules: { enabled: true, createRecorder: true, maximumExecutionFrequency: "Twelve_Hours", deliveryBucketName: "acme-config" },
            },
            adminRole: {
                enabled: true,
                name: "admin",
                trustedUsers: ["alice", "bob"],
                maxMfaAgeSeconds: 900,
                maxSessionDurationSeconds: 43200,
                policyArn: "arn:aws:iam::123456789012:policy/ops",
            },
            stateDeleteGuard: false,
            stateDeleteMaxMfaAge: 120,
        });
        expect(problems).to.deep.equal([]);
        expect(settings.detection.createTrail).to.equal(true);
        expect(settings.detection.logRetentionDays).to.equal(731);
        expect(settings.detection.configRules.maximumExecutionFrequency).to.equal("Twelve_Hours");
        expect(settings.adminRole.trustedUsers).to.deep.equal(["alice", "bob"]);
        expect(settings.adminRole.maxSessionDurationSeconds).to.equal(43200);
        expect(settings.stateDeleteGuard).to.equal(false);
        expect(settings.stateDeleteMaxMfaAge).to.equal(120);
    });
});

interface SchemaNode {
    default?: unknown;
    properties?: Record<string, SchemaNode>;
}

/** Every key of the schema, sections (objects with keys of their own) walked into: `detection.configRules.enabled`. */
function schemaKeys(properties: Record<string, SchemaNode>, prefix = ""): Map<string, SchemaNode> {
    const keys = new Map<string, SchemaNode>();
    for (const [name, node] of Object.entries(properties)) {
        keys.set(`${prefix}${name}`, node);
        if (node.properties !== undefined) {
            schemaKeys(node.properties, `${prefix}${name}.`).forEach((sub, key) => keys.set(key, sub));
        }
    }
    return keys;
}

/**
 * README's config table: `key` (or `a.b` / `c` / `d`, siblings of the first) → the default cell, one backticked value
 * per key, or `—` (none).
 */
function readmeTable(): Map<string, string | undefined> {
    const readme = readFileSync(join(__dirname, "..", "..", "docs", "config.md"), "utf8");
    const start = readme.indexOf("## Config keys");
    const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
    const table = new Map<string, string | undefined>();
    for (const row of section.split("\n").filter((line) => line.startsWith("| `"))) {
        const [keyCell, defaultCell] = row.split(" | ").map((cell) => cell.replace(/^\| /, ""));
        const names = [...keyCell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
        const parent = names[0].includes(".") ? names[0].slice(0, names[0].lastIndexOf(".") + 1) : "";
        const defaults = defaultCell.startsWith("—") ? [] : [...defaultCell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
        names.forEach((name, i) => table.set(i === 0 ? name : `${parent}${name}`, defaults[i]));
    }
    return table;
}

/** The default as README writes it: strings bare, other values as JSON (`[]`, `true`, `300`). */
function written(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

describe("README's config table against the schema", () => {
    const schema = schemaKeys(stackConfigJsonSchema.properties as Record<string, SchemaNode>);
    const table = readmeTable();

    it("lists every key of the schema, and no key the schema does not know", () => {
        expect([...table.keys()].filter((key) => !schema.has(key)), "keys in README unknown to the schema").to.deep.equal([]);
        expect([...schema.keys()].filter((key) => !table.has(key)), "keys of the schema missing in README").to.deep.equal([]);
    });

    it("gives every key the schema's default", () => {
        for (const [key, node] of schema) {
            const shown = table.get(key);
            if (node.properties !== undefined) {
                // A section: `{ enabled: true, ... }` shows the defaults of some of its keys.
                expect(shown, key).to.match(/^\{ .*\}$/);
                for (const [, sub, value] of shown!.matchAll(/(\w+): ([^,}\s]+)/g)) {
                    expect(value, `${key}.${sub}`).to.equal(written(node.properties[sub]?.default));
                }
            } else if (node.default === undefined) {
                // No default: none shown, or a name derived from the account and region at deploy time.
                expect(shown === undefined || shown.includes("<account>"), `${key}: README shows ${shown}`).to.equal(true);
            } else {
                expect(shown, key).to.equal(written(node.default));
            }
        }
    });
});
