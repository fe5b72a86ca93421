/**
 * Documents the graph reads from beyond a resource's own value: a document over its quota (AWS refuses it), and a
 * policy the stack attaches by ARN but does not declare.
 */
import { DocumentSource, documentSource } from "./documentSource";
import { awsManagedPolicy } from "../iam/awsManagedPolicies";
import { characters } from "../iam/policyQuotas";

/** A document over its IAM size quota: AWS refuses it at `pulumi up` (LimitExceeded), so it denies nothing. */
export function overQuota(source: DocumentSource, length: number | undefined, quota: number, what: string): DocumentSource {
    if (length === undefined || length <= quota) {
        return source;
    }
    return {
        label: source.label,
        problem:
            `AWS refuses it (LimitExceeded: ${what} is at most ${characters(quota)} characters, whitespace not counted; this one has ${characters(length)}), ` +
            "so `pulumi up` fails to create it and it denies nothing",
    };
}

/**
 * A policy the stack attaches by ARN but does not declare: an AWS managed one is read from the pack's dataset (its
 * quota is AWS's own affair: the customer managed policy quota does not apply); any other could not be evaluated.
 */
export function outsideStackPolicy(arn: string, label: string): DocumentSource {
    const managed = awsManagedPolicy(arn);
    if (!managed) {
        return { label, problem: `${arn} is outside this stack and could not be evaluated` };
    }
    if ("problem" in managed) {
        return { label, problem: managed.problem };
    }
    const source = documentSource(label, managed.policy.document);
    // The dataset's documents are AWS's own: one the pack cannot read is the pack's limit, not a document AWS refuses.
    return source.problem ? { label, problem: `the pack could not read AWS's document of ${arn} (${source.problem})` } : source;
}
