/**
 * The provisioning program under Pulumi mocks: every property of enforcement and the state backend on the registered resources, the config
 * rules, exemptions, the membership choice and the Terraform backend block.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { lookUpAccount, UnsupportedPartitionError } from "../../program/accountFacts";
import { deployForceMfa } from "../../program/forceMfaStack";
import { ConfigError, loadForceMfaConfig, parseForceMfaConfig } from "../../program/stackConfig";
import { ACCOUNT, captureWarnings, installMocks, MockRegistry, parseJson, promiseOf, REGION, settle, settleRegistry } from "./pulumiMocks";
import { accountWith } from "./stackFixtures";

const EXISTING = [
    { name: "carol", path: "/" },
    { name: "dave", path: "/eng/" },
    { name: "breakglass", path: "/" },
];

/** Detection and the state delete guard off, so these tests see exactly the enforcement and state backend resources. */
const ENFORCEMENT_AND_STATE_ONLY = { detection: { enabled: false }, stateDeleteGuard: false };

interface Run {
    registry: MockRegistry;
    protectedNames: Set<string>;
    outputs: ReturnType<typeof deployForceMfa>;
}

async function run(raw: Record<string, unknown>, options: { preview?: boolean; existingUsers?: typeof EXISTING } = {}): Promise<Run> {
    const registry = installMocks({ existingUsers: options.existingUsers ?? EXISTING, preview: options.preview });
    const protectedNames = new Set<string>();
    const monitor = pulumi.runtime.getMonitor() as any;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: any) => {
        if (req.getProtect()) {
            protectedNames.add(req.getName());
        }
        return register(req, callback);
    };
    const config = parseForceMfaConfig({ ...ENFORCEMENT_AND_STATE_ONLY, ...raw });
    const outputs = deployForceMfa(config, await lookUpAccount());
    const { enforcement, state } = outputs._components;
    await settle([enforcement, state, ...(enforcement.membership ? [enforcement.membership] : []), enforcement.policy, state.bucket, ...(state.lockTable ? [state.lockTable] : [])]);
    await promiseOf(pulumi.output(outputs.stateBucket));
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { registry, protectedNames, outputs };
}

