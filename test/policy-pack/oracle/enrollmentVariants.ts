/**
 * Category 4: lock-out. `checkEnrollment` says whether a user subject to the documents can still enroll without MFA.
 * The simulator answers the same two requests — iam:CreateVirtualMFADevice on mfa/<name> and iam:EnableMFADevice on
 * user<path><name> — for that user, with aws:username set and MFA absent, the documents as identity policies and the
 * boundary documents as permissions boundaries. Enrollment is possible iff both are Allowed.
 */
import { checkEnrollment } from "../../../policy-pack/iam/enrollment";
import { NamedDocument } from "../../../policy-pack/iam/mfaDenyAnalysis";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { Comparison } from "./findings";
import { Rng } from "./rng";
import { ACCOUNT, OTHER_ACCOUNT, simulate } from "./simulator";
import { DEFAULT_ALLOW_LIST_FOR_ORACLE } from "./mfaDenyVariants";

const MFA_PRESENT = "aws:MultiFactorAuthPresent";

/** The runbook's ForceMFA (force-mfa-runbook.txt), ACCOUNT_ID filled in: it never allows iam:EnableMFADevice. */
export const RUNBOOK_FORCE_MFA = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "AllowViewAccountInfo", Effect: "Allow", Action: ["iam:GetAccountSummary", "iam:ListVirtualMFADevices"], Resource: "*" },
        {
            Sid: "AllowManageOwnVirtualMFADevice",
            Effect: "Allow",
            Action: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"],
            Resource: `arn:aws:iam::${ACCOUNT}:mfa/\${aws:username}`,
        },
        {
            Sid: "AllowManageOwnUserMFA",
            Effect: "Allow",
            Action: ["iam:DeactivateMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:ChangePassword"],
            Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
        },
        {
            Sid: "AllowListUsersAndPolicies",
            Effect: "Allow",
            Action: ["iam:GetLoginProfile", "iam:ListAttachedUserPolicies", "iam:ListGroups", "iam:ListGroupsForUser", "iam:ListPolicies", "iam:GetPolicy"],
            Resource: "*",
        },
        {
            Sid: "DenyAllExceptListedIfNoMFA",
            Effect: "Deny",
            NotAction: [
                "iam:CreateVirtualMFADevice",
                "iam:EnableMFADevice",
                "iam:GetUser",
                "iam:ListMFADevices",
                "iam:ListUsers",
                "iam:ListVirtualMFADevices",
                "iam:ResyncMFADevice",
                "sts:GetSessionToken",
            ],
            Resource: "*",
            Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } },
        },
    ],
};

/** iSEC's 2015 policy (isec-enforce-mfa.txt): denies everything without MFA, enrollment included. */
export const ISEC_ENFORCE_MFA = {
    Version: "2012-10-17",
    Statement: [
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { Null: { "aws:MultiFactorAuthAge": "true" } } },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { NumericGreaterThan: { "aws:MultiFactorAuthAge": "28800" } } },
    ],
};

/** Built like the AWS-documented self-service MFA policy: allows own-device enrollment, denies the rest without MFA. */
function forceMfaLike(createResource: string | string[], enableResource: string | string[], deny: Record<string, unknown> | undefined): object {
    const statements: Record<string, unknown>[] = [
        { Sid: "AllowListActions", Effect: "Allow", Action: ["iam:ListUsers", "iam:ListVirtualMFADevices"], Resource: "*" },
        { Sid: "AllowManageOwnVirtualMFADevice", Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: createResource },
        {
            Sid: "AllowManageOwnUserMFA",
            Effect: "Allow",
            Action: ["iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ResyncMFADevice"],
            Resource: enableResource,
        },
    ];
    if (deny) {
        statements.push(deny);
    }
    return { Version: "2012-10-17", Statement: statements };
}

const CREATE_RESOURCES: readonly (string | string[])[] = [
    "arn:aws:iam::*:mfa/${aws:username}",
    `arn:aws:iam::${ACCOUNT}:mfa/\${aws:username}`,
    "arn:aws:iam::*:mfa/*",
    "*",
    "arn:aws:iam::*:mfa/${aws:userid}",
    `arn:aws:iam::${OTHER_ACCOUNT}:mfa/\${aws:username}`,
];

