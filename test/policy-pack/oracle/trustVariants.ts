/**
 * Category 3: role trust policies. `findTrustEscape` says whether some AWS principal can assume the role with MFA
 * absent or "false". The oracle asks the simulator, for sts:AssumeRole on the role with the trust policy as its
 * resource policy and an identity policy allowing sts:AssumeRole, whether a caller of each trusted principal is
 * Allowed in either context. Non-MFA condition keys (sts:ExternalId, aws:SourceIp, aws:PrincipalTag/team) are given
 * the values the trust policy asks for: "depends" counts as an escape in the evaluator because SOME request without
 * MFA satisfies it, and this is that request.
 */
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { findTrustEscape } from "../../../policy-pack/iam/trustPolicy";
import { Comparison } from "./findings";
import { Rng } from "./rng";
import { ACCOUNT, OTHER_ACCOUNT, simulate } from "./simulator";

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/target`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const BOB_OTHER = `arn:aws:iam::${OTHER_ACCOUNT}:user/bob`;
const CI_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ci/session-1`;

const MFA_PRESENT = "aws:MultiFactorAuthPresent";
const MFA_AGE = "aws:MultiFactorAuthAge";

interface PrincipalOption {
    readonly name: string;
    readonly field: "Principal" | "NotPrincipal";
    readonly value: unknown;
    /** Callers the oracle tries: one per trusted AWS principal (a user of a trusted account, the user, a session of the role). */
    readonly callers: readonly string[];
    readonly tags?: readonly string[];
}

const PRINCIPALS: readonly PrincipalOption[] = [
    { name: "account id", field: "Principal", value: { AWS: ACCOUNT }, callers: [ALICE] },
    { name: "account root ARN", field: "Principal", value: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, callers: [ALICE] },
    { name: "user ARN", field: "Principal", value: { AWS: ALICE }, callers: [ALICE] },
    { name: "role ARN", field: "Principal", value: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, callers: [CI_SESSION] },
    { name: '"*"', field: "Principal", value: "*", callers: [ALICE, BOB_OTHER] },
    { name: '{"AWS":"*"}', field: "Principal", value: { AWS: "*" }, callers: [ALICE, BOB_OTHER] },
    { name: "other account", field: "Principal", value: { AWS: OTHER_ACCOUNT }, callers: [BOB_OTHER] },
    { name: "AWS list", field: "Principal", value: { AWS: [ALICE, OTHER_ACCOUNT] }, callers: [ALICE, BOB_OTHER] },
    { name: "Service", field: "Principal", value: { Service: "ec2.amazonaws.com" }, callers: [ALICE], tags: ["non-aws-principal"] },
    { name: "Federated", field: "Principal", value: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/corp` }, callers: [ALICE], tags: ["non-aws-principal"] },
    { name: "Service + account", field: "Principal", value: { Service: "lambda.amazonaws.com", AWS: ACCOUNT }, callers: [ALICE] },
    { name: "breakglass user", field: "Principal", value: { AWS: `arn:aws:iam::${ACCOUNT}:user/breakglass` }, callers: [`arn:aws:iam::${ACCOUNT}:user/breakglass`] },
    { name: "NotPrincipal bob", field: "NotPrincipal", value: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, callers: [ALICE], tags: ["not-principal"] },
];

interface ConditionOption {
    readonly name: string;
    readonly block?: Record<string, Record<string, string | string[]>>;
}

const CONDITIONS: readonly ConditionOption[] = [
    { name: "none" },
    { name: "Bool true", block: { Bool: { [MFA_PRESENT]: "true" } } },
    { name: "BoolIfExists true", block: { BoolIfExists: { [MFA_PRESENT]: "true" } } },
    { name: "NumericLessThan age", block: { NumericLessThan: { [MFA_AGE]: "3600" } } },
    { name: "NumericLessThanIfExists age", block: { NumericLessThanIfExists: { [MFA_AGE]: "3600" } } },
    { name: "Null age false", block: { Null: { [MFA_AGE]: "false" } } },
    { name: "ExternalId", block: { StringEquals: { "sts:ExternalId": "ext-123" } } },
    { name: "Bool true + ExternalId", block: { Bool: { [MFA_PRESENT]: "true" }, StringEquals: { "sts:ExternalId": "ext-123" } } },
    { name: "BoolIfExists true + ExternalId", block: { BoolIfExists: { [MFA_PRESENT]: "true" }, StringEquals: { "sts:ExternalId": "ext-123" } } },
    { name: "Bool [true,false]", block: { Bool: { [MFA_PRESENT]: ["true", "false"] } } },
    { name: "source IP", block: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
    { name: "principal tag", block: { StringEquals: { "aws:PrincipalTag/team": "ops" } } },
    { name: "NumericLessThan age + source IP", block: { NumericLessThan: { [MFA_AGE]: "3600" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
    { name: "bool (lower-case key) true", block: { Bool: { "aws:multifactorauthpresent": "true" } } },
    { name: "principal ARN is a user", block: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/*` } } },
];

