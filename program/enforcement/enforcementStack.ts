/**
 * Enforcement in the program: the ForceMFA policy, the enforced group and the users this stack declares
 * (mfaEnforcement.ts), checked against the account's users first.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccountFacts } from "../accountFacts";
import { AccountChecks, Deployment } from "../capability";
import { ForceMfaConfig } from "../stackConfig";
import { enrollmentAllowList, forceMfaPolicyDocument } from "./forceMfaPolicyDocument";
import { MfaEnforcement } from "./mfaEnforcement";
import { sensitiveActionGroups } from "../sensitiveActions/sensitiveActionsConfig";

/** The stack outputs of enforcement, always present. */
export interface EnforcementOutputs {
    readonly policyArn: pulumi.Output<string>;
    readonly groupName: pulumi.Output<string>;
    readonly enrolledUsers: string[];
    readonly exemptions: { name: string; reason: string }[];
    readonly allowedWithoutMfa: string[];
}

/** An exemption naming nobody is no error (the user may come later), but worth a warning. */
export function checkEnforcement(config: ForceMfaConfig, account: AccountFacts): AccountChecks {
    // Users declared here also show up in getUsers once created: the union counts each once.
    const known = new Set([...account.existingUsers.map((u) => u.name), ...config.users.map((u) => u.name)].map((name) => name.toLowerCase()));
    const warnings = config.exemptions
        .filter((exemption) => !known.has(exemption.name.toLowerCase()))
        .map((exemption) => `exemption "${exemption.name}" names no user of the account or of this stack; it has no effect until such a user exists`);
    return { problems: [], warnings };
}

export function deployEnforcement(config: ForceMfaConfig, account: AccountFacts): Deployment<EnforcementOutputs, { enforcement: MfaEnforcement }> {
    const enforcement = new MfaEnforcement("force-mfa", {
        policyName: config.policyName,
        policyDocument: forceMfaPolicyDocument({ ...config, sensitiveActionGroups: sensitiveActionGroups(config.sensitiveActions) }),
        groupName: config.enforcedGroupName,
        declaredUsers: config.users,
        existingUserNames: account.existingUsers.map((u) => u.name),
        exemptions: config.exemptions,
        tags: config.tags,
    });
    return {
        outputs: {
            policyArn: enforcement.policy.arn,
            groupName: enforcement.group.name,
            enrolledUsers: enforcement.enrolledUsers,
            exemptions: config.exemptions.map((e) => ({ name: e.name, reason: e.reason })),
            allowedWithoutMfa: enrollmentAllowList(config.allowPasswordChangeWithoutMfa),
        },
        nextSteps: [
            `Every enrolled user must now sign in and enroll an MFA device (IAM console → Security credentials → Assign MFA device); until then only enrollment works.`,
            `CLI users: aws sts get-session-token --serial-number arn:aws:iam::${account.accountId}:mfa/<device> --token-code <code>, or a profile with mfa_serial.`,
        ],
        components: { enforcement },
    };
}
