/** `force-mfa:sensitiveActions`: its defaults, the default set, and one clear line per broken rule. */
import { expect } from "chai";
import { DEFAULT_SENSITIVE_ACTION_GROUPS } from "../../../account";
import { sensitiveActionGroups } from "../../../program/sensitiveActions/sensitiveActionsConfig";
import { checkStackConfig } from "../../../program/stackConfig";
import { validConfig } from "../stackFixtures";

const QUIET = { detection: { enabled: false } };

function problems(sensitiveActions: unknown): string[] {
    return checkStackConfig({ ...QUIET, sensitiveActions }).problems;
}

describe("stack config: sensitiveActions", () => {
    it("off by default: no groups in force, the policy name and roles defaulted", () => {
        const config = validConfig(QUIET);
        expect(config.sensitiveActions).to.deep.equal({ enabled: false, policyName: "ForceMFASensitiveActions", roles: [] });
        expect(sensitiveActionGroups(config.sensitiveActions)).to.deep.equal([]);
    });

    it("on without groups: the documented default set, sorted by name", () => {
        const groups = sensitiveActionGroups(validConfig({ ...QUIET, sensitiveActions: { enabled: true } }).sensitiveActions);
        expect(groups.map((g) => g.name)).to.deep.equal(Object.keys(DEFAULT_SENSITIVE_ACTION_GROUPS).sort());
        expect(groups.find((g) => g.name === "kms-key-destruction")).to.deep.include({ maxMfaAgeSeconds: 300 });
    });

    it("on with groups: exactly those, wildcards kept as written", () => {
        const config = validConfig({
            ...QUIET,
            sensitiveActions: { enabled: true, roles: ["deployer"], groups: { "data-loss": { maxMfaAgeSeconds: 120, actions: ["s3:DeleteObject*", "dynamodb:DeleteTable"] } } },
        });
        expect(sensitiveActionGroups(config.sensitiveActions)).to.deep.equal([{ name: "data-loss", maxMfaAgeSeconds: 120, actions: ["s3:DeleteObject*", "dynamodb:DeleteTable"] }]);
        expect(config.sensitiveActions.roles).to.deep.equal(["deployer"]);
    });

    it("refuses an action that would deny enrollment, naming the enrollment action it matches", () => {
        expect(problems({ enabled: true, groups: { iam: { maxMfaAgeSeconds: 900, actions: ["iam:Create*"] } } })).to.deep.equal([
            'sensitiveActions.groups.iam.actions[0]: "iam:Create*" matches iam:CreateVirtualMFADevice, which users need without MFA to enroll a device; list the sensitive actions more narrowly',
        ]);
        expect(problems({ enabled: true, groups: { sts: { maxMfaAgeSeconds: 900, actions: ["sts:*"] } } })[0]).to.match(/matches sts:GetSessionToken/);
        expect(problems({ enabled: true, groups: { pw: { maxMfaAgeSeconds: 900, actions: ["iam:changepassword"] } } })[0]).to.match(/matches iam:ChangePassword/);
    });

    it("one line per broken rule: patterns, ages, empty lists and maps, group names, roles, unknown keys", () => {
        expect(
            problems({
                enabled: "yes",
                roles: ["deployer", "Deployer", "bad/name"],
                groups: { "bad name": { maxMfaAgeSeconds: 30, actions: [] }, ok: { maxMfaAgeSeconds: 900, actions: ["*", "*:Delete*", "s3 DeleteBucket"], extra: 1 } },
                other: true,
            }),
        ).to.deep.equal([
            'sensitiveActions.enabled: must be true or false, got "yes"',
            'sensitiveActions.roles[2]: must be an IAM role name (1-64 of letters, digits, + = , . @ _ -), got "bad/name"',
            'sensitiveActions.roles[1]: "Deployer" is listed twice (IAM role names are case-insensitive)',
            "sensitiveActions.groups.bad name.maxMfaAgeSeconds: must be an integer from 60 to 43200, got 30",
            "sensitiveActions.groups.bad name.actions: must list at least one action, got []",
            'sensitiveActions.groups.ok.actions[0]: must be an action pattern "service:Action" (wildcards * and ? in the action part only), got "*"',
            'sensitiveActions.groups.ok.actions[1]: must be an action pattern "service:Action" (wildcards * and ? in the action part only), got "*:Delete*"',
            'sensitiveActions.groups.ok.actions[2]: must be an action pattern "service:Action" (wildcards * and ? in the action part only), got "s3 DeleteBucket"',
            "sensitiveActions.groups.ok.extra: unknown key (allowed: maxMfaAgeSeconds, actions)",
            "sensitiveActions.groups.bad name: a group name is 1-64 of letters, digits, _ . - (starting with a letter or digit)",
            "sensitiveActions.other: unknown key (allowed: enabled, policyName, roles, groups)",
        ]);
        expect(problems({ enabled: true, groups: {} })).to.deep.equal(["sensitiveActions.groups: must name at least one group (leave the key out for the default set)"]);
        expect(problems({ groups: ["iam:*"] })[0]).to.match(/^sensitiveActions\.groups: must be a map of group names to \{maxMfaAgeSeconds, actions\}/);
    });
});