/** Request values that satisfy every non-MFA condition above. */
const SATISFYING = { "sts:ExternalId": "ext-123", "aws:SourceIp": "10.1.2.3", "aws:PrincipalTag/team": "ops" };

interface DenyOption {
    readonly name: string;
    readonly statements: readonly Record<string, unknown>[];
    readonly tags?: readonly string[];
}

const DENIES: readonly DenyOption[] = [
    { name: "none", statements: [] },
    {
        name: "Deny * BoolIfExists false",
        statements: [{ Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } }],
    },
    {
        name: "Deny * Bool false",
        statements: [{ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { Bool: { [MFA_PRESENT]: "false" } } }],
    },
    {
        name: "Deny * Null present",
        statements: [{ Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:*", Condition: { Null: { [MFA_PRESENT]: "true" } } }],
    },
    {
        name: "Deny * Bool false + Null present",
        statements: [
            { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { Bool: { [MFA_PRESENT]: "false" } } },
            { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { Null: { [MFA_PRESENT]: "true" } } },
        ],
    },
    {
        name: "Deny account id BoolIfExists false",
        statements: [{ Effect: "Deny", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } }],
        tags: ["deny-names-account"],
    },
    {
        name: "Deny root ARN BoolIfExists false",
        statements: [
            { Effect: "Deny", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } },
        ],
        tags: ["deny-names-account"],
    },
    {
        name: "Deny NotPrincipal breakglass BoolIfExists false",
        statements: [
            {
                Effect: "Deny",
                NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/breakglass` },
                Action: "sts:AssumeRole",
                Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } },
            },
        ],
    },
    {
        name: "Deny TagSession only",
        statements: [{ Effect: "Deny", Principal: "*", Action: "sts:TagSession", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } }],
    },
    {
        name: "Deny * without MFA unless ExternalId",
        statements: [
            {
                Effect: "Deny",
                Principal: "*",
                Action: "sts:AssumeRole",
                Condition: { BoolIfExists: { [MFA_PRESENT]: "false" }, StringNotEquals: { "sts:ExternalId": "ext-123" } },
            },
        ],
        tags: ["deny-depends"],
    },
];

const ACTIONS: readonly (string | string[])[] = ["sts:AssumeRole", ["sts:AssumeRole", "sts:TagSession"], "sts:*", "STS:assumerole", "sts:AssumeRoleWithSAML", "*"];

export interface TrustVariant {
    readonly id: string;
    readonly description: string;
    readonly document: object;
    readonly asJsonString: boolean;
    readonly callers: readonly string[];
    readonly tags: readonly string[];
}

/** aws:PrincipalArn as IAM sets it: a role session's is the role's ARN. */
function principalArnOf(caller: string): string {
    const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(caller);
    return session ? `arn:aws:iam::${session[1]}:role/${session[2]}` : caller;
}

function awsPrincipalsOf(value: unknown): string[] {
    if (value === "*") {
        return ["*"];
    }
    const aws = (value as { AWS?: string | string[] } | undefined)?.AWS;
    return aws === undefined ? [] : [aws].flat();
}

/** The trust document with its Deny statements' account principals spelled in every form the evaluator compares. */
function withNormalizedDenyPrincipals(document: object): object {
    const copy = JSON.parse(JSON.stringify(document)) as { Statement: Record<string, unknown> | Record<string, unknown>[] };
    const statements = [copy.Statement].flat();
    const allowed = statements.filter((s) => s.Effect === "Allow").flatMap((s) => awsPrincipalsOf(s.Principal));
    const ownAccount = allowed.filter((p) => p === ACCOUNT || p.startsWith(`arn:aws:iam::${ACCOUNT}:`) || p.startsWith(`arn:aws:sts::${ACCOUNT}:`));
    for (const statement of statements) {
        if (statement.Effect === "Deny" && statement.Principal !== "*") {
            const names = awsPrincipalsOf(statement.Principal);
            if (names.some((n) => n === ACCOUNT || n === `arn:aws:iam::${ACCOUNT}:root`)) {
                statement.Principal = { AWS: [...new Set([...names, ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, ...ownAccount])] };
            }
        }
    }
    return copy;
}

function withoutDenies(document: object): object {
    const statements = [(document as { Statement: unknown }).Statement].flat() as Record<string, unknown>[];
    return { ...document, Statement: statements.filter((s) => s.Effect !== "Deny") };
}

function escapeAnswer(document: object): string {
    try {
        return findTrustEscape(parsePolicyDocument(document, "trust")) ? "escape" : "no escape";
    } catch (err) {
        return `throws ${(err as Error).name}`;
    }
}

export function generateTrustVariants(seed: number, randomCount: number): TrustVariant[] {
    const rng = new Rng(seed);
    const variants: TrustVariant[] = [];
    const build = (principal: PrincipalOption, condition: ConditionOption, deny: DenyOption, action: string | string[]): void => {
        const allow: Record<string, unknown> = { Effect: "Allow", [principal.field]: principal.value, Action: action };
        if (condition.block) {
            allow.Condition = condition.block;
        }
        const statements = rng.chance(0.5) ? [allow, ...deny.statements] : [...deny.statements, allow];
        variants.push({
            id: `trust#${String(variants.length).padStart(4, "0")}`,
            description: `${principal.name} / ${condition.name} / deny: ${deny.name} / ${JSON.stringify(action)}`,
            document: { Version: "2012-10-17", Statement: statements.length === 1 && rng.chance(0.3) ? statements[0] : statements },
            asJsonString: rng.chance(0.4),
            callers: principal.callers,
            tags: [
                ...(action === "sts:AssumeRoleWithSAML" ? [] : ["allow-covers-assumerole"]),
                ...(deny.tags?.includes("deny-names-account") && !awsPrincipalsOf(principal.value).some((p) => deny.statements.some((d) => awsPrincipalsOf(d.Principal).includes(p)))
                    ? ["deny-principal-differs-textually"]
                    : []),
                `principal:${principal.name}`,
                `condition:${condition.name}`,
                `deny:${deny.name}`,
                `action:${JSON.stringify(action)}`,
                ...(principal.tags ?? []),
                ...(deny.tags ?? []),
            ],
        });
    };
    // Every principal with every condition, no deny, plain action.
    for (const principal of PRINCIPALS) {
        for (const condition of CONDITIONS) {
            build(principal, condition, DENIES[0], "sts:AssumeRole");
        }
    }
    // Every deny with every condition, for the account principal.
    for (const deny of DENIES.slice(1)) {
        for (const condition of CONDITIONS) {
            build(PRINCIPALS[0], condition, deny, "sts:AssumeRole");
        }
    }
    for (let i = 0; i < randomCount; i++) {
        build(rng.pick(PRINCIPALS), rng.pick(CONDITIONS), rng.pick(DENIES), rng.pick(ACTIONS));
    }
    return variants;
}

