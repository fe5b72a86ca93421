/**
 * The roles' side of the sensitive-action denies: one customer managed policy (sensitiveActionsPolicyDocument) and
 * its attachment to each role that must carry it — the admin role when it is on, and the roles the config names.
 * Users carry the same denies inside the ForceMFA policy (enforcement).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyDocument } from "../enforcement/forceMfaPolicyDocument";

export interface SensitiveActionsGuardArgs {
    readonly policyName: string;
    readonly policyDocument: PolicyDocument;
    /**
     * The roles, each under a stable key (its lower-cased name, or "admin") so reordering the list replaces nothing;
     * the admin role's name is an Output so its attachment waits for the role.
     */
    readonly roles: readonly { readonly key: string; readonly name: pulumi.Input<string> }[];
    readonly tags: Readonly<Record<string, string>>;
}

export class SensitiveActionsGuard extends pulumi.ComponentResource {
    readonly policy: aws.iam.Policy;
    readonly attachments: aws.iam.RolePolicyAttachment[];

    constructor(name: string, args: SensitiveActionsGuardArgs, opts?: pulumi.ComponentResourceOptions) {
        super("force-mfa:sensitiveActions:SensitiveActionsGuard", name, {}, opts);
        this.policy = new aws.iam.Policy(
            `${name}-policy`,
            {
                name: args.policyName,
                description: "Denies the listed sensitive actions unless the request's MFA is present and fresh enough.",
                policy: JSON.stringify(args.policyDocument),
                tags: { ...args.tags },
            },
            { parent: this },
        );
        this.attachments = args.roles.map(
            (role) => new aws.iam.RolePolicyAttachment(`${name}-${role.key}`, { role: role.name, policyArn: this.policy.arn }, { parent: this }),
        );
        this.registerOutputs({ policyArn: this.policy.arn });
    }
}
