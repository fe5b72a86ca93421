/**
 * State delete guard: the bucket-policy statements (pure builder) and their meaning, proven with the
 * independent IAM evaluator `@cloud-copilot/iam-simulate` (AGPL, devDependency, tests only): destructive operations
 * need MFA present and younger than the maximum age; Terraform's reads, writes and lock-file deletes do not.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import { GUARDED_BUCKET_ACTIONS, stateDeleteGuardStatements } from "../../../program/stateBackend/stateDeleteGuard";
import { ACCOUNT } from "../pulumiMocks";

const BUCKET = "acme-terraform-state";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const STATE_KEY = `${BUCKET_ARN}/env/prod/terraform.tfstate`;
const LOCK_KEY = `${STATE_KEY}.tflock`;
const OPERATOR = `arn:aws:iam::${ACCOUNT}:user/alice`;

type Outcome = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

const MFA = {
    absent: {},
    false: { "aws:MultiFactorAuthPresent": "false" },
    fresh: { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "30" },
    stale: { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "3600" },
} as const;
const WITHOUT_FRESH_MFA = ["absent", "false", "stale"] as const;

/** The request by an operator whose identity policy allows s3:* — only the bucket policy can deny. */
async function request(action: string, resource: string, context: Record<string, string>, maxMfaAgeSeconds?: number): Promise<Outcome> {
    const response = await runSimulation(
        {
            request: {
                principal: OPERATOR,
                action,
                resource: { resource, accountId: ACCOUNT },
                contextVariables: { ...context, "aws:SecureTransport": "true" },
            },
            identityPolicies: [{ name: "operator", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: { Version: "2012-10-17", Statement: stateDeleteGuardStatements({ bucketName: BUCKET, maxMfaAgeSeconds }) },
        },
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator refused ${action} on ${resource}: ${JSON.stringify(response.errors)}`);
    }
    if (response.resultType === "single") {
        expect(response.result.ignoredContextKeys ?? [], "the simulator must use every context key").to.deep.equal([]);
    }
    return response.overallResult as Outcome;
}

describe("state delete guard (pure builder)", () => {
    it("two denies (MFA false/absent, MFA stale) for object deletes outside lock files and two for version deletes and bucket changes", () => {
        const statements = stateDeleteGuardStatements({ bucketName: BUCKET });
        expect(statements.map((s) => s.Sid)).to.deep.equal([
            "DenyStateObjectDeleteWithoutMfa",
            "DenyStateObjectDeleteWithStaleMfa",
            "DenyStateVersionDeleteAndBucketChangesWithoutMfa",
            "DenyStateVersionDeleteAndBucketChangesWithStaleMfa",
        ]);
        for (const s of statements) {
            expect(s.Effect).to.equal("Deny");
            expect(s.Principal).to.equal("*");
        }
        const [objectNoMfa, objectStale, bucketNoMfa, bucketStale] = statements;
        expect(objectNoMfa.Action).to.deep.equal(["s3:DeleteObject"]);
        expect(objectNoMfa.NotResource).to.deep.equal([`${BUCKET_ARN}/*.tflock`]);
        expect(objectNoMfa.Resource).to.equal(undefined);
        expect(objectNoMfa.Condition).to.deep.equal({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } });
        expect(objectStale.Condition).to.deep.equal({ NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "300" } });
        expect(bucketNoMfa.Action).to.have.members([
            "s3:DeleteObjectVersion",
            "s3:DeleteBucket",
            "s3:PutBucketPolicy",
            "s3:PutBucketVersioning",
            "s3:DeleteBucketPolicy",
            "s3:PutLifecycleConfiguration",
        ]);
        expect(bucketNoMfa.Resource).to.deep.equal([BUCKET_ARN, `${BUCKET_ARN}/*`]);
        expect(bucketStale.Condition).to.deep.equal({ NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "300" } });
        for (const s of statements) {
            expect(s.Action, "no read or write of Terraform is ever denied").to.not.include.members(["s3:GetObject", "s3:PutObject", "s3:ListBucket"]);
        }
    });

    it("takes the maximum age from config and rejects bad input", () => {
        expect(stateDeleteGuardStatements({ bucketName: BUCKET, maxMfaAgeSeconds: 900 })[1].Condition).to.deep.equal({
            NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "900" },
        });
        expect(() => stateDeleteGuardStatements({ bucketName: BUCKET, maxMfaAgeSeconds: 0 })).to.throw(/positive integer/);
        expect(() => stateDeleteGuardStatements({ bucketName: BUCKET, maxMfaAgeSeconds: 1.5 })).to.throw(/positive integer/);
        expect(() => stateDeleteGuardStatements({ bucketName: "Bad_Bucket" })).to.throw(/not an S3 bucket name/);
    });
});

describe("state delete guard, proven with @cloud-copilot/iam-simulate", () => {
    describe("destructive operations need MFA present and younger than 300 s", () => {
        const destructive: [string, string][] = [
            ["s3:DeleteObject", STATE_KEY],
            ["s3:DeleteObjectVersion", STATE_KEY],
            ["s3:DeleteObjectVersion", LOCK_KEY],
            ["s3:DeleteBucket", BUCKET_ARN],
            ["s3:PutBucketPolicy", BUCKET_ARN],
            ["s3:DeleteBucketPolicy", BUCKET_ARN],
            ["s3:PutBucketVersioning", BUCKET_ARN],
            ["s3:PutLifecycleConfiguration", BUCKET_ARN],
        ];
        for (const [action, resource] of destructive) {
            it(`${action} on ${resource.replace(BUCKET_ARN, "<bucket>")}: no MFA, "false", stale → denied; fresh → allowed`, async () => {
                for (const mfa of WITHOUT_FRESH_MFA) {
                    expect(await request(action, resource, MFA[mfa]), mfa).to.equal("ExplicitlyDenied");
                }
                expect(await request(action, resource, MFA.fresh)).to.equal("Allowed");
            });
        }

        it("every guarded bucket action is covered above", () => {
            const covered = new Set(destructive.map(([a]) => a));
            for (const action of GUARDED_BUCKET_ACTIONS) {
                expect(covered.has(action), action).to.equal(true);
            }
        });

        it("the age bound: 300 s allowed, 301 s denied; a configured 900 s moves it", async () => {
            const age = (n: number) => ({ "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": String(n) });
            expect(await request("s3:DeleteObject", STATE_KEY, age(300))).to.equal("Allowed");
            expect(await request("s3:DeleteObject", STATE_KEY, age(301))).to.equal("ExplicitlyDenied");
            expect(await request("s3:DeleteObject", STATE_KEY, age(900), 900)).to.equal("Allowed");
            expect(await request("s3:DeleteObject", STATE_KEY, age(901), 900)).to.equal("ExplicitlyDenied");
        });
    });

    describe("Terraform keeps working without MFA (given an identity allow)", () => {
        const terraform: [string, string][] = [
            ["s3:GetObject", STATE_KEY],
            ["s3:PutObject", STATE_KEY],
            ["s3:ListBucket", BUCKET_ARN],
            ["s3:GetObject", LOCK_KEY],
            ["s3:PutObject", LOCK_KEY],
            ["s3:DeleteObject", LOCK_KEY],
            ["s3:DeleteObject", `${BUCKET_ARN}/top.tfstate.tflock`],
        ];
        for (const [action, resource] of terraform) {
            it(`${action} on ${resource.replace(BUCKET_ARN, "<bucket>")} is allowed with MFA absent, "false" or stale`, async () => {
                for (const mfa of WITHOUT_FRESH_MFA) {
                    expect(await request(action, resource, MFA[mfa]), mfa).to.equal("Allowed");
                }
            });
        }

        it("only *.tflock is exempt: a key merely containing .tflock is not", async () => {
            expect(await request("s3:DeleteObject", `${BUCKET_ARN}/env/x.tflock.tfstate`, MFA.absent)).to.equal("ExplicitlyDenied");
        });
    });
});
