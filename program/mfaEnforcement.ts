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
import { DeclaredUser, Exemption } from "./config";
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

/** Every user of the account — declared or existing — minus the exempt ones, sorted for stable diffs. */
export function enrolledUserNames(declared: readonly DeclaredUser[], existing: readonly string[], exemptions: readonly Exemption[]): string[] {
    const exempt = new Set(exemptions.map((e) => e.name));
    const all = new Set([...existing, ...declared.map((u) => u.name)]);
    return [...all].filter((name) => !exempt.has(name)).sort();
}

export class MfaEnforcement extends pulumi.ComponentResource {
    readonly policy: aws.iam.Policy;
    readonly group: aws.iam.Group;
    readonly users: aws.iam.User[];
    readonly membership: aws.iam.GroupMembership;
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
        this.membership = new aws.iam.GroupMembership(
            `${name}-membership`,
            { group: this.group.name, users: this.enrolledUsers },
            // Declared users must exist before they can join; the attachment first, so nobody joins an empty group.
            { parent: this, dependsOn: [...this.users, attachment] },
        );
        this.registerOutputs({ policyArn: this.policy.arn, groupName: this.group.name, enrolledUsers: this.enrolledUsers });
    }
}
