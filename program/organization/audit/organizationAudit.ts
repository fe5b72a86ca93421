/**
 * OrganizationAudit: every member account judged on AWS's own distributed engine, from the auditing account (the
 * management account or a delegated administrator).
 *
 * - the read-only audit role in every account of the targets, by a SERVICE_MANAGED CloudFormation StackSet with
 *   automatic deployment: an account created or moved into a target OU tomorrow gets the role without anyone running
 *   anything (member stacks would need each account's own deploy first). A service-managed StackSet never deploys to
 *   the management account: the item function reads the account it runs in with its own role.
 * - a private, encrypted, versioned bucket for the runs (accounts, each account's result, the report);
 * - three functions (list the accounts; audit one; write the report), each with its own role and log group;
 * - a Standard state machine whose Distributed Map runs the item function over the run's account list;
 * - two EventBridge Scheduler schedules (the weekly check, the quarterly report) with a role allowed only to start it.
 *
 * Every name, ARN and document is built from config, account and region, so all of it is known during preview.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { createAuditBucket } from "../../aws/auditBucket";
import { bundleLambda, LAMBDA_HANDLER, LAMBDA_RUNTIME, lambdaArchive } from "../../aws/lambdaBundle";
import { lambdaTrustDocument } from "../../aws/lambdaRole";
import { resourceTracker } from "../../resourceTracker";
import { AuditNames, auditNames, functionArn, roleArn } from "./auditNames";
import {
    accountFunctionPolicyDocument,
    AuditScope,
    listFunctionPolicyDocument,
    reportFunctionPolicyDocument,
    schedulerPolicyDocument,
    serviceTrustDocument,
    stateMachinePolicyDocument,
} from "./auditPolicies";
import { auditRoleTemplate } from "./auditRoleTemplate";
import { auditStateMachineDefinition } from "./auditStateMachine";
import { RunPurpose } from "./handler/auditRun";
import { AUDIT_SETTINGS_VARIABLE, AuditJobSettings, encodeAuditSettings } from "./handler/auditSettings";
import { OrganizationAuditSettings, WHOLE_ORGANIZATION } from "./organizationAuditConfig";

const HANDLERS = path.join(__dirname, "handler");

/** Each function: its entry, what it is for, its limits. The item reads and judges a whole account (thousands of principals). */
export const AUDIT_FUNCTIONS = {
    list: { entry: path.join(HANDLERS, "listAccountsHandler.ts"), description: "lists the accounts to audit", timeout: 300, memorySize: 512 },
    account: { entry: path.join(HANDLERS, "accountHandler.ts"), description: "audits one member account (assumes its audit role, reads, judges)", timeout: 900, memorySize: 2048 },
    report: { entry: path.join(HANDLERS, "reportHandler.ts"), description: "writes the organization report (and imports its findings into Security Hub)", timeout: 900, memorySize: 3008 },
} as const;

export type AuditFunctionKind = keyof typeof AUDIT_FUNCTIONS;

/** Old versions of run files (a run written again by hand) are kept this long. */
const NONCURRENT_DAYS = 365;

/** The schedules: the runbook's weekly check, the auditor's quarterly report. */
export const AUDIT_SCHEDULES: readonly { readonly purpose: RunPurpose; readonly key: "weeklyCheck" | "quarterlyReport" }[] = [
    { purpose: "weekly-check", key: "weeklyCheck" },
    { purpose: "quarterly-report", key: "quarterlyReport" },
];

export interface OrganizationAuditArgs {
    readonly accountId: string;
    readonly region: string;
    readonly settings: OrganizationAuditSettings;
    /** The organization's root id (`r-...`): the StackSet's target for the whole organization. */
    readonly rootId: string;
    /** The stack runs in a delegated administrator: the StackSet is called as one. */
    readonly delegatedAdministrator: boolean;
    readonly tags?: Record<string, string>;
}

/** What the functions are told (one environment variable). */
export function auditJobSettings(args: Pick<OrganizationAuditArgs, "accountId" | "region" | "settings">): AuditJobSettings {
    const names = auditNames(args.settings.name, args.accountId, args.region);
    return { bucketName: names.bucket, auditAccountId: args.accountId, roleName: args.settings.roleName, targets: args.settings.targets, securityHub: args.settings.securityHub };
}

/** The StackSet's deployment targets: the root's id for the whole organization, else the OUs. */
export function stackSetTargets(settings: OrganizationAuditSettings, rootId: string): string[] {
    return settings.targets.map((target) => (target === WHOLE_ORGANIZATION ? rootId : target));
}

