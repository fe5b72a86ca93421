/**
 * Builders of stack resources shaped as @pulumi/policy hands them to stack policies, with links either known (by
 * name / ARN) or unknown during preview and traceable only through propertyDependencies.
 */
import { StackValidationArgs, StackValidationPolicy, ResourceValidationPolicy, ResourceValidationArgs, PolicyResource } from "@pulumi/policy";
import { expect } from "chai";
import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../policy-pack/guardConfig";

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface FakeResource {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    dependencies: FakeResource[];
    propertyDependencies: Record<string, FakeResource[]>;
}

function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::force-mfa::${type}::${name}`;
}

export function resource(type: string, name: string, props: Record<string, unknown>, deps: Record<string, FakeResource[]> = {}): FakeResource {
    return {
        type,
        urn: urnOf(type, name),
        name,
        props,
        dependencies: [...new Set(Object.values(deps).flat())],
        propertyDependencies: deps,
    };
}

export const ENROLLMENT_ALLOWS = [
    { Sid: "AllowCreateOwnVirtualMfaDevice", Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: "arn:aws:iam::*:mfa/*" },
    {
        Sid: "AllowManageOwnMfa",
        Effect: "Allow",
        Action: ["iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:GetUser"],
        Resource: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"],
    },
];

export function mfaDenyStatement(overrides: Record<string, unknown> = {}) {
    return {
        Sid: "DenyAllExceptEnrollmentWithoutMfa",
        Effect: "Deny",
        NotAction: [...DEFAULT_ENROLLMENT_ALLOW_LIST],
        Resource: "*",
        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        ...overrides,
    };
}

export function forceMfaDocument(denyOverrides: Record<string, unknown> = {}): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: [...ENROLLMENT_ALLOWS, mfaDenyStatement(denyOverrides)] });
}

export const ADMIN_DOCUMENT = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

export function policy(name: string, document: unknown, options: { arnKnown?: boolean } = {}): FakeResource {
    return resource("aws:iam/policy:Policy", name, {
        name,
        policy: document,
        arn: options.arnKnown ? `arn:aws:iam::123456789012:policy/${name}` : UNKNOWN,
    });
}

export function group(name: string): FakeResource {
    return resource("aws:iam/group:Group", name, { name, path: "/" });
}

export function user(name: string, extra: Record<string, unknown> = {}, deps: Record<string, FakeResource[]> = {}): FakeResource {
    return resource("aws:iam/user:User", name, { name, path: "/", ...extra }, deps);
}

export function groupPolicyAttachment(g: FakeResource, p: FakeResource, options: { arnKnown?: boolean } = {}): FakeResource {
    return resource(
        "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
        `${g.name}-${p.name}`,
        { group: g.props.name, policyArn: options.arnKnown ? p.props.arn : UNKNOWN },
        { group: [g], policyArn: [p] },
    );
}

export function groupMembership(g: FakeResource, users: (FakeResource | string)[]): FakeResource {
    return resource(
        "aws:iam/groupMembership:GroupMembership",
        `${g.name}-members`,
        { group: g.props.name, users: users.map((u) => (typeof u === "string" ? u : u.props.name)) },
        { group: [g], users: users.filter((u): u is FakeResource => typeof u !== "string") },
    );
}

export function role(name: string, trust: unknown): FakeResource {
    return resource("aws:iam/role:Role", name, { name, assumeRolePolicy: typeof trust === "string" ? trust : JSON.stringify(trust) });
}

/** The compliant core of a stack: ForceMFA on the enforced group, with the given users as members. */
export function enforcedStack(users: FakeResource[], options: { arnKnown?: boolean } = {}): FakeResource[] {
    const forceMfa = policy("ForceMFA", forceMfaDocument(), options);
    const enforced = group("mfa-enforced");
    return [forceMfa, enforced, groupPolicyAttachment(enforced, forceMfa, options), ...users, groupMembership(enforced, users)];
}

type EnginePolicy = Partial<Pick<ResourceValidationPolicy, "validateResource">> & Partial<Pick<StackValidationPolicy, "validateStack">>;

export interface Reported {
    message: string;
    urn?: string;
}

export async function runStackPolicy(policy: StackValidationPolicy, resources: FakeResource[], config: Record<string, unknown> = {}): Promise<Reported[]> {
    const reported: Reported[] = [];
    const args = {
        resources: resources as unknown as PolicyResource[],
        getConfig: () => config,
        stackTags: new Map(),
        notApplicable: () => {
            throw new Error("not applicable");
        },
    } as unknown as StackValidationArgs;
    await policy.validateStack(args, (message: string, urn?: string) => reported.push({ message, urn }));
    return reported;
}

/** The one thing a policy must report on these resources, as the engine runs it: the test fails if anything else is reported. */
export async function onlyReported(policy: EnginePolicy, resources: FakeResource[], config: Record<string, unknown> = {}): Promise<Reported> {
    const reported = await runPolicy(policy, resources, config);
    expect(reported, JSON.stringify(reported.map((r) => r.message))).to.have.length(1);
    return reported[0];
}

/**
 * A policy as the engine runs it: Analyze of each resource (its validateResource, if it has one), then AnalyzeStack
 * (its validateStack); everything reported, per-resource reports first.
 */
export async function runPolicy(policy: EnginePolicy, resources: FakeResource[], config: Record<string, unknown> = {}): Promise<Reported[]> {
    const reported: Reported[] = [];
    if (policy.validateResource) {
        for (const r of resources) {
            reported.push(...(await runResourcePolicy(policy as ResourceValidationPolicy, r, config)));
        }
    }
    if (policy.validateStack) {
        reported.push(...(await runStackPolicy(policy as StackValidationPolicy, resources, config)));
    }
    return reported;
}

export async function runResourcePolicy(policy: ResourceValidationPolicy, r: FakeResource, config: Record<string, unknown> = {}): Promise<Reported[]> {
    const reported: Reported[] = [];
    const args = { type: r.type, urn: r.urn, name: r.name, props: r.props, getConfig: () => config } as unknown as ResourceValidationArgs;
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const validate of validations) {
        await validate!(args, (message: string) => reported.push({ message, urn: r.urn }));
    }
    return reported;
}
