/**
 * What every force-mfa-guard policy shares: config read with defaults, the action catalog and analyzer loaded once
 * per process, and a wrapper that turns any failure into a violation. A pack enforced org-wide must never crash a
 * preview, and must never let something pass because it could not be checked.
 */
import { ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { loadActionCatalog } from "../iam/actionCatalog";
import { MfaDenyAnalyzer } from "../iam/mfaDenyAnalysis";
import { GuardConfig, readGuardConfig } from "../guardConfig";
import { asciiLowerCase } from "../iam/wildcard";
import { buildIamGraph, IamGraph, StackResource } from "../stack/iamGraph";

const analyzers = new Map<string, Promise<MfaDenyAnalyzer>>();

export function mfaDenyAnalyzer(enrollmentAllowList: readonly string[]): Promise<MfaDenyAnalyzer> {
    const key = [...enrollmentAllowList].sort().join(",");
    let analyzer = analyzers.get(key);
    if (!analyzer) {
        analyzer = loadActionCatalog().then((catalog) => new MfaDenyAnalyzer(catalog, enrollmentAllowList));
        analyzers.set(key, analyzer);
        analyzer.catch(() => analyzers.delete(key));
    }
    return analyzer;
}

export interface Violation {
    readonly message: string;
    readonly urn?: string;
}

export interface StackCheckInput {
    readonly graph: IamGraph;
    readonly config: GuardConfig;
    readonly analyzer: MfaDenyAnalyzer;
}

function failure(policyName: string, err: unknown): string {
    const reason = err instanceof Error ? err.message : String(err);
    return `${policyName} could not verify this stack, so it is not passed: ${reason}`;
}

/** Builds a validateStack that evaluates the stack and reports each violation; failures become violations. */
export function guardedStackValidation(policyName: string, check: (input: StackCheckInput) => Violation[]) {
    return async (args: StackValidationArgs, reportViolation: ReportViolation): Promise<void> => {
        let violations: Violation[];
        try {
            const config = readGuardConfig(args.getConfig<Record<string, unknown>>());
            const analyzer = await mfaDenyAnalyzer(config.enrollmentAllowList);
            const graph = buildIamGraph(args.resources as unknown as readonly StackResource[]);
            violations = check({ graph, config, analyzer });
        } catch (err) {
            violations = [{ message: failure(policyName, err) }];
        }
        for (const v of violations) {
            reportViolation(v.message, v.urn);
        }
    };
}

/** The per-resource counterpart of guardedStackValidation. */
export function guardedResourceValidation(
    policyName: string,
    type: string,
    check: (resource: StackResource, config: GuardConfig) => string[],
) {
    return (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (args.type !== type) {
            return;
        }
        let messages: string[];
        try {
            const config = readGuardConfig(args.getConfig<Record<string, unknown>>());
            messages = check({ type: args.type, urn: args.urn, name: args.name, props: args.props }, config);
        } catch (err) {
            messages = [failure(policyName, err)];
        }
        for (const message of messages) {
            reportViolation(message);
        }
    };
}

/** An exemption needs the principal's real IAM name: an unknown one (undefined here) is never exempt. */
export function isExempt(exemptions: readonly { name: string }[], name: string | undefined): boolean {
    // IAM user and role names are unique regardless of case.
    return name !== undefined && exemptions.some((e) => asciiLowerCase(e.name) === asciiLowerCase(name));
}

/** The name an exemption of this user must match: its IAM name, if known. */
export function exemptionName(user: { name: string | undefined; nameKnown?: boolean }): string | undefined {
    return user.nameKnown === false ? undefined : user.name;
}