const ENABLE_RESOURCES: readonly (string | string[])[] = [
    "arn:aws:iam::*:user/${aws:username}",
    `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
    "arn:aws:iam::*:user/*",
    "arn:aws:iam::*:user/*${aws:username}",
    "arn:aws:iam::*:user/eng/${aws:username}",
    ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/eng/${aws:username}"],
    `arn:aws:iam::${OTHER_ACCOUNT}:user/\${aws:username}`,
    "*",
];

interface DenyOption {
    readonly name: string;
    readonly statement?: Record<string, unknown>;
    readonly tags?: readonly string[];
}

const DENIES: readonly DenyOption[] = [
    { name: "none" },
    {
        name: "NotAction allow-list BoolIfExists",
        statement: { Effect: "Deny", NotAction: [...DEFAULT_ALLOW_LIST_FOR_ORACLE], Resource: "*", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } },
    },
    {
        name: "NotAction without EnableMFADevice",
        statement: {
            Effect: "Deny",
            NotAction: DEFAULT_ALLOW_LIST_FOR_ORACLE.filter((a) => a !== "iam:EnableMFADevice"),
            Resource: "*",
            Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } },
        },
    },
    { name: "Action * BoolIfExists", statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } } },
    { name: "Action * Bool false", statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { [MFA_PRESENT]: "false" } } } },
    {
        name: "deny other users' devices",
        statement: {
            Effect: "Deny",
            Action: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice"],
            NotResource: ["arn:aws:iam::*:mfa/${aws:username}", "arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"],
        },
    },
    {
        name: "deny enrollment from outside the VPN",
        statement: { Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { NotIpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" } } },
        tags: ["deny-depends-on-unset-key"],
    },
];

interface BoundaryOption {
    readonly name: string;
    readonly documents?: readonly object[];
}

const BOUNDARIES: readonly BoundaryOption[] = [
    { name: "none" },
    { name: "allow everything", documents: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }] },
    { name: "iam:* only", documents: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] }] },
    { name: "s3:* only", documents: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }] },
    {
        name: "allow everything, deny EnableMFADevice without MFA",
        documents: [
            {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "*", Resource: "*" },
                    { Effect: "Deny", Action: "iam:EnableMFADevice", Resource: "*", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } },
                ],
            },
        ],
    },
    { name: "the runbook policy", documents: [RUNBOOK_FORCE_MFA] },
];

interface UserOption {
    readonly name: string;
    readonly path?: string;
}

const USERS: readonly UserOption[] = [{ name: "alice", path: "/" }, { name: "bob", path: "/eng/" }, { name: "carol" }, { name: "dave", path: "eng" }];

export interface EnrollmentVariant {
    readonly id: string;
    readonly description: string;
    readonly user: UserOption;
    readonly identity: readonly object[];
    readonly boundaries?: readonly object[];
    readonly asJsonString: boolean;
    readonly tags: readonly string[];
}

export function generateEnrollmentVariants(seed: number, randomCount: number): EnrollmentVariant[] {
    const rng = new Rng(seed);
    const variants: EnrollmentVariant[] = [];
    const push = (description: string, user: UserOption, identity: object[], boundary: BoundaryOption, tags: string[]): void => {
        variants.push({
            id: `enrollment#${String(variants.length).padStart(4, "0")}`,
            description: `${description} / user ${user.name} path ${JSON.stringify(user.path)} / boundary: ${boundary.name}`,
            user,
            identity,
            boundaries: boundary.documents,
            asJsonString: rng.chance(0.4),
            tags: [...tags, `user:${user.name}`, `boundary:${boundary.name}`],
        });
    };
    // The reference documents, for every user and boundary.
    for (const user of USERS) {
        for (const boundary of BOUNDARIES) {
            push("runbook ForceMFA", user, [RUNBOOK_FORCE_MFA], boundary, ["doc:runbook"]);
            push("iSEC enforce-MFA", user, [ISEC_ENFORCE_MFA], boundary, ["doc:isec"]);
            push(
                "ForceMFA-like",
                user,
                [forceMfaLike(CREATE_RESOURCES[0], ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"], DENIES[1].statement)],
                boundary,
                ["doc:forcemfa-like"],
            );
        }
    }
    // Random combinations of the enrollment allows, a deny, a boundary and a user; sometimes split over two documents.
    for (let i = 0; i < randomCount; i++) {
        const create = rng.pick(CREATE_RESOURCES);
        const enable = rng.pick(ENABLE_RESOURCES);
        const deny = rng.pick(DENIES);
        const split = deny.statement !== undefined && rng.chance(0.3);
        const identity = split
            ? [forceMfaLike(create, enable, undefined), { Version: "2012-10-17", Statement: [deny.statement] }]
            : [forceMfaLike(create, enable, deny.statement)];
        const tags = [`create:${JSON.stringify(create)}`, `enable:${JSON.stringify(enable)}`, `deny:${deny.name}`, ...(deny.tags ?? [])];
        if ([create, enable].flat().some((r) => r.includes(OTHER_ACCOUNT))) {
            tags.push("other-account-in-resource");
        }
        push(`create ${JSON.stringify(create)} / enable ${JSON.stringify(enable)} / deny: ${deny.name}${split ? " (separate document)" : ""}`, rng.pick(USERS), identity, rng.pick(BOUNDARIES), tags);
    }
    return variants;
}

function userArn(user: UserOption): string {
    const path = !user.path || user.path === "/" ? "/" : `${user.path.startsWith("/") ? "" : "/"}${user.path}${user.path.endsWith("/") ? "" : "/"}`;
    return `arn:aws:iam::${ACCOUNT}:user${path}${user.name}`;
}

export async function compareEnrollmentVariant(variant: EnrollmentVariant): Promise<Comparison> {
    const tags = new Set(variant.tags);
    const named = (docs: readonly object[], prefix: string): NamedDocument[] =>
        docs.map((d, i) => ({ label: `${prefix} ${i + 1}`, document: parsePolicyDocument(variant.asJsonString ? JSON.stringify(d) : d) }));
    let evaluator: string;
    try {
        const result = checkEnrollment(variant.user, named(variant.identity, "identity"), variant.boundaries ? named(variant.boundaries, "boundary") : []);
        evaluator = result.possible ? "possible" : "blocked";
        if (result.blocked) {
            tags.add(`evaluator-blocked:${result.blocked.request.action}`);
        }
    } catch (err) {
        evaluator = `throws ${(err as Error).name}: ${(err as Error).message}`;
    }
    const requests = [
        { action: "iam:CreateVirtualMFADevice", resource: `arn:aws:iam::${ACCOUNT}:mfa/${variant.user.name}` },
        { action: "iam:EnableMFADevice", resource: userArn(variant.user) },
    ];
    const simulateBoth = async (identity: readonly object[]): Promise<{ verdict: string; outcomes: string[]; blocked: string[] }> => {
        const outcomes: string[] = [];
        const blocked: string[] = [];
        // Without MFA both ways, as the evaluator checks: key absent (access keys) and "false" (console session).
        for (const mfa of [{}, { "aws:MultiFactorAuthPresent": "false" }] as Record<string, string>[]) {
            for (const request of requests) {
                const result = await simulate({
                    principal: userArn(variant.user),
                    action: request.action,
                    resource: request.resource,
                    context: { "aws:username": variant.user.name, ...mfa },
                    identityPolicies: identity,
                    ...(variant.boundaries ? { permissionBoundaries: variant.boundaries } : {}),
                });
                outcomes.push(`${request.action}${"aws:MultiFactorAuthPresent" in mfa ? ' (MFA "false")' : ""}: ${result}`);
                if (result !== "Allowed" && !blocked.includes(request.action)) {
                    blocked.push(request.action);
                }
            }
        }
        const errored = outcomes.some((o) => o.includes(": error"));
        return { verdict: errored ? `error: ${outcomes.join("; ")}` : blocked.length === 0 ? "possible" : "blocked", outcomes, blocked };
    };
    const { verdict: oracle, outcomes, blocked } = await simulateBoth(variant.identity);
    blocked.forEach((action) => tags.add(`oracle-blocked:${action}`));
    if (tags.has("other-account-in-resource")) {
        // Probe for the account-placeholder explanation: the simulator's verdict once the other account is the user's.
        const own = variant.identity.map((d) => JSON.parse(JSON.stringify(d).split(OTHER_ACCOUNT).join(ACCOUNT)) as object);
        tags.add(`oracle-own-account:${(await simulateBoth(own)).verdict}`);
    }
    return {
        category: "enrollment",
        id: variant.id,
        input: `${variant.description} :: ${JSON.stringify(variant.identity)}`,
        evaluator,
        oracle: oracle === "blocked" ? `blocked (${outcomes.join("; ")})` : oracle,
        agree: evaluator === oracle,
        tags,
    };
}