const IDENTITY_ALLOWS_ASSUME_ROLE = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] };

const SIM_CONTEXTS: readonly { name: string; keys: Record<string, string> }[] = [
    { name: "MFA absent", keys: {} },
    { name: 'MFA "false"', keys: { [MFA_PRESENT]: "false" } },
];

export async function compareTrustVariant(variant: TrustVariant): Promise<Comparison> {
    const tags = new Set(variant.tags);
    let evaluator: string;
    try {
        const escape = findTrustEscape(parsePolicyDocument(variant.asJsonString ? JSON.stringify(variant.document) : variant.document, "trust"));
        evaluator = escape ? "escape" : "no escape";
        if (escape) {
            tags.add(`escape-why:${escape.why.split(" ").slice(0, 3).join(" ")}`);
        }
    } catch (err) {
        evaluator = `throws ${(err as Error).name}: ${(err as Error).message}`;
    }
    if (tags.has("deny-names-account")) {
        // Probes for the Deny-principal explanation: what the evaluator says without the Denies, and with the
        // Denies' account principals written in the same form as the allowed principals.
        tags.add(`evaluator-without-denies:${escapeAnswer(withoutDenies(variant.document))}`);
        tags.add(`evaluator-normalized-deny:${escapeAnswer(withNormalizedDenyPrincipals(variant.document))}`);
    }
    const run = async (principalArn: (caller: string) => string): Promise<{ oracle: string; allowedFor: string[] }> => {
        const allowedFor: string[] = [];
        const errors: string[] = [];
        for (const caller of variant.callers) {
            for (const context of SIM_CONTEXTS) {
                const result = await simulate({
                    principal: caller,
                    action: "sts:AssumeRole",
                    resource: ROLE_ARN,
                    context: { ...context.keys, ...SATISFYING, "aws:PrincipalArn": principalArn(caller) },
                    identityPolicies: [IDENTITY_ALLOWS_ASSUME_ROLE],
                    resourcePolicy: variant.document,
                });
                if (result === "Allowed") {
                    allowedFor.push(`${caller} (${context.name})`);
                } else if (result.startsWith("error")) {
                    errors.push(result);
                }
            }
        }
        return { oracle: allowedFor.length > 0 ? "escape" : errors.length > 0 ? `error: ${errors[0]}` : "no escape", allowedFor };
    };
    const { oracle, allowedFor } = await run(principalArnOf);
    if (oracle === "no escape" && JSON.stringify(variant.document).includes("aws:PrincipalArn")) {
        // Probe for the "depends" explanation: IAM ties aws:PrincipalArn to the caller, the evaluator does not. With
        // the key set to a value the condition accepts, does some caller get in?
        tags.add(`oracle-with-free-principal-arn:${(await run(() => `arn:aws:iam::${ACCOUNT}:user/anyone`)).oracle}`);
    }
    if (allowedFor.length > 0) {
        tags.add(`oracle-allowed:${allowedFor.join(", ")}`);
    }
    return {
        category: "trust",
        id: variant.id,
        input: `${variant.description} :: ${JSON.stringify(variant.document)}`,
        evaluator,
        oracle: allowedFor.length > 0 ? `${oracle} [${allowedFor.join(", ")}]` : oracle,
        agree: evaluator === oracle,
        tags,
    };
}
