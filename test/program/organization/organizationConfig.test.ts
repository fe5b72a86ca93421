/**
 * The organization section of the stack config: defaults, every rule, one line per problem naming the key.
 */
import { expect } from "chai";
import { checkOrganizationConfig, DEFAULT_SCP_NAME } from "../../../program/organization/organizationConfig";
import { organizationAuditSection } from "../../../program/organization/audit/organizationAuditConfig";

const problemsOf = (raw: unknown) => checkOrganizationConfig(raw).problems;

describe("organization config", () => {
    it("defaults: the SCP attached to the root, no exemptions, no deployer roles, root access and Config rules left alone", () => {
        expect(checkOrganizationConfig({})).to.deep.equal({
            settings: {
                serviceControlPolicyName: DEFAULT_SCP_NAME,
                attachTo: ["root"],
                exemptUserArns: [],
                deployerRoleArns: [],
                centralRootAccess: { credentialsManagement: false, sessions: false },
                configRules: { enabled: false, maximumExecutionFrequency: "TwentyFour_Hours", excludedAccountIds: [] },
                audit: organizationAuditSection.parse({}),
            },
            problems: [],
        });
    });

    it("accepts a full section: OUs and accounts, a tag with deployer roles, ARN patterns with wildcards", () => {
        const raw = {
            serviceControlPolicyName: "mfa or nothing",
            attachTo: ["ou-ab12-cdefgh12", "111122223333"],
            exemptionTagKey: "force-mfa-exempt",
            exemptUserArns: ["arn:aws:iam::111122223333:user/breakglass", "arn:aws:iam::*:user/ops/breakglass-*"],
            deployerRoleArns: ["arn:aws:iam::*:role/force-mfa-deployer"],
            centralRootAccess: { credentialsManagement: true, sessions: true },
            configRules: { enabled: true, maximumExecutionFrequency: "Six_Hours", excludedAccountIds: ["444455556666"] },
        };
        expect(checkOrganizationConfig(raw)).to.deep.equal({ settings: { ...raw, audit: organizationAuditSection.parse({}) }, problems: [] });
    });

    it("targets: root alone, or OU and account ids, at least one", () => {
        expect(problemsOf({ attachTo: ["root", "ou-ab12-cdefgh12"] })).to.deep.equal([
            'organization.attachTo: "root" covers every OU and account: list it alone, got ["root","ou-ab12-cdefgh12"]',
        ]);
        expect(problemsOf({ attachTo: ["r-ab12", "12345"] })).to.deep.equal([
            'organization.attachTo[0]: must be "root", an OU id (ou-...) or a 12-digit account id, got "r-ab12"',
            'organization.attachTo[1]: must be "root", an OU id (ou-...) or a 12-digit account id, got "12345"',
        ]);
        expect(problemsOf({ attachTo: [] })).to.deep.equal(['organization.attachTo: must name at least one target ("root" for the whole organization), got []']);
        expect(problemsOf({ attachTo: ["111122223333", "111122223333"] })).to.deep.equal(['organization.attachTo[1]: "111122223333" is listed twice']);
    });

    it("an exemption tag needs deployer roles: nobody else may set it", () => {
        expect(problemsOf({ exemptionTagKey: "force-mfa-exempt" })).to.deep.equal([
            "organization.exemptionTagKey: needs organization.deployerRoleArns: the tag is denied to everyone but the deployer roles, so without one nobody in a member account could set it",
        ]);
        expect(problemsOf({ exemptionTagKey: "aws:exempt", deployerRoleArns: ["arn:aws:iam::*:role/d"] })).to.deep.equal([
            'organization.exemptionTagKey: must be an IAM tag key (1-128 of letters, digits, spaces, _ . : / = + - @; not aws:...), got "aws:exempt"',
        ]);
    });

    it("ARN lists: users for exemptions (never every user), roles for deployers, each once", () => {
        expect(problemsOf({ exemptUserArns: ["arn:aws:iam::*:user/*", "arn:aws:iam::*:role/x"], deployerRoleArns: ["arn:aws:iam::*:user/x", "arn:aws:iam::*:role/D", "arn:aws:iam::*:role/d"] })).to.deep.equal([
            'organization.exemptUserArns[0]: would exempt every IAM user, got "arn:aws:iam::*:user/*"',
            'organization.exemptUserArns[1]: must be an IAM user ARN pattern (arn:aws:iam::<account or *>:user/<path and name>), got "arn:aws:iam::*:role/x"',
            'organization.deployerRoleArns[0]: must be an IAM role ARN pattern (arn:aws:iam::<account or *>:role/<path and name>), got "arn:aws:iam::*:user/x"',
            'organization.deployerRoleArns[2]: "arn:aws:iam::*:role/d" is listed twice',
        ]);
        expect(problemsOf({ deployerRoleArns: ["arn:aws:iam::*:role/D", "arn:aws:iam::*:role/d"] })).to.deep.equal(['organization.deployerRoleArns[1]: "arn:aws:iam::*:role/d" is listed twice']);
    });

    it("switches and sub-sections: types, values and unknown keys, all reported together", () => {
        expect(problemsOf({ centralRootAccess: { sessions: "yes" }, configRules: { enabled: true, maximumExecutionFrequency: "Daily", excludedAccountIds: ["x"], extra: 1 }, policyName: "x" })).to.deep.equal([
            'organization.centralRootAccess.sessions: must be true or false, got "yes"',
            'organization.configRules.maximumExecutionFrequency: must be one of One_Hour, Three_Hours, Six_Hours, Twelve_Hours, TwentyFour_Hours, got "Daily"',
            'organization.configRules.excludedAccountIds[0]: must be a 12-digit account id, got "x"',
            "organization.configRules.extra: unknown key (allowed: enabled, maximumExecutionFrequency, excludedAccountIds)",
            "organization.policyName: unknown key (allowed: serviceControlPolicyName, attachTo, exemptionTagKey, exemptUserArns, deployerRoleArns, centralRootAccess, configRules, audit)",
        ]);
        expect(problemsOf([])).to.have.length(1);
    });
});
