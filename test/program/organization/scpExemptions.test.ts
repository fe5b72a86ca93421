/**
 * The SCP's exempt list with the terms of every exemption: the config's two forms, the policy that ends a dated
 * exemption by itself (proven with the independent evaluator at times before and after the end), the deploy's
 * warnings, and an expired one left out of the policy.
 */
import { expect } from "chai";
import { checkOrganizationConfig } from "../../../program/organization/organizationConfig";
import { exemptionEndsAt, mfaServiceControlPolicy, MfaServiceControlPolicyOptions } from "../../../program/organization/mfaServiceControlPolicy";
import { checkAgainstOrganization, scpExemptionStatuses, scpOptions } from "../../../program/organization/organizationStack";
import { SCP_MAX_CHARACTERS, serviceControlPolicySize } from "../../../program/organization/serviceControlPolicySize";
import { sensitiveActionGroups } from "../../../program/sensitiveActions/sensitiveActionsConfig";
import { validConfig } from "../stackFixtures";
import { decideUnderScp, ScpRequest, user } from "./scpOracle";
import { MANAGEMENT, NAMES, ORGANIZATION, SETTINGS } from "./organizationFixtures";

const CONTRACTOR = "arn:aws:iam::*:user/contractor";
const TERMS = { reason: "vendor migration, keys only", approvedBy: "ciso", ticket: "SEC-9", grantedOn: "2026-11-01", expiresOn: "2026-12-06" };

describe("organization.exemptUserArns: the terms of every exemption", () => {
    it("takes plain patterns (as before) and {arn, reason, ...terms} objects, kept as written with the reason trimmed", () => {
        const { settings, problems } = checkOrganizationConfig({ exemptUserArns: ["arn:aws:iam::*:user/breakglass", { arn: CONTRACTOR, ...TERMS, reason: ` ${TERMS.reason} ` }] });
        expect(problems).to.deep.equal([]);
        expect(settings!.exemptUserArns).to.deep.equal(["arn:aws:iam::*:user/breakglass", { arn: CONTRACTOR, ...TERMS }]);
    });

    it("checks an object's terms with the users' exemption rules, naming the broken term", () => {
        expect(
            checkOrganizationConfig({
                exemptUserArns: [
                    { arn: CONTRACTOR },
                    { arn: "arn:aws:iam::*:user/a", reason: "r", grantedOn: "2026-05-01", expiresOn: "2026-04-30" },
                    { arn: "arn:aws:iam::*:user/b", reason: "r", expiresOn: "2026-02-30", until: "x" },
                    { arn: "arn:aws:iam::*:role/c", reason: "r" },
                    7,
                ],
            }).problems,
        ).to.deep.equal([
            `organization.exemptUserArns[0].reason: an exemption of "${CONTRACTOR}" needs a non-empty reason (it is shown to auditors)`,
            'organization.exemptUserArns[1].expiresOn: the exemption of "arn:aws:iam::*:user/a" would end (2026-04-30) before it was granted (2026-05-01)',
            'organization.exemptUserArns[2].expiresOn: must be a date that exists, got "2026-02-30"',
            "organization.exemptUserArns[2].until: unknown key (allowed: arn, reason, approvedBy, ticket, grantedOn, expiresOn)",
            'organization.exemptUserArns[3].arn: must be an IAM user ARN pattern (arn:aws:iam::<account or *>:user/<path and name>), got "arn:aws:iam::*:role/c"',
            "organization.exemptUserArns[4]: must be an IAM user ARN pattern, or an object {arn, reason, approvedBy?, ticket?, grantedOn?, expiresOn?}, got 7",
        ]);
        expect(checkOrganizationConfig({ exemptUserArns: [CONTRACTOR, { arn: CONTRACTOR.toUpperCase().replace("ARN:AWS:IAM", "arn:aws:iam").replace("USER", "user"), reason: "r" }] }).problems).to.deep.equal([
            'organization.exemptUserArns[1].arn: "arn:aws:iam::*:user/CONTRACTOR" is listed twice',
        ]);
    });
});