describe("force-mfa program, under mocks", () => {
    describe("enforcement", () => {
        let r: Run;
        before(async () => {
            r = await run({
                users: [{ name: "alice", path: "/eng/", tags: { team: "platform" } }, { name: "bob" }],
                exemptions: [{ name: "breakglass", reason: "emergency access, hardware MFA in the safe" }],
                tags: { owner: "security" },
            });
        });

        it("creates the ForceMFA managed policy with the document's JSON", () => {
            const policy = r.registry.one("aws:iam/policy:Policy");
            expect(policy.inputs.name).to.equal("ForceMFA");
            const document = parseJson(policy.inputs.policy);
            expect(document.Statement.map((s: any) => s.Sid)).to.include("DenyAllExceptEnrollmentWithoutMfa");
            expect(policy.inputs.policy).to.include("${aws:username}");
        });

        it("attaches it to the enforced group", () => {
            const group = r.registry.one("aws:iam/group:Group");
            expect(group.inputs.name).to.equal("mfa-enforced");
            const attachment = r.registry.one("aws:iam/groupPolicyAttachment:GroupPolicyAttachment");
            expect(attachment.inputs.group).to.equal("mfa-enforced");
            expect(attachment.inputs.policyArn).to.be.a("string").and.not.equal("");
            expect(attachment.dependencies.some((urn) => urn.endsWith("aws:iam/policy:Policy::force-mfa-policy"))).to.equal(true);
        });

        it("creates the declared users with path and tags", () => {
            const users = r.registry.ofType("aws:iam/user:User").sort((a, b) => a.inputs.name.localeCompare(b.inputs.name));
            expect(users.map((u) => [u.inputs.name, u.inputs.path])).to.deep.equal([
                ["alice", "/eng/"],
                ["bob", "/"],
            ]);
            expect(users[0].inputs.tags).to.deep.equal({ owner: "security", team: "platform" });
        });

        it("puts every user of the account in the group — existing and declared, minus the exempt — exclusively", async () => {
            expect(r.registry.ofType("aws:iam/userGroupMembership:UserGroupMembership")).to.deep.equal([]);
            const membership = r.registry.one("aws:iam/groupMembership:GroupMembership");
            expect(membership.inputs.group).to.equal("mfa-enforced");
            expect(membership.inputs.users).to.deep.equal(["alice", "bob", "carol", "dave"]);
            expect(r.outputs.enrolledUsers).to.deep.equal(["alice", "bob", "carol", "dave"]);
        });

        it("lists the exemptions with their reasons in an output", () => {
            expect(r.outputs.exemptions).to.deep.equal([{ name: "breakglass", reason: "emergency access, hardware MFA in the safe", status: "permanent" }]);
        });

        it("outputs the policy ARN, the group, the state bucket, the lock table and the region", async () => {
            expect(await promiseOf(pulumi.output(r.outputs.policyArn))).to.equal(`arn:aws:iam::${ACCOUNT}:policy/ForceMFA`);
            expect(await promiseOf(pulumi.output(r.outputs.groupName))).to.equal("mfa-enforced");
            expect(await promiseOf(pulumi.output(r.outputs.stateBucket))).to.equal(`force-mfa-tfstate-${ACCOUNT}-${REGION}`);
            expect(await promiseOf(pulumi.output(r.outputs.lockTable))).to.equal("terraform-lock");
            expect(r.outputs.region).to.equal(REGION);
        });
    });

    describe("state backend", () => {
        let r: Run;
        before(async () => {
            r = await run({ stateBucketName: "acme-tfstate", noncurrentVersionExpirationDays: 30 });
        });

        it("a versioned bucket with SSE-S3 and bucket keys, all public-access blocks, BucketOwnerEnforced", () => {
            expect(r.registry.one("aws:s3/bucket:Bucket").inputs.bucket).to.equal("acme-tfstate");
            expect(r.registry.one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
            expect(r.registry.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules).to.deep.equal([
                { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true },
            ]);
            const block = r.registry.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
            expect([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets]).to.deep.equal([true, true, true, true]);
            expect(r.registry.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
        });

        it("expires noncurrent versions after the configured days", () => {
            const [rule] = r.registry.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules;
            expect(rule.status).to.equal("Enabled");
            expect(rule.noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 30 });
        });

        it("a bucket policy denying non-TLS requests and uploads encrypted otherwise than the bucket default", () => {
            const document = parseJson(r.registry.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
            const sids = document.Statement.map((s: any) => s.Sid);
            expect(sids).to.deep.equal(["DenyInsecureTransport", "DenyUploadsNotUsingTheBucketEncryption"]);
            expect(document.Statement[0].Condition).to.deep.equal({ Bool: { "aws:SecureTransport": "false" } });
            expect(document.Statement[1].Condition).to.deep.equal({
                StringNotEquals: { "s3:x-amz-server-side-encryption": "AES256" },
                Null: { "s3:x-amz-server-side-encryption": "false" },
            });
        });

        it("the upload rule, proven with iam-simulate: no header or AES256 pass (default encryption applies), another algorithm is denied", async () => {
            const policy = parseJson(r.registry.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
            const put = async (header?: string) => {
                const response = await runSimulation(
                    {
                        request: {
                            principal: `arn:aws:iam::${ACCOUNT}:user/terraform`,
                            action: "s3:PutObject",
                            resource: { resource: "arn:aws:s3:::acme-tfstate/terraform.tfstate", accountId: ACCOUNT },
                            contextVariables: { "aws:SecureTransport": "true", ...(header ? { "s3:x-amz-server-side-encryption": header } : {}) },
                        },
                        identityPolicies: [{ name: "all", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }],
                        serviceControlPolicies: [],
                        resourceControlPolicies: [],
                        resourcePolicy: policy,
                    },
                    {},
                );
                return response.resultType === "error" ? `error ${JSON.stringify(response.errors)}` : response.overallResult;
            };
            expect(await put()).to.equal("Allowed");
            expect(await put("AES256")).to.equal("Allowed");
            expect(await put("aws:kms")).to.equal("ExplicitlyDenied");
        });

        it("a DynamoDB lock table: LockID (S), on-demand, PITR, SSE, deletion protection", () => {
            const table = r.registry.one("aws:dynamodb/table:Table").inputs;
            expect(table.name).to.equal("terraform-lock");
            expect(table.hashKey).to.equal("LockID");
            expect(table.attributes).to.deep.equal([{ name: "LockID", type: "S" }]);
            expect(table.billingMode).to.equal("PAY_PER_REQUEST");
            expect(table.pointInTimeRecovery).to.deep.equal({ enabled: true });
            expect(table.serverSideEncryption).to.deep.equal({ enabled: true });
            expect(table.deletionProtectionEnabled).to.equal(true);
        });

        it("protects the bucket and the table", () => {
            expect([...r.protectedNames].sort()).to.deep.equal(["terraform-state-bucket", "terraform-state-lock-table"]);
        });

        it("outputs a ready-to-paste backend block with the DynamoDB lock", () => {
            expect(r.outputs.terraformBackend).to.equal(
                'terraform {\n  backend "s3" {\n    bucket         = "acme-tfstate"\n    key            = "terraform.tfstate"\n' +
                    `    region         = "${REGION}"\n    encrypt        = true\n    dynamodb_table = "terraform-lock"\n  }\n}\n`,
            );
        });
    });

    it("with lockMode s3 and a KMS key: use_lockfile, SSE-KMS, no lock table", async () => {
        const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        const r = await run({ stateBucketName: "acme-tfstate", lockMode: "s3", stateKmsKeyArn: key });
        expect(r.outputs.terraformBackend).to.include("use_lockfile = true").and.include(`kms_key_id   = "${key}"`).and.not.include("dynamodb_table");
        expect(r.registry.ofType("aws:dynamodb/table:Table")).to.deep.equal([]);
        expect(r.registry.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules[0]).to.deep.equal({
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key },
            bucketKeyEnabled: true,
        });
        const document = parseJson(r.registry.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
        expect(document.Statement.map((s: any) => s.Sid)).to.include("DenyUploadsWithAnotherKmsKey");
    });

    it("by default expires noncurrent state versions after 90 days", async () => {
        const r = await run({});
        const [rule] = r.registry.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules;
        expect(rule.noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 90 });
    });

    it("with a KMS key and the DynamoDB lock: the lock table is encrypted with the same key", async () => {
        const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        const r = await run({ stateKmsKeyArn: key });
        expect(r.registry.one("aws:dynamodb/table:Table").inputs.serverSideEncryption).to.deep.equal({ enabled: true, kmsKeyArn: key });
        expect(r.outputs.terraformBackend).to.include(`kms_key_id     = "${key}"`).and.include('dynamodb_table = "terraform-lock"');
    });

    it("an account with no IAM user to enrol: the group and its policy, no membership (the provider needs a member)", async () => {
        const r = await run({ exemptions: [{ name: "breakglass", reason: "emergency access" }] }, { existingUsers: [{ name: "breakglass", path: "/" }] });
        expect(r.registry.one("aws:iam/group:Group").inputs.name).to.equal("mfa-enforced");
        expect(r.registry.one("aws:iam/groupPolicyAttachment:GroupPolicyAttachment").inputs.group).to.equal("mfa-enforced");
        expect(r.registry.ofType("aws:iam/groupMembership:GroupMembership")).to.deep.equal([]);
        expect(r.outputs.enrolledUsers).to.deep.equal([]);
    });

    it("IAM user names are case-insensitive: an exemption of \"BreakGlass\" exempts the account's breakglass", async () => {
        const r = await run({ users: [{ name: "alice" }], exemptions: [{ name: "BreakGlass", reason: "emergency access" }] });
        expect(r.registry.one("aws:iam/groupMembership:GroupMembership").inputs.users).to.deep.equal(["alice", "carol", "dave"]);
        expect(() => parseForceMfaConfig({ ...ENFORCEMENT_AND_STATE_ONLY, exemptions: [{ name: "bob", reason: "a" }, { name: "BOB", reason: "b" }] })).to.throw(
            ConfigError,
            /exemptions\[1\]\.name: "BOB" is exempted twice/,
        );
    });

    it("refuses an account outside the aws partition before registering anything (its ARNs would match nothing)", async () => {
        const registry = installMocks({ existingUsers: EXISTING });
        const account = await lookUpAccount();
        expect(account.partition).to.equal("aws");
        const config = parseForceMfaConfig({ ...ENFORCEMENT_AND_STATE_ONLY });
        expect(() => deployForceMfa(config, { ...account, partition: "aws-cn" })).to.throw(UnsupportedPartitionError, /"aws-cn" partition; force-mfa builds its policies for the commercial "aws" partition only/);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(registry.ofType("aws:iam/policy:Policy")).to.deep.equal([]);
    });

    it("derives a bucket name from account and region when none is configured", async () => {
        const r = await run({});
        expect(r.registry.one("aws:s3/bucket:Bucket").inputs.bucket).to.equal(`force-mfa-tfstate-${ACCOUNT}-${REGION}`);
    });

    describe("bad config stops the program with one message naming the key and the rule, before any resource", () => {
        const cases: [string, Record<string, string>, RegExp][] = [
            ["an unknown key", { "force-mfa:enforcedGroup": "x" }, /force-mfa:enforcedGroup: unknown key \(known keys: enforcedGroupName,/],
            ["a wrong type", { "force-mfa:allowPasswordChangeWithoutMfa": '"yes"' }, /allowPasswordChangeWithoutMfa: must be true or false, got "yes"/],
            ["a number that is not one", { "force-mfa:maxMfaAgeSeconds": "soon" }, /force-mfa:maxMfaAgeSeconds: must be a number, got "soon"/],
            ["an exemption without a reason", { "force-mfa:exemptions": '[{"name":"bob"}]' }, /exemptions\[0\]\.reason: an exemption of "bob" needs a non-empty reason/],
            ["an exemption with an empty reason", { "force-mfa:exemptions": '[{"name":"bob","reason":"  "}]' }, /exemptions\[0\]\.reason/],
            ["a KMS key of another partition", { "force-mfa:stateKmsKeyArn": "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }, /stateKmsKeyArn: must be a KMS key ARN \(arn:aws:kms:/],
            ["an invalid bucket name", { "force-mfa:stateBucketName": "My_Bucket" }, /stateBucketName: an S3 bucket name may contain only lower-case letters, digits, dots and hyphens, got "My_Bucket"/],
            ["a bucket name shaped like an IP", { "force-mfa:stateBucketName": "10.0.0.1" }, /must not be formatted as an IP address/],
            ["maxMfaAgeSeconds out of range", { "force-mfa:maxMfaAgeSeconds": "600" }, /maxMfaAgeSeconds: must be an integer from 900 to 129600, got 600/],
            ["an unknown lock mode", { "force-mfa:lockMode": "etcd" }, /lockMode: must be "dynamodb" or "s3", got "etcd"/],
            ["a user with a bad path", { "force-mfa:users": '[{"name":"a","path":"eng"}]' }, /users\[0\]\.path: must start and end with "\/"/],
        ];
        for (const [what, all, message] of cases) {
            it(what, () => {
                const registry = installMocks({ existingUsers: EXISTING });
                let error: unknown;
                try {
                    const config = loadForceMfaConfig({ "aws:region": REGION, "force-mfa:detection": '{"enabled":false}', ...all });
                    deployForceMfa(config, { accountId: ACCOUNT, region: REGION, existingUsers: [] });
                } catch (err) {
                    error = err;
                }
                expect(error).to.be.instanceOf(ConfigError);
                expect((error as Error).message).to.match(message);
                expect((error as Error).message.split("\n")).to.have.length(1);
                expect(registry.resources).to.deep.equal([]);
            });
        }

        it("an admin role trusting a user the account does not have, before any resource", async () => {
            const registry = installMocks({ existingUsers: EXISTING });
            const config = parseForceMfaConfig({ ...ENFORCEMENT_AND_STATE_ONLY, adminRole: { enabled: true, trustedUsers: ["zed"] } });
            expect(() => deployForceMfa(config, { accountId: ACCOUNT, region: REGION, existingUsers: [] })).to.throw(ConfigError, /adminRole\.trustedUsers: "zed"/);
            expect(registry.resources).to.deep.equal([]);
        });

        it("several problems are listed together, one per line", () => {
            expect(() => loadForceMfaConfig({ "force-mfa:detection": '{"enabled":false}', "force-mfa:maxMfaAgeSeconds": "1", "force-mfa:lockMode": "x" })).to.throw(
                ConfigError,
                /2 problems/,
            );
        });
    });
});

describe("force-mfa program: composing the capabilities", () => {
    const ALWAYS = ["policyArn", "groupName", "enrolledUsers", "exemptions", "allowedWithoutMfa", "stateBucket", "terraformBackend", "region", "nextSteps", "_components"];
    const SWITCHED = ["lockTable", "alarmTopicArn", "consoleSignInAlarmName", "configRuleNames", "adminRoleArn", "adminRoleAssumeCommand", "adminRoleCliProfile", "enrollmentWindowFunction", "auditBucket"];
    const ACCOUNT_FACTS = accountWith(EXISTING);

    it("every capability on: every output name, the next steps of each in order", async () => {
        const registry = installMocks({ existingUsers: EXISTING });
        const config = parseForceMfaConfig({
            detection: { cloudTrailLogGroupName: "org-trail", alarmEmails: ["sec@acme.example"] },
            adminRole: { enabled: true, trustedUsers: ["carol"] },
            compliance: { enabled: true },
        });
        const outputs = deployForceMfa(config, ACCOUNT_FACTS);
        await settleRegistry(registry);
        expect(Object.keys(outputs)).to.have.members([...ALWAYS, ...SWITCHED]);
        expect(outputs.nextSteps.map((step) => step.split(/[ :]/)[0])).to.deep.equal(["Every", "CLI", "Paste", "Enforce", "Enrollment", "To"]);
    });

    it("every capability off: their outputs are left out, not exported as undefined (the engine warns of each one)", async () => {
        const registry = installMocks({ existingUsers: EXISTING });
        const outputs = deployForceMfa(parseForceMfaConfig({ ...ENFORCEMENT_AND_STATE_ONLY, lockMode: "s3" }), ACCOUNT_FACTS);
        await settleRegistry(registry);
        expect(Object.keys(outputs)).to.have.members(ALWAYS);
        expect(Object.entries(outputs).filter(([, value]) => value === undefined)).to.deep.equal([]);
    });

    it("the problems of every capability stop the program together, after their warnings are logged, before any resource", async () => {
        const registry = installMocks({ existingUsers: EXISTING });
        const warnings = captureWarnings();
        try {
            const config = parseForceMfaConfig({
                exemptions: [{ name: "ghost", reason: "leaves next month" }],
                detection: { cloudTrailLogGroupName: "org-trail", kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555` },
                adminRole: { enabled: true, trustedUsers: ["zed"] },
                compliance: { enabled: true, suspendedGroupName: "mfa-enforced" },
            });
            let error: unknown;
            try {
                deployForceMfa(config, ACCOUNT_FACTS);
            } catch (err) {
                error = err;
            }
            expect(error).to.be.instanceOf(ConfigError);
            expect((error as ConfigError).problems.map((p) => p.split(":")[0])).to.deep.equal(["detection.kmsKeyArn", "adminRole.trustedUsers", "compliance.suspendedGroupName"]);
            expect(warnings.messages.filter((m) => m.startsWith('exemption "ghost" names no user'))).to.have.length(1);
        } finally {
            warnings.restore();
        }
        await settleRegistry(registry);
        expect(registry.resources).to.deep.equal([]);
    });
});
