/**
 * The admin role: administrative work goes through a role assumed with fresh MFA instead of standing rights.
 *
 * The trust document is built by a pure function from plain strings (account id from `aws.getCallerIdentity()`, user
 * names and paths from config, or user ARNs from `aws.iam.getUsers()`), never from resource outputs such as
 * `user.arn`: invokes run during preview, so the document is a KNOWN string at preview time and the CrossGuard pack
 * (iam-role-trust-requires-mfa), which fails closed on unknown values, can evaluate it.
 *
 * Principal choice: the trusted users' ARNs themselves, not the account root with an `ArnLike aws:PrincipalArn`
 * condition.
 *   - With `{"AWS": "arn:aws:iam::<account>:root"}` the trust delegates to IAM: ANY principal of the account whose
 *     identity policies allow sts:AssumeRole on the role (and whose ARN matches the condition) gets in, and the
 *     decision depends on a condition pattern that a later edit can widen (`user/*`).
 *   - Naming user ARNs admits exactly those users, and IAM pins each to the user's unique id when the policy is saved:
 *     a user deleted and re-created under the same name is NOT admitted (the trust then shows an `AIDA...` id until
 *     `pulumi up --refresh` sees the drift and rewrites it) — a safe failure. The cost: IAM rejects a trust naming a user that does not
 *     exist yet, so the role depends on the user resources this program creates (`userDependencies`).
 * Same-account users named in the trust need no identity-policy allow for sts:AssumeRole; the ForceMFA policy of the
 * enforced group lets sts:AssumeRole through only with MFA anyway.
 *
 * Conditions: `Bool aws:MultiFactorAuthPresent "true"` (absent or "false" never match `Bool`) AND
 * `NumericLessThan aws:MultiFactorAuthAge <maxMfaAgeSeconds>` (an absent key never matches either). The age is checked
 * when the role is assumed; the role session then lasts up to `maxSessionDuration`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export const DEFAULT_ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
export const DEFAULT_ADMIN_MAX_MFA_AGE_SECONDS = 3600;

/** `arn:aws:iam::<account>:user<path><name>`; path defaults to "/" and must start and end with "/". */
export function iamUserArn(accountId: string, name: string, path = "/"): string {
    if (!path.startsWith("/") || !path.endsWith("/")) {
        throw new Error(`IAM user path "${path}" must start and end with "/"`);
    }
    return `arn:aws:iam::${accountId}:user${path}${name}`;
}

export interface AdminTrustOptions {
    /** ARNs of the users allowed to assume the role. */
    trustedUserArns: readonly string[];
    /** The MFA used must be younger than this, in seconds. */
    maxMfaAgeSeconds: number;
}

export function adminRoleTrustDocument(options: AdminTrustOptions) {
    const arns = [...new Set(options.trustedUserArns)].sort();
    if (arns.length === 0) {
        throw new Error("the admin role must trust at least one user");
    }
    for (const arn of arns) {
        if (!/^arn:aws[a-z-]*:iam::\d{12}:user\/(?:[^*?]*\/)?[\w+=,.@-]+$/.test(arn)) {
            throw new Error(`"${arn}" is not the ARN of an IAM user (wildcards are not allowed in the admin role's trust)`);
        }
    }
    if (!Number.isInteger(options.maxMfaAgeSeconds) || options.maxMfaAgeSeconds <= 0) {
        throw new Error(`maxMfaAgeSeconds must be a positive integer, got ${options.maxMfaAgeSeconds}`);
    }
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "NamedUsersWithFreshMfa",
                Effect: "Allow",
                Principal: { AWS: arns },
                Action: "sts:AssumeRole",
                Condition: {
                    Bool: { "aws:MultiFactorAuthPresent": "true" },
                    NumericLessThan: { "aws:MultiFactorAuthAge": String(options.maxMfaAgeSeconds) },
                },
            },
        ],
    };
}

/** IAM's limit on a role trust policy by default, and the most the quota "Role trust policy length" can be raised to. */
export const TRUST_POLICY_DEFAULT_MAX_LENGTH = 2048;
export const TRUST_POLICY_QUOTA_MAX_LENGTH = 4096;

/** The length IAM checks against those limits: the JSON without whitespace (IAM does not count it). */
export function policyLength(document: unknown): number {
    return JSON.stringify(document).replace(/\s/g, "").length;
}

/** Within the default limit; only with the quota raised; or beyond what any quota allows. */
export function trustPolicyLengthVerdict(length: number): "fits" | "needs-quota" | "too-long" {
    if (length > TRUST_POLICY_QUOTA_MAX_LENGTH) {
        return "too-long";
    }
    return length > TRUST_POLICY_DEFAULT_MAX_LENGTH ? "needs-quota" : "fits";
}

export interface MfaAdminRoleArgs {
    accountId: pulumi.Input<string>;
    roleName: string;
    /** Known at preview: built from the account id and config names, or taken from aws.iam.getUsers(). */
    trustedUserArns: pulumi.Input<string[]>;
    maxMfaAgeSeconds: number;
    maxSessionDurationSeconds: number;
    policyArn: string;
    /** User resources created by this program that the trust names: IAM rejects a trust naming a missing user. */
    userDependencies?: pulumi.Resource[];
    tags?: Record<string, string>;
}

export class MfaAdminRole extends pulumi.ComponentResource {
    public readonly role: aws.iam.Role;
    public readonly roleArn: pulumi.Output<string>;
    /** A ready-to-run `aws sts assume-role` command and a CLI profile snippet with `mfa_serial`. */
    public readonly assumeRoleCommand: pulumi.Output<string>;
    public readonly cliProfile: pulumi.Output<string>;
    public readonly resources: pulumi.Resource[] = [];

    constructor(name: string, args: MfaAdminRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:access:MfaAdminRole", name, {}, opts);
        const trust = pulumi
            .output(args.trustedUserArns)
            .apply((arns) => JSON.stringify(adminRoleTrustDocument({ trustedUserArns: arns, maxMfaAgeSeconds: args.maxMfaAgeSeconds })));
        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                name: args.roleName,
                description: `Administrative access; assumable only by named users with MFA younger than ${args.maxMfaAgeSeconds} s`,
                assumeRolePolicy: trust,
                maxSessionDuration: args.maxSessionDurationSeconds,
                tags: args.tags,
            },
            { parent: this, dependsOn: args.userDependencies ?? [] },
        );
        const attachment = new aws.iam.RolePolicyAttachment(`${name}-policy`, { role: this.role.name, policyArn: args.policyArn }, { parent: this });
        this.resources.push(this.role, attachment);
        this.roleArn = this.role.arn;
        const knownRoleArn = pulumi.interpolate`arn:aws:iam::${args.accountId}:role/${args.roleName}`;
        const mfaSerial = pulumi.interpolate`arn:aws:iam::${args.accountId}:mfa/<your-mfa-device-name>`;
        this.assumeRoleCommand = pulumi.interpolate`aws sts assume-role --role-arn ${knownRoleArn} --role-session-name "$USER" --serial-number ${mfaSerial} --token-code <6-digit code> --duration-seconds ${args.maxSessionDurationSeconds}`;
        this.cliProfile = pulumi.interpolate`[profile ${args.roleName}]\nrole_arn = ${knownRoleArn}\nsource_profile = default\nmfa_serial = ${mfaSerial}\nduration_seconds = ${args.maxSessionDurationSeconds}\n`;
        this.registerOutputs({ roleArn: this.roleArn, assumeRoleCommand: this.assumeRoleCommand, cliProfile: this.cliProfile });
    }
}
