/**
 * The enforcement: the ForceMFA managed policy, the enforced group it is attached to, the users this stack declares,
 * and the group's membership — every IAM user of the account except the exempt ones.
 *
 * Membership is EXCLUSIVE (aws.iam.GroupMembership): the group holds exactly the computed set. A user added to the
 * group by hand is removed at the next `pulumi up` unless it is an account user (it is then in the set anyway), and
 * an exempt user is taken out. The price: no other stack may manage this group's members.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DeclaredUser, Exemption } from "./enforcementConfig";
import { PolicyDocument } from "./forceMfaPolicyDocument";

export interface MfaEnforcementArgs {
    readonly policyName: string;
    readonly policyDocument: PolicyDocument;
    readonly groupName: string;
    /** Users this stack creates. */
    readonly declaredUsers: readonly DeclaredUser[];
    /** Users found in the account at deploy time (aws.iam.getUsers). */
    readonly existingUserNames: readonly string[];
    readonly exemptions: readonly Exemption[];
    readonly tags: Readonly<Record<string, string>>;
}

/**
 * Every user of the account — declared or existing — minus the exempt ones, sorted for stable diffs. IAM user names
 * are unique regardless of case, so names are compared case-insensitively (the account's spelling is kept).
 */
export function enrolledUserNames(declared: readonly DeclaredUser[], existing: readonly string[], exemptions: readonly Exemption[]): string[] {
    const exempt = new Set(exemptions.map((e) => e.name.toLowerCase()));
    const all = new Map<string, string>();
    for (const name of [...existing, ...declared.map((u) => u.name)]) {
        if (!all.has(name.toLowerCase())) {
            all.set(name.toLowerCase(), name);
        }
    }
    return [...all.values()].filter((name) => !exempt.has(name.toLowerCase())).sort();
}

export class MfaEnforcement extends pulumi.ComponentResource {
    readonly policy: aws.iam.Policy;
    readonly group: aws.iam.Group;
    readonly users: aws.iam.User[];
    /** Absent when no user is to be enrolled (an account with no IAM users, or only exempt ones). */
    readonly membership?: aws.iam.GroupMembership;
    readonly enrolledUsers: string[];

    constructor(name: string, args: MfaEnforcementArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:enforcement:MfaEnforcement", name, {}, opts);
        const tags = { ...args.tags };
        this.policy = new aws.iam.Policy(
            `${name}-policy`,
            {
                name: args.policyName,
                description: "Denies every action except enrolling an MFA device unless the request is authenticated with MFA.",
                policy: JSON.stringify(args.policyDocument),
                tags,
            },
            { parent: this },
        );
        this.group = new aws.iam.Group(`${name}-group`, { name: args.groupName }, { parent: this });
        const attachment = new aws.iam.GroupPolicyAttachment(
            `${name}-attachment`,
            { group: this.group.name, policyArn: this.policy.arn },
            { parent: this },
        );
        this.users = args.declaredUsers.map(
            (user) =>
                new aws.iam.User(
                    `${name}-user-${user.name}`,
                    // No login profile or access key: the user sets a password / key after enrolling, under MFA.
                    { name: user.name, path: user.path, tags: { ...tags, ...user.tags } },
                    { parent: this },
                ),
        );
        this.enrolledUsers = enrolledUserNames(args.declaredUsers, args.existingUserNames, args.exemptions);
        // The provider requires a non-empty member list. With nobody to enrol the group simply stays empty; when
        // the last enrolled user becomes exempt, deleting the membership takes that user out of the group.
        if (this.enrolledUsers.length > 0) {
            this.membership = new aws.iam.GroupMembership(
                `${name}-membership`,
                { group: this.group.name, users: this.enrolledUsers },
                // Declared users must exist before they can join; the attachment first, so nobody joins an empty group.
                { parent: this, dependsOn: [...this.users, attachment] },
            );
        } else {
            pulumi.log.info(`no IAM user to enrol: the group "${args.groupName}" stays empty until the account has users`, this);
        }
        this.registerOutputs({ policyArn: this.policy.arn, groupName: this.group.name, enrolledUsers: this.enrolledUsers });
    }
}