/** The command that starts a run by hand (also in docs/organization-audit.md). */
export function startCommand(stateMachineArn: string): string {
    return `aws stepfunctions start-execution --state-machine-arn ${stateMachineArn} --input '{"purpose":"on-demand"}'`;
}

export class OrganizationAudit extends pulumi.ComponentResource {
    readonly names: AuditNames;
    readonly bucket: aws.s3.Bucket;
    readonly functions: Record<AuditFunctionKind, aws.lambda.Function>;
    readonly roles: Record<AuditFunctionKind, aws.iam.Role>;
    readonly stateMachine: aws.sfn.StateMachine;
    readonly stackSet: aws.cloudformation.StackSet;
    readonly stackSetInstance: aws.cloudformation.StackSetInstance;
    readonly schedules: aws.scheduler.Schedule[];
    /** The bundle of each function. */
    readonly code: Record<AuditFunctionKind, string>;
    /** The state machine's definition (ASL). */
    readonly definition: ReturnType<typeof auditStateMachineDefinition>;
    /** The StackSet's template. */
    readonly template: ReturnType<typeof auditRoleTemplate>;
    /** Every resource this component registered, for tests. */
    readonly resources: pulumi.Resource[] = [];

    constructor(name: string, args: OrganizationAuditArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:organization:OrganizationAudit", name, {}, opts);
        const parent = { parent: this };
        const track = resourceTracker(this.resources);
        const { accountId, region, settings, tags } = args;
        const names = auditNames(settings.name, accountId, region);
        this.names = names;
        const scope: AuditScope = { accountId, region, names };

        this.bucket = createAuditBucket(`${name}-bucket`, { bucketName: names.bucket, serviceStatements: [], noncurrentVersionExpirationDays: NONCURRENT_DAYS, tags }, this).bucket;

        const environment = { variables: { [AUDIT_SETTINGS_VARIABLE]: encodeAuditSettings(auditJobSettings(args)) } };
        const policies: Record<AuditFunctionKind, object> = {
            list: listFunctionPolicyDocument(scope),
            account: accountFunctionPolicyDocument({ ...scope, auditRoleName: settings.roleName }),
            report: reportFunctionPolicyDocument({ ...scope, securityHub: settings.securityHub }),
        };
        const functionNames: Record<AuditFunctionKind, string> = { list: names.listFunction, account: names.accountFunction, report: names.reportFunction };
        const functions: Partial<Record<AuditFunctionKind, aws.lambda.Function>> = {};
        const roles: Partial<Record<AuditFunctionKind, aws.iam.Role>> = {};
        const code: Partial<Record<AuditFunctionKind, string>> = {};
        for (const kind of Object.keys(AUDIT_FUNCTIONS) as AuditFunctionKind[]) {
            const spec = AUDIT_FUNCTIONS[kind];
            const functionName = functionNames[kind];
            code[kind] = bundleLambda(spec.entry);
            const logGroup = track(new aws.cloudwatch.LogGroup(`${name}-${kind}-logs`, { name: `/aws/lambda/${functionName}`, retentionInDays: settings.logRetentionDays, tags }, parent));
            const role = track(new aws.iam.Role(`${name}-${kind}-role`, { name: functionName, assumeRolePolicy: JSON.stringify(lambdaTrustDocument()), tags }, parent));
            const policy = track(new aws.iam.RolePolicy(`${name}-${kind}-policy`, { role: role.name, name: "OrganizationAudit", policy: JSON.stringify(policies[kind]) }, parent));
            roles[kind] = role;
            functions[kind] = track(
                new aws.lambda.Function(
                    `${name}-${kind}-function`,
                    {
                        name: functionName,
                        description: `force-mfa organization audit: ${spec.description}`,
                        runtime: LAMBDA_RUNTIME,
                        handler: LAMBDA_HANDLER,
                        // The evaluator reads the pack's compiled action catalog next to its code.
                        code: lambdaArchive(code[kind]!),
                        role: role.arn,
                        timeout: spec.timeout,
                        memorySize: spec.memorySize,
                        environment,
                        tags,
                    },
                    { parent: this, dependsOn: [logGroup, policy] },
                ),
            );
        }
        this.functions = functions as Record<AuditFunctionKind, aws.lambda.Function>;
        this.roles = roles as Record<AuditFunctionKind, aws.iam.Role>;
        this.code = code as Record<AuditFunctionKind, string>;

        this.definition = auditStateMachineDefinition({
            listFunctionArn: functionArn(accountId, region, names.listFunction),
            accountFunctionArn: functionArn(accountId, region, names.accountFunction),
            reportFunctionArn: functionArn(accountId, region, names.reportFunction),
            bucketName: names.bucket,
            maxConcurrency: settings.maxConcurrency,
            toleratedFailurePercentage: settings.toleratedFailurePercentage,
        });
        const machineRole = track(new aws.iam.Role(`${name}-state-machine-role`, { name: `${names.stateMachine}-states`, assumeRolePolicy: JSON.stringify(serviceTrustDocument("states.amazonaws.com", accountId)), tags }, parent));
        const machinePolicy = track(
            new aws.iam.RolePolicy(`${name}-state-machine-policy`, { role: machineRole.name, name: "OrganizationAudit", policy: JSON.stringify(stateMachinePolicyDocument(scope)) }, parent),
        );
        this.stateMachine = track(
            new aws.sfn.StateMachine(
                `${name}-state-machine`,
                { name: names.stateMachine, type: "STANDARD", roleArn: machineRole.arn, definition: JSON.stringify(this.definition), tags },
                { parent: this, dependsOn: [machinePolicy, ...Object.values(this.functions)] },
            ),
        );

        const schedulerRole = track(
            new aws.iam.Role(`${name}-scheduler-role`, { name: names.schedulerRole, assumeRolePolicy: JSON.stringify(serviceTrustDocument("scheduler.amazonaws.com", accountId)), tags }, parent),
        );
        const schedulerPolicy = track(
            new aws.iam.RolePolicy(`${name}-scheduler-policy`, { role: schedulerRole.name, name: "StartTheAudit", policy: JSON.stringify(schedulerPolicyDocument(scope)) }, parent),
        );
        this.schedules = AUDIT_SCHEDULES.map(({ purpose, key }) =>
            track(
                new aws.scheduler.Schedule(
                    `${name}-${purpose}`,
                    {
                        name: `${names.stateMachine}-${purpose}`,
                        description: `force-mfa organization audit: the ${purpose.replace("-", " ")}`,
                        scheduleExpression: settings.schedules[key],
                        scheduleExpressionTimezone: settings.schedules.timezone,
                        flexibleTimeWindow: { mode: "OFF" },
                        target: {
                            arn: this.stateMachine.arn,
                            roleArn: schedulerRole.arn,
                            input: JSON.stringify({ purpose }),
                            retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 3600 },
                        },
                    },
                    { parent: this, dependsOn: [schedulerPolicy] },
                ),
            ),
        );

