/**
 * AWS Organizations refuses a service control policy over 5,120 characters, whitespace included (the API stores
 * the text as sent). The program sends it without whitespace and checks the size before anything is created, naming
 * the config keys that grew it. Counted in UTF-8 bytes: the same as characters for ASCII, and never less.
 */
import { MfaServiceControlPolicyOptions, mfaServiceControlPolicy, serviceControlPolicyText } from "./mfaServiceControlPolicy";

export const SCP_MAX_CHARACTERS = 5120;

/** The options that grow the policy, and the config key each comes from. */
const GROWING_OPTIONS = {
    exemptUserArns: "organization.exemptUserArns",
    deployerRoleArns: "organization.deployerRoleArns",
    exemptionTagKey: "organization.exemptionTagKey",
    sensitiveActionGroups: "sensitiveActions.groups",
} as const satisfies Partial<Record<keyof MfaServiceControlPolicyOptions, string>>;

export function serviceControlPolicySize(options: MfaServiceControlPolicyOptions): number {
    return Buffer.byteLength(serviceControlPolicyText(mfaServiceControlPolicy(options)), "utf8");
}

export interface SizeContribution {
    readonly key: string;
    readonly characters: number;
}

/** How many characters each growing key adds: the size with it minus the size without it. */
export function sizeContributions(options: MfaServiceControlPolicyOptions): SizeContribution[] {
    const size = serviceControlPolicySize(options);
    const without: Record<keyof typeof GROWING_OPTIONS, MfaServiceControlPolicyOptions> = {
        exemptUserArns: { ...options, exemptUserArns: [] },
        deployerRoleArns: { ...options, deployerRoleArns: [] },
        exemptionTagKey: { ...options, exemptionTagKey: undefined },
        sensitiveActionGroups: { ...options, sensitiveActionGroups: [] },
    };
    return (Object.keys(GROWING_OPTIONS) as (keyof typeof GROWING_OPTIONS)[])
        .map((option) => ({ key: GROWING_OPTIONS[option], characters: size - serviceControlPolicySize(without[option]) }))
        .filter((c) => c.characters > 0)
        .sort((a, b) => b.characters - a.characters);
}

/** The one-line problem when the policy would be too large, else undefined. */
export function serviceControlPolicySizeProblem(options: MfaServiceControlPolicyOptions): string | undefined {
    const size = serviceControlPolicySize(options);
    if (size <= SCP_MAX_CHARACTERS) {
        return undefined;
    }
    const grown = sizeContributions(options)
        .map((c) => `${c.key} adds ${c.characters}`)
        .join(", ");
    return (
        `organization: the service control policy would be ${size} characters, over AWS's limit of ${SCP_MAX_CHARACTERS} ` +
        `(${grown || "the enrollment actions alone"}); list fewer ARNs or use ArnLike wildcards (e.g. arn:aws:iam::*:role/deployer)`
    );
}
