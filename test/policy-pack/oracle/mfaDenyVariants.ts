/**
 * Category 2: MFA deny coverage. Each variant is an identity policy meant to act as the MFA deny. The analyzer
 * decides "enforced" or names an escaping action and context; the simulator then checks that verdict for a user who
 * holds the variant plus an allow-everything policy:
 *  - escape (A, context): A must NOT be explicitly denied in that context, on at least one realistic resource of A;
 *  - enforced: a fixed sample of actions across services, plus seeded random catalog actions, must be explicitly
 *    denied on every realistic resource tried, with MFA absent and with MFA "false"; and when the variant's
 *    NotAction exempts enrollment, the two enrollment requests must be allowed.
 * Non-MFA conditions get "witness" request values that make them false, so "depends" verdicts are tested for real.
 */
import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../../policy-pack/guardConfig";
import { ActionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { MfaDenyAnalyzer } from "../../../policy-pack/iam/mfaDenyAnalysis";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { MFA_ABSENT, MFA_FALSE } from "../../../policy-pack/iam/requestContexts";
import { Comparison } from "./findings";
import { Rng } from "./rng";
import { ACCOUNT, candidateResources, isError, simulate, SimResult } from "./simulator";

export const ALLOW_EVERYTHING = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

interface ConditionOption {
    readonly name: string;
    readonly block: Record<string, Record<string, string | string[]>>;
    /** Request values that make the non-MFA parts of the condition false (the witness of a "depends"). */
    readonly witness?: Record<string, string>;
    readonly tags?: readonly string[];
}

const MFA_PRESENT = "aws:MultiFactorAuthPresent";
const MFA_AGE = "aws:MultiFactorAuthAge";

const CONDITIONS: readonly ConditionOption[] = [
    { name: "BoolIfExists false", block: { BoolIfExists: { [MFA_PRESENT]: "false" } } },
    { name: "Bool false", block: { Bool: { [MFA_PRESENT]: "false" } } },
    { name: "Null age true", block: { Null: { [MFA_AGE]: "true" } } },
    { name: "NumericGreaterThanIfExists age", block: { NumericGreaterThanIfExists: { [MFA_AGE]: "3600" } } },
    { name: "NumericGreaterThan age", block: { NumericGreaterThan: { [MFA_AGE]: "3600" } } },
    { name: "Null present true", block: { Null: { [MFA_PRESENT]: "true" } } },
    { name: "BoolIfExists False (value case)", block: { BoolIfExists: { [MFA_PRESENT]: "False" } } },
    { name: "BoolIfExists false + Null age", block: { BoolIfExists: { [MFA_PRESENT]: "false" }, Null: { [MFA_AGE]: "true" } } },
    {
        name: "BoolIfExists false + region",
        block: { BoolIfExists: { [MFA_PRESENT]: "false" }, StringEquals: { "aws:RequestedRegion": "us-east-1" } },
        witness: { "aws:RequestedRegion": "eu-west-1" },
        tags: ["extra-condition"],
    },
    {
        name: "BoolIfExists false + not breakglass",
        block: { BoolIfExists: { [MFA_PRESENT]: "false" }, ArnNotLikeIfExists: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/breakglass-*` } },
        witness: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/breakglass-1` },
        tags: ["extra-condition"],
    },
    {
        name: "BoolIfExists false + after 2020",
        block: { BoolIfExists: { [MFA_PRESENT]: "false" }, DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } },
        witness: { "aws:CurrentTime": "2019-06-01T00:00:00Z" },
        tags: ["extra-condition"],
    },
    {
        name: "BoolIfExists false + from the VPN",
        block: { BoolIfExists: { [MFA_PRESENT]: "false" }, NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
        witness: { "aws:SourceIp": "10.20.30.40" },
        tags: ["extra-condition"],
    },
    // Data-perimeter conditions: true on every direct request, so the deny still refuses every one of them.
    { name: "BoolIfExists false + direct calls only", block: { BoolIfExists: { [MFA_PRESENT]: "false", "aws:ViaAWSService": "false" } }, tags: ["direct-only"] },
    { name: "BoolIfExists false + not a service principal", block: { BoolIfExists: { [MFA_PRESENT]: "false" }, Bool: { "aws:PrincipalIsAWSService": "false" } }, tags: ["direct-only"] },
    { name: "BoolIfExists false + CalledVia absent", block: { BoolIfExists: { [MFA_PRESENT]: "false" }, Null: { "aws:CalledVia": "true" } }, tags: ["direct-only"] },
    {
        name: "BoolIfExists false + not via CloudFormation",
        block: { BoolIfExists: { [MFA_PRESENT]: "false" }, StringNotEqualsIfExists: { "aws:CalledViaFirst": "cloudformation.amazonaws.com" } },
        tags: ["direct-only"],
    },
    // ...and ones that let some direct request through.
    { name: "BoolIfExists false + only via a service", block: { BoolIfExists: { [MFA_PRESENT]: "false", "aws:ViaAWSService": "true" } }, tags: ["extra-condition"] },
    {
        name: "BoolIfExists false + direct and outside the network",
        block: { BoolIfExists: { [MFA_PRESENT]: "false", "aws:ViaAWSService": "false" }, NotIpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" } },
        witness: { "aws:SourceIp": "10.1.2.3" },
        tags: ["extra-condition"],
    },
    { name: "StringEqualsIfExists false", block: { StringEqualsIfExists: { [MFA_PRESENT]: "false" } } },
    { name: "StringNotEqualsIfExists true", block: { StringNotEqualsIfExists: { [MFA_PRESENT]: "true" } } },
    { name: "BoolIfExist (typo)", block: { BoolIfExist: { [MFA_PRESENT]: "false" } }, tags: ["unknown-operator"] },
    {
        name: "ForAnyValue:StringEqualsIfExists false",
        block: { "ForAnyValue:StringEqualsIfExists": { [MFA_PRESENT]: "false" } },
        tags: ["foranyvalue-ifexists"],
    },
    {
        name: "ForAllValues:StringEqualsIfExists false",
        block: { "ForAllValues:StringEqualsIfExists": { [MFA_PRESENT]: "false" } },
        tags: ["forallvalues-ifexists"],
    },
];

/** The pack's default enrollment allow-list: the analyzer's, and the NotAction of the generated denies. */
export const DEFAULT_ALLOW_LIST_FOR_ORACLE: readonly string[] = DEFAULT_ENROLLMENT_ALLOW_LIST;

const RUNBOOK_NOT_ACTION = [
    "iam:CreateVirtualMFADevice",
    "iam:EnableMFADevice",
    "iam:GetUser",
    "iam:ListMFADevices",
    "iam:ListUsers",
    "iam:ListVirtualMFADevices",
    "iam:ResyncMFADevice",
    "sts:GetSessionToken",
];

interface ActionOption {
    readonly name: string;
    readonly field: "Action" | "NotAction";
    readonly patterns: readonly string[];
    /** True when the two enrollment requests are outside the deny. */
    readonly exemptsEnrollment: boolean;
}

const ACTIONS: readonly ActionOption[] = [
    { name: "NotAction allow-list", field: "NotAction", patterns: DEFAULT_ALLOW_LIST_FOR_ORACLE, exemptsEnrollment: true },
    {
        name: "NotAction allow-list subset",
        field: "NotAction",
        patterns: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "sts:GetSessionToken"],
        exemptsEnrollment: true,
    },
    { name: "NotAction allow-list + s3:Get*", field: "NotAction", patterns: [...DEFAULT_ALLOW_LIST_FOR_ORACLE, "s3:Get*"], exemptsEnrollment: true },
    { name: "NotAction allow-list + iam:*", field: "NotAction", patterns: [...DEFAULT_ALLOW_LIST_FOR_ORACLE, "iam:*"], exemptsEnrollment: true },
    { name: "NotAction allow-list + ec2:Describe*", field: "NotAction", patterns: [...DEFAULT_ALLOW_LIST_FOR_ORACLE, "ec2:Describe*"], exemptsEnrollment: true },
    { name: "NotAction allow-list + iam:*MFADevice", field: "NotAction", patterns: [...DEFAULT_ALLOW_LIST_FOR_ORACLE, "iam:*MFADevice"], exemptsEnrollment: true },
    { name: "NotAction runbook list", field: "NotAction", patterns: RUNBOOK_NOT_ACTION, exemptsEnrollment: true },
    { name: "NotAction iam:*MFA* wildcard", field: "NotAction", patterns: ["iam:*MFA*", "iam:GetUser", "sts:GetSessionToken"], exemptsEnrollment: true },
    { name: "Action *", field: "Action", patterns: ["*"], exemptsEnrollment: false },
    { name: "Action *:*", field: "Action", patterns: ["*:*"], exemptsEnrollment: false },
    { name: "Action s3:*", field: "Action", patterns: ["s3:*"], exemptsEnrollment: true },
    { name: "Action s3:*, ec2:*, iam:*", field: "Action", patterns: ["s3:*", "ec2:*", "iam:*"], exemptsEnrollment: false },
];

interface ResourceOption {
    readonly name: string;
    readonly field: "Resource" | "NotResource";
    readonly patterns: readonly string[];
    readonly tags?: readonly string[];
}

const RESOURCES: readonly ResourceOption[] = [
    { name: "Resource *", field: "Resource", patterns: ["*"] },
    { name: "Resource [*, arn]", field: "Resource", patterns: ["*", "arn:aws:s3:::oracle-bucket/*"] },
    { name: "Resource s3 only", field: "Resource", patterns: ["arn:aws:s3:::*"], tags: ["resource-scoped"] },
    { name: "Resource any ARN", field: "Resource", patterns: ["arn:aws:*:*:*:*"], tags: ["resource-scoped", "resource-any-arn"] },
    { name: "NotResource logs bucket", field: "NotResource", patterns: ["arn:aws:s3:::logs-bucket/*"], tags: ["resource-scoped", "not-resource"] },
];

export interface MfaVariant {
    readonly id: string;
    readonly description: string;
    /** The principal's documents (e.g. a group policy and a user policy); most variants have one. */
    readonly documents: readonly object[];
    readonly asJsonString: boolean;
    readonly witness: Record<string, string>;
    readonly exemptsEnrollment: boolean;
    readonly tags: readonly string[];
}

function statementFor(rng: Rng, condition: ConditionOption, action: ActionOption, resource: ResourceOption, scramble: boolean): Record<string, unknown> {
    const single = (values: readonly string[]): string | string[] => (values.length === 1 && rng.chance(0.5) ? values[0] : [...values]);
    const patterns = scramble ? action.patterns.map((p) => rng.scrambleCase(p)) : action.patterns;
    const block: Record<string, Record<string, string | string[]>> = {};
    for (const [operator, keys] of Object.entries(condition.block)) {
        block[operator] = {};
        for (const [key, value] of Object.entries(keys)) {
            block[operator][scramble && rng.chance(0.5) ? rng.scrambleCase(key) : key] = value;
        }
    }
    return {
        ...(rng.chance(0.3) ? { Sid: `Deny${rng.int(1000)}` } : {}),
        Effect: "Deny",
        [action.field]: single(patterns),
        [resource.field]: single(resource.patterns),
        Condition: block,
    };
}

/** Multi-statement documents: denies that only add up to the MFA deny together, and the reference policies. */
function structuredVariants(): { description: string; statements: Record<string, unknown>[]; exemptsEnrollment: boolean; tags: string[] }[] {
    const notAction = [...DEFAULT_ALLOW_LIST_FOR_ORACLE];
    return [
        {
            description: "iSEC: Deny * when age is null + Deny * when age > 8h",
            statements: [
                { Effect: "Deny", Action: "*", Resource: "*", Condition: { Null: { [MFA_AGE]: "true" } } },
                { Effect: "Deny", Action: "*", Resource: "*", Condition: { NumericGreaterThan: { [MFA_AGE]: "28800" } } },
            ],
            exemptsEnrollment: false,
            tags: ["multi-statement"],
        },
        {
            description: "Bool false (MFA false only) + Null present (MFA absent only)",
            statements: [
                { Effect: "Deny", NotAction: notAction, Resource: "*", Condition: { Bool: { [MFA_PRESENT]: "false" } } },
                { Effect: "Deny", NotAction: notAction, Resource: "*", Condition: { Null: { [MFA_PRESENT]: "true" } } },
            ],
            exemptsEnrollment: true,
            tags: ["multi-statement"],
        },
        {
            description: "Bool false alone is completed by Null age (either context)",
            statements: [
                { Effect: "Deny", NotAction: notAction, Resource: "*", Condition: { Bool: { [MFA_PRESENT]: "false" } } },
                { Effect: "Deny", NotAction: notAction, Resource: "*", Condition: { Null: { [MFA_AGE]: "true" } } },
            ],
            exemptsEnrollment: true,
            tags: ["multi-statement"],
        },
        {
            description: "deny split by service: s3:* and NotAction [allow-list, s3:*]",
            statements: [
                { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } },
                { Effect: "Deny", NotAction: [...notAction, "s3:*"], Resource: "*", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } },
            ],
            exemptsEnrollment: true,
            tags: ["multi-statement"],
        },
        {
            description: "deny split by service, s3 half scoped to one bucket",
            statements: [
                { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::oracle-bucket/*", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } },
                { Effect: "Deny", NotAction: [...notAction, "s3:*"], Resource: "*", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } },
            ],
            exemptsEnrollment: true,
            tags: ["multi-statement", "resource-scoped"],
        },
        {
            description: "allow statements only (no deny at all)",
            statements: [{ Effect: "Allow", Action: "iam:*MFA*", Resource: "*" }],
            exemptsEnrollment: true,
            tags: ["multi-statement"],
        },
        {
            description: "BoolIfExists deny with NotAction + an unrelated Allow",
            statements: [
                { Effect: "Allow", Action: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice"], Resource: "*" },
                { Effect: "Deny", NotAction: notAction, Resource: "*", Condition: { BoolIfExists: { [MFA_PRESENT]: "false" } } },
            ],
            exemptsEnrollment: true,
            tags: ["multi-statement"],
        },
    ];
}

export function generateMfaVariants(seed: number, randomCount: number): MfaVariant[] {
    const rng = new Rng(seed);
    const variants: MfaVariant[] = [];
    const push = (description: string, statements: Record<string, unknown>[], witness: Record<string, string>, exemptsEnrollment: boolean, tags: string[], separateDocuments = false): void => {
        const documents = separateDocuments
            ? statements.map((statement) => ({ Version: "2012-10-17", Statement: rng.chance(0.5) ? statement : [statement] }))
            : [{ Version: "2012-10-17", Statement: statements.length === 1 && rng.chance(0.3) ? statements[0] : statements }];
        variants.push({
            id: `mfaDeny#${String(variants.length).padStart(4, "0")}`,
            description: separateDocuments ? `${description} (one document per statement)` : description,
            documents,
            asJsonString: rng.chance(0.4),
            witness,
            exemptsEnrollment,
            tags,
        });
    };
    const build = (condition: ConditionOption, action: ActionOption, resource: ResourceOption, scramble: boolean): void => {
        const tags = [`condition:${condition.name}`, `action:${action.name}`, `resource:${resource.name}`, ...(condition.tags ?? []), ...(resource.tags ?? [])];
        if (scramble) {
            tags.push("case-scrambled");
        }
        push(`${condition.name} / ${action.name} / ${resource.name}`, [statementFor(rng, condition, action, resource, scramble)], condition.witness ?? {}, action.exemptsEnrollment, tags);
    };
    // Every condition with every action list, on Resource "*".
    for (const condition of CONDITIONS) {
        for (const action of ACTIONS) {
            build(condition, action, RESOURCES[0], rng.chance(0.25));
        }
    }
    // Random draws over every dimension.
    for (let i = 0; i < randomCount; i++) {
        build(rng.pick(CONDITIONS), rng.pick(ACTIONS), rng.pick(RESOURCES), rng.chance(0.4));
    }
    for (const s of structuredVariants()) {
        push(s.description, s.statements, {}, s.exemptsEnrollment, s.tags);
        if (s.statements.length > 1) {
            // The same statements spread over several documents, as a group policy plus a user policy would be.
            push(s.description, s.statements, {}, s.exemptsEnrollment, [...s.tags, "multi-document"], true);
        }
    }
    return variants;
}

/** Actions the oracle checks for "enforced" verdicts, across services (none on the default allow-list). */
export const SAMPLE_ACTIONS: readonly string[] = [
    "ec2:RunInstances",
    "s3:GetObject",
    "iam:CreateUser",
    "iam:DeactivateMFADevice",
    "sts:AssumeRole",
    "dynamodb:Scan",
    "lambda:InvokeFunction",
    "iam:CreateAccessKey",
    "kms:Decrypt",
    "ec2:DescribeInstances",
    "s3:ListBucket",
    "iam:ListUsers",
    "iam:DeleteVirtualMFADevice",
    "organizations:LeaveOrganization",
    "cloudtrail:StopLogging",
];

export const ENROLLMENT_REQUESTS = [
    { action: "iam:CreateVirtualMFADevice", resource: `arn:aws:iam::${ACCOUNT}:mfa/alice` },
    { action: "iam:EnableMFADevice", resource: `arn:aws:iam::${ACCOUNT}:user/alice` },
] as const;

const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;

/** A request the user makes itself: AWS puts these two keys in every signed request (see DIRECT_REQUEST_KEYS). */
const DIRECT = { "aws:ViaAWSService": "false", "aws:PrincipalIsAWSService": "false" };

const SIM_CONTEXTS = {
    [MFA_ABSENT.name]: { ...DIRECT } as Record<string, string>,
    [MFA_FALSE.name]: { ...DIRECT, "aws:MultiFactorAuthPresent": "false" } as Record<string, string>,
};

export interface MfaOracleSetup {
    readonly catalog: ActionCatalog;
    readonly analyzer: MfaDenyAnalyzer;
    /** Extra catalog actions (outside the allow-list) checked for every "enforced" verdict. */
    readonly randomActions: readonly string[];
}

async function outcomeOn(variant: MfaVariant, action: string, resource: string, contextName: string): Promise<SimResult> {
    return simulate({
        principal: USER,
        action,
        resource,
        context: { ...SIM_CONTEXTS[contextName], ...variant.witness },
        identityPolicies: [...variant.documents, ALLOW_EVERYTHING],
    });
}

/** The first realistic resource of the action on which the simulator does not explicitly deny it, if any. */
async function findUndenied(variant: MfaVariant, action: string, contextName: string, maxResources: number): Promise<{ resource?: string; results: string[] }> {
    const results: string[] = [];
    for (const resource of (await candidateResources(action)).slice(0, maxResources)) {
        const result = await outcomeOn(variant, action, resource, contextName);
        results.push(`${resource}: ${result.slice(0, 120)}`);
        if (!isError(result) && result !== "ExplicitlyDenied") {
            return { resource, results };
        }
    }
    return { results };
}

/** Resource ARNs suggested by the variant's own Resource / NotResource patterns (wildcards filled in). */
function resourceHints(variant: MfaVariant): string[] {
    const statements = variant.documents.flatMap((d) => ([] as Record<string, unknown>[]).concat((d as { Statement: Record<string, unknown> | Record<string, unknown>[] }).Statement));
    const hints = new Set<string>();
    for (const statement of statements) {
        for (const field of ["Resource", "NotResource"]) {
            for (const pattern of ([] as unknown[]).concat(statement[field] ?? [])) {
                if (typeof pattern === "string" && pattern.startsWith("arn:")) {
                    hints.add(pattern.replace(/\*/g, "oracle-example"));
                }
            }
        }
    }
    return [...hints];
}

/** Any sampled action that is not explicitly denied in the context, on its realistic resources or the hints. */
async function findAnyEscape(variant: MfaVariant, contextName: string, randomActions: readonly string[]): Promise<{ action: string; resource: string } | undefined> {
    const hints = resourceHints(variant);
    for (const action of [...SAMPLE_ACTIONS, ...randomActions]) {
        for (const resource of [...(await candidateResources(action)).slice(0, 2), ...hints]) {
            const result = await outcomeOn(variant, action, resource, contextName);
            if (!isError(result) && result !== "ExplicitlyDenied") {
                return { action, resource };
            }
        }
    }
    return undefined;
}

export async function compareMfaVariant(variant: MfaVariant, setup: MfaOracleSetup): Promise<Comparison> {
    const input = `${variant.description} :: ${variant.documents.map((d) => JSON.stringify(d)).join(" + ")}${Object.keys(variant.witness).length ? ` witness ${JSON.stringify(variant.witness)}` : ""}`;
    const tags = new Set(variant.tags);
    let evaluator: string;
    let oracle: string;
    try {
        const result = setup.analyzer.analyze(
            variant.documents.map((d, i) => ({ label: `${variant.id} document ${i + 1}`, document: parsePolicyDocument(variant.asJsonString ? JSON.stringify(d) : d) })),
        );
        if (result.escape) {
            const { action, context } = result.escape;
            tags.add(`escape-context:${context === MFA_ABSENT ? "absent" : "false"}`);
            evaluator = `escape ${action} (${context.name})`;
            const found = await findUndenied(variant, action, context.name, 6);
            const allErrors = found.results.length > 0 && found.results.every((r) => r.includes(": error: "));
            if (found.resource) {
                oracle = `escape ${action} (${context.name})`;
            } else if (allErrors || found.results.length === 0) {
                oracle = `error: no resource of ${action} could be simulated: ${found.results.join("; ")}`;
            } else {
                // The named action is denied everywhere: is the verdict (some request escapes) still right?
                const other = await findAnyEscape(variant, context.name, setup.randomActions);
                oracle =
                    `${action} explicitly denied on every resource tried (${found.results.length})` +
                    (other ? `; verdict confirmed by ${other.action} on ${other.resource}` : "; no sampled action escapes either");
            }
        } else {
            evaluator = "enforced";
            const failures: string[] = [];
            for (const contextName of Object.keys(SIM_CONTEXTS)) {
                for (const action of [...SAMPLE_ACTIONS, ...setup.randomActions]) {
                    for (const resource of (await candidateResources(action)).slice(0, 2)) {
                        const result = await outcomeOn(variant, action, resource, contextName);
                        if (result !== "ExplicitlyDenied") {
                            failures.push(`${action} on ${resource} (${contextName}): ${result.slice(0, 160)}`);
                            tags.add(`oracle-undenied-context:${contextName === MFA_ABSENT.name ? "absent" : "false"}`);
                        }
                    }
                }
                if (variant.exemptsEnrollment) {
                    for (const request of ENROLLMENT_REQUESTS) {
                        const result = await outcomeOn(variant, request.action, request.resource, contextName);
                        if (result !== "Allowed") {
                            failures.push(`enrollment ${request.action} (${contextName}) not allowed: ${result.slice(0, 160)}`);
                        }
                    }
                }
            }
            oracle = failures.length === 0 ? "enforced" : `not enforced: ${failures.slice(0, 4).join("; ")}${failures.length > 4 ? ` (+${failures.length - 4} more)` : ""}`;
        }
    } catch (err) {
        evaluator = `throws ${(err as Error).name}: ${(err as Error).message}`;
        oracle = "(not simulated)";
    }
    return { category: "mfaDeny", id: variant.id, input, evaluator, oracle, agree: evaluator === oracle, tags };
}
