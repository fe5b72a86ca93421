import { expect } from "chai";
import { DEFAULT_SENSITIVE_ACTION_GROUPS, failures, parseAuthorizationDetails, renderCsvReport, renderTerminalSummary, sensitiveActionGroupList } from "../../../account";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { forceMfaPolicyDocument } from "../../../program/enforcement/forceMfaPolicyDocument";
import { sensitiveActionsPolicyDocument } from "../../../program/sensitiveActions/sensitiveActionDenies";
import { NOW } from "../accountFixtures";

const ACCOUNT = "123456789012";
const GROUPS = sensitiveActionGroupList(DEFAULT_SENSITIVE_ACTION_GROUPS);
const PERSON_TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }] };
const SERVICE_TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };

const managed = (name: string, document: unknown) => ({
    PolicyName: name,
    Arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    Path: "/",
    DefaultVersionId: "v1",
    PolicyVersionList: [{ Document: document, VersionId: "v1", IsDefaultVersion: true }],
});
const user = (name: string, groups: string[]) => ({ Path: "/", UserName: name, Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, UserPolicyList: [], GroupList: groups, AttachedManagedPolicies: [] });
const role = (name: string, trust: unknown, attached: string[], inline: { PolicyName: string; PolicyDocument: unknown }[] = []) => ({
    Path: "/",
    RoleName: name,
    Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    AssumeRolePolicyDocument: trust,
    RolePolicyList: inline,
    AttachedManagedPolicies: attached.map((p) => ({ PolicyName: p, PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/${p}` })),
});
const group = (name: string, policy: string) => ({ Path: "/", GroupName: name, Arn: `arn:aws:iam::${ACCOUNT}:group/${name}`, GroupPolicyList: [], AttachedManagedPolicies: [{ PolicyName: policy, PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/${policy}` }] });

/** alice under the program's ForceMFA with the sensitive denies; bob under one without; two roles people assume; one a service assumes. */
function account() {
    return parseAuthorizationDetails({
        Policies: [
            managed("ForceMFA", forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200, sensitiveActionGroups: GROUPS })),
            managed("ForceMFAPlain", forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200 })),
            managed("ForceMFASensitiveActions", sensitiveActionsPolicyDocument(GROUPS)),
        ],
        GroupDetailList: [group("mfa-enforced", "ForceMFA"), group("legacy", "ForceMFAPlain")],
        UserDetailList: [user("alice", ["mfa-enforced"]), user("bob", ["legacy"])],
        RoleDetailList: [
            role("mfa-admin", PERSON_TRUST, ["ForceMFASensitiveActions"]),
            role("ops", PERSON_TRUST, [], [{ PolicyName: "kms", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "kms:*", Resource: "*", Condition: { NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "300" } } }] } }]),
            role("worker", SERVICE_TRUST, []),
        ],
    }, "authorization-details.json");
}

describe("account audit: each principal's sensitive-action coverage", () => {
    it("reports, per user and per role people assume, the groups usable without fresh MFA; statuses unchanged", async () => {
        const report = await buildAuditReport({ authorizationDetails: account() }, { now: NOW });
        const of = (type: string, name: string) => report.principals.find((p) => p.type === type && p.name === name)!;
        expect(of("user", "alice").sensitiveActions).to.deep.equal({ groups: GROUPS.map((g) => g.name), gaps: [] });
        const bob = of("user", "bob");
        expect(bob.status).to.equal("enforced");
        expect(bob.sensitiveActions!.gaps.map((g) => g.group)).to.deep.equal(GROUPS.map((g) => g.name));
        const kms = bob.sensitiveActions!.gaps.find((g) => g.group === "kms-key-destruction")!;
        expect(kms).to.deep.include({ maxMfaAgeSeconds: 300, mfaContext: "MFA 301 s old (limit 300 s)" });
        expect(kms.action).to.match(/^kms:/);
        expect(of("role", "mfa-admin").sensitiveActions!.gaps).to.deep.equal([]);
        // The inline deny covers its keys only: every other group is a gap.
        const ops = of("role", "ops").sensitiveActions!.gaps.map((g) => g.group);
        expect(ops).to.not.include("kms-key-destruction");
        expect(ops).to.include("iam-permissions");
        expect(of("role", "worker").sensitiveActions).to.equal(undefined);
        expect(report.summary.sensitiveActionGaps).to.equal(2);
    });

    it("fails only with --fail-on sensitive-actions, and shows in the summary and the CSV", async () => {
        const report = await buildAuditReport({ authorizationDetails: account() }, { now: NOW });
        expect(failures(report, ["escapes"])).to.deep.equal([]);
        expect(failures(report, ["sensitive-actions"])).to.deep.equal(["sensitive-actions: 2 principal(s) can use a sensitive action without fresh MFA"]);
        expect(renderTerminalSummary(report)).to.match(/Sensitive actions without fresh MFA \(2\):\n {2}user bob: audit-logging \(e\.g\. [^)]+\)/);
        const csv = renderCsvReport(report).split("\r\n");
        const column = csv[0].split(",").indexOf("sensitive_action_gaps");
        expect(column).to.be.greaterThan(0);
        expect(csv.find((l) => l.startsWith("user,alice,"))!.split(",")[column]).to.equal("none");
    });

    it("judges against the groups given (a stack's sensitiveActions.groups)", async () => {
        const report = await buildAuditReport({ authorizationDetails: account() }, { now: NOW, sensitiveActionGroups: { keys: { maxMfaAgeSeconds: 300, actions: ["kms:ScheduleKeyDeletion"] } } });
        expect(report.principals.find((p) => p.name === "ops")!.sensitiveActions).to.deep.equal({ groups: ["keys"], gaps: [] });
    });
});