        this.template = auditRoleTemplate({ roleName: settings.roleName, auditAccountId: accountId, jobRoleArn: roleArn(accountId, names.accountFunction) });
        const callAs = args.delegatedAdministrator ? "DELEGATED_ADMIN" : "SELF";
        this.stackSet = track(
            new aws.cloudformation.StackSet(
                `${name}-stack-set`,
                {
                    name: names.stackSet,
                    description: "force-mfa organization audit: the read-only audit role in every member account",
                    permissionModel: "SERVICE_MANAGED",
                    // New accounts of the targets get the role; an account leaving them loses it.
                    autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
                    capabilities: ["CAPABILITY_NAMED_IAM"],
                    managedExecution: { active: true },
                    callAs,
                    templateBody: JSON.stringify(this.template),
                    tags,
                },
                // AWS fills in the service-managed administration role: not a change of ours.
                { parent: this, ignoreChanges: ["administrationRoleArn"] },
            ),
        );
        // IAM is global: one region's instance per account is the role.
        this.stackSetInstance = track(
            new aws.cloudformation.StackSetInstance(
                `${name}-stack-set-instances`,
                {
                    stackSetName: this.stackSet.name,
                    deploymentTargets: { organizationalUnitIds: stackSetTargets(settings, args.rootId) },
                    stackSetInstanceRegion: region,
                    callAs,
                    // One account that cannot take the role (a role of that name exists) does not stop the others.
                    operationPreferences: { maxConcurrentPercentage: 100, failureTolerancePercentage: 100, concurrencyMode: "SOFT_FAILURE_TOLERANCE" },
                },
                { parent: this },
            ),
        );
        this.registerOutputs({ stateMachineArn: this.stateMachine.arn, bucket: this.bucket.bucket, stackSet: this.stackSet.name });
    }
}