describe("the SCP ends a dated exemption by itself", () => {
    const options: MfaServiceControlPolicyOptions = {
        allowPasswordChangeWithoutMfa: true,
        exemptUserArns: ["arn:aws:iam::*:user/breakglass", { arn: CONTRACTOR, expiresOn: "2026-12-06" }, { arn: "arn:aws:iam::*:user/contractor*", expiresOn: "2026-12-20" }],
        deployerRoleArns: [],
        enforcedGroupName: "mfa-enforced",
        forceMfaPolicyName: "ForceMFA",
        sensitiveActionGroups: [{ name: "iam", maxMfaAgeSeconds: 300, actions: ["iam:CreateAccessKey"] }],
    };
    const scp = mfaServiceControlPolicy(options);
    const decide = (request: Omit<ScpRequest, "mfa">) => decideUnderScp(scp, { ...request, mfa: "false" });

    it("its end is midnight UTC after the last day", () => {
        expect(exemptionEndsAt("2026-12-06")).to.equal("2026-12-07T00:00:00Z");
        expect(exemptionEndsAt("2026-12-31")).to.equal("2027-01-01T00:00:00Z");
    });

    it("adds, per expiry day, the deny without MFA from that moment, less the patterns still exempt then (not the sensitive-action lists: the size limit)", () => {
        const ended = scp.Statement.filter((s) => s.Sid.endsWith("ExemptionEnded20261206"));
        expect(ended.map((s) => s.Sid)).to.deep.equal(["DenyIamUsersWithoutMfaExemptionEnded20261206"]);
        expect(ended[0].Condition).to.deep.equal({
            BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
            ArnLike: { "aws:PrincipalArn": [CONTRACTOR] },
            ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::*:user/breakglass", "arn:aws:iam::*:user/contractor*"] },
            DateGreaterThanEquals: { "aws:CurrentTime": "2026-12-07T00:00:00Z" },
        });
        expect(scp.Statement[0].Condition.ArnNotLike).to.deep.equal({ "aws:PrincipalArn": ["arn:aws:iam::*:user/breakglass", CONTRACTOR, "arn:aws:iam::*:user/contractor*"] });
    });

    it("independent evaluator: exempt through the last day, denied from the next midnight; a later pattern keeps whom it also matches", async () => {
        const at = (currentTime: string, name: string) => decide({ principal: user(name), action: "s3:GetObject", resource: "arn:aws:s3:::data/x", currentTime });
        expect(await at("2026-12-06T23:59:59Z", "contractor-1")).to.equal("Allowed");
        expect(await at("2026-12-06T23:59:59Z", "contractor")).to.equal("Allowed");
        expect(await at("2026-12-07T00:00:00Z", "contractor")).to.equal("Allowed"); // also matched by contractor*, until 2026-12-20
        expect(await at("2026-12-21T00:00:00Z", "contractor")).to.equal("ExplicitlyDenied");
        expect(await at("2026-12-21T00:00:00Z", "contractor-1")).to.equal("ExplicitlyDenied");
        expect(await at("2030-01-01T00:00:00Z", "breakglass")).to.equal("Allowed");
        expect(await at("2026-12-01T00:00:00Z", "alice")).to.equal("ExplicitlyDenied");
    });

    it("independent evaluator: a lone dated pattern ends on its day for every action without MFA, sensitive ones included; enrollment stays reachable", async () => {
        const alone = mfaServiceControlPolicy({ ...options, exemptUserArns: [{ arn: CONTRACTOR, expiresOn: "2026-12-06" }] });
        const at = (currentTime: string, action: string, resource = "*") => decideUnderScp(alone, { principal: user("contractor"), action, resource, mfa: "false", currentTime });
        expect(await at("2026-12-06T12:00:00Z", "iam:CreateAccessKey", user("contractor"))).to.equal("Allowed");
        expect(await at("2026-12-07T00:00:00Z", "iam:CreateAccessKey", user("contractor"))).to.equal("ExplicitlyDenied");
        expect(await at("2026-12-07T00:00:00Z", "ec2:DescribeInstances")).to.equal("ExplicitlyDenied");
        expect(await at("2026-12-07T00:00:00Z", "iam:EnableMFADevice", user("contractor"))).to.equal("Allowed");
    });

    it("the default sensitive-action set, a tag, deployers and two dated exemptions still fit AWS's limit", () => {
        const defaults = sensitiveActionGroups(validConfig({ detection: { enabled: false }, sensitiveActions: { enabled: true } }).sensitiveActions);
        const size = serviceControlPolicySize({
            ...options,
            exemptionTagKey: "force-mfa-exempt",
            deployerRoleArns: ["arn:aws:iam::*:role/force-mfa-deployer"],
            sensitiveActionGroups: defaults,
        });
        expect(size).to.be.at.most(SCP_MAX_CHARACTERS);
    });
});

describe("the deploy's view of the SCP exemptions", () => {
    const settings = { ...SETTINGS, exemptUserArns: ["arn:aws:iam::*:user/breakglass", { arn: CONTRACTOR, ...TERMS }, { arn: "arn:aws:iam::*:user/auditor", reason: "read-only review", expiresOn: "2026-12-31" }] };

    it("an expired one is left out of the policy; one that ends later carries its date; a plain one is permanent", () => {
        expect(scpOptions(settings, NAMES, "2026-12-07").exemptUserArns).to.deep.equal(["arn:aws:iam::*:user/breakglass", { arn: "arn:aws:iam::*:user/auditor", expiresOn: "2026-12-31" }]);
        expect(scpOptions(settings, NAMES, "2026-12-06").exemptUserArns).to.have.length(3);
        const text = JSON.stringify(mfaServiceControlPolicy(scpOptions(settings, NAMES, "2026-12-07")));
        expect(text).to.not.include("contractor");
    });

    it("warns of the expired one and the permanent one, as for users' exemptions", () => {
        expect(checkAgainstOrganization(settings, NAMES, ORGANIZATION, MANAGEMENT, "2026-12-07").warnings).to.deep.equal([
            "organization.exemptUserArns: arn:aws:iam::*:user/breakglass has no expiresOn: it is permanent — write it as {arn, reason, approvedBy, ticket, grantedOn, expiresOn} so it is reviewed",
            `organization.exemptUserArns: the exemption of ${CONTRACTOR} expired on 2026-12-06: it is left out of the service control policy (a policy deployed with its date has denied it since 2026-12-07T00:00:00Z) — renew it (a new expiresOn) or remove it`,
        ]);
    });

    it("lists each with its terms and status for the exemptions output", () => {
        expect(scpExemptionStatuses(settings, "2026-12-07")).to.deep.equal([
            { arn: "arn:aws:iam::*:user/breakglass", status: "permanent" },
            { arn: CONTRACTOR, ...TERMS, status: "expired" },
            { arn: "arn:aws:iam::*:user/auditor", reason: "read-only review", expiresOn: "2026-12-31", status: "active" },
        ]);
    });
});
