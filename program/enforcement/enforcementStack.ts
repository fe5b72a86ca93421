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
import { Exemption } from "./enforcementConfig";
import { activeExemptions, ExemptionStatus, exemptionStatus, utcDate } from "../../account";
import { sensitiveActionGroups } from "../sensitiveActions/sensitiveActionsConfig";
import { ScpExemption, scpExemptionStatuses } from "../organization/organizationStack";

/** The stack outputs of enforcement, always present. */
export interface EnforcementOutputs {
    readonly policyArn: pulumi.Output<string>;
    readonly groupName: pulumi.Output<string>;
    readonly enrolledUsers: string[];
    /**
     * Every exemption of the config with its terms, and whether it counts today: the users' (`name`), then the
     * organization SCP's user ARN patterns (`scope: "organization"`, `arn`) of a management account's stack.
     */
    readonly exemptions: ((Exemption & { status: ExemptionStatus }) | (ScpExemption & { scope: "organization"; status: ExemptionStatus }))[];
    readonly allowedWithoutMfa: string[];
}

/** The exemptions that count on the run's date: the expired ones are no exemptions. */
export function exemptionsInForce(config: ForceMfaConfig, account: AccountFacts): Exemption[] {
    return activeExemptions(config.exemptions, account.today ?? utcDate());
}

/**
 * Warnings, never stops: an exemption naming nobody (the user may come later); one past its expiresOn (the user is
 * enrolled again by this deploy); one without expiresOn (permanent: honoured, so older stacks keep working, but it
 * should be given an end).
 */
export function checkEnforcement(config: ForceMfaConfig, account: AccountFacts): AccountChecks {
    // Users declared here also show up in getUsers once created: the union counts each once.
    const known = new Set([...account.existingUsers.map((u) => u.name), ...config.users.map((u) => u.name)].map((name) => name.toLowerCase()));
    const today = account.today ?? utcDate();
    const warnings = config.exemptions.flatMap((exemption) => {
        const found: string[] = [];
        if (!known.has(exemption.name.toLowerCase())) {
            found.push(`exemption "${exemption.name}" names no user of the account or of this stack; it has no effect until such a user exists`);
        }
        const status = exemptionStatus(exemption, today);
        if (status === "expired") {
            found.push(`exemption "${exemption.name}" expired on ${exemption.expiresOn}: it no longer counts, and the user is enrolled — renew it (a new expiresOn) or remove it`);
        } else if (status === "permanent") {
            found.push(`exemption "${exemption.name}" has no expiresOn: it is permanent — add approvedBy, grantedOn and expiresOn so it is reviewed`);
        }
        return found;
    });
    return { problems: [], warnings };
}

export function deployEnforcement(config: ForceMfaConfig, account: AccountFacts): Deployment<EnforcementOutputs, { enforcement: MfaEnforcement }> {
    const enforcement = new MfaEnforcement("force-mfa", {
        policyName: config.policyName,
        policyDocument: forceMfaPolicyDocument({ ...config, sensitiveActionGroups: sensitiveActionGroups(config.sensitiveActions) }),
        groupName: config.enforcedGroupName,
        declaredUsers: config.users,
        existingUserNames: account.existingUsers.map((u) => u.name),
        exemptions: exemptionsInForce(config, account),
        tags: config.tags,
    });
    return {
        outputs: {
            policyArn: enforcement.policy.arn,
            groupName: enforcement.group.name,
            enrolledUsers: enforcement.enrolledUsers,
            exemptions: [
                ...config.exemptions.map((e) => ({ ...e, status: exemptionStatus(e, account.today ?? utcDate()) })),
                ...(config.organization ? scpExemptionStatuses(config.organization, account.today ?? utcDate()).map((e) => ({ scope: "organization" as const, ...e })) : []),
            ],
            allowedWithoutMfa: enrollmentAllowList(config.allowPasswordChangeWithoutMfa),
        },
        nextSteps: [
            `Every enrolled user must now sign in and enroll an MFA device (IAM console → Security credentials → Assign MFA device); until then only enrollment works.`,
            `CLI users: aws sts get-session-token --serial-number arn:aws:iam::${account.accountId}:mfa/<device> --token-code <code>, or a profile with mfa_serial.`,
        ],
        components: { enforcement },
    };
}
