/**
 * The IAM principals a remote component's provider is known to create (read from the components' own sources:
 * pulumi-eks, pulumi-awsx), decided from the inputs it was given: what `--strict` names for a person to review, since
 * none of them is judged offline. A type not listed here is named as "not known"; one listed as creating none holds
 * nothing for the pack to judge (so `--strict` lets it pass): list a type only when its sources show that.
 */
type Inputs = Record<string, unknown>;

const given = (inputs: Inputs, key: string) => inputs[key] !== undefined && inputs[key] !== null && inputs[key] !== "";

const ECS_TASK_ROLES = (inputs: Inputs): string[] => {
    const task = (inputs.taskDefinitionArgs ?? inputs) as Inputs;
    return [
        ...(given(task, "taskRole") ? [] : ["IAM role for the task (trusted by ecs-tasks.amazonaws.com)"]),
        ...(given(task, "executionRole") ? [] : ["IAM role for task execution (trusted by ecs-tasks.amazonaws.com)"]),
    ];
};

const KNOWN: Record<string, (inputs: Inputs) => string[]> = {
    "eks:index:Cluster": (inputs) => [
        ...(given(inputs, "serviceRole") ? [] : ["IAM role for the cluster (trusted by eks.amazonaws.com)"]),
        ...(inputs.createInstanceRole === true || (inputs.skipDefaultNodeGroup !== true && inputs.createInstanceRole === undefined && !given(inputs, "instanceRole"))
            ? ["IAM role and instance profile for the nodes (trusted by ec2.amazonaws.com)"]
            : []),
        ...((inputs.autoMode as Inputs | undefined)?.enabled === true && (inputs.autoMode as Inputs).createNodeRole !== false
            ? ["IAM role for Auto Mode nodes (trusted by ec2.amazonaws.com)"]
            : []),
        ...(inputs.fargate && !given((inputs.fargate === true ? {} : inputs.fargate) as Inputs, "podExecutionRoleArn")
            ? ["IAM role for Fargate pod execution (trusted by eks-fargate-pods.amazonaws.com)"]
            : []),
        ...(inputs.createOidcProvider === true ? ["IAM OIDC identity provider for the cluster's service accounts"] : []),
    ],
    "eks:index:ManagedNodeGroup": (inputs) =>
        given(inputs, "nodeRole") || given(inputs, "nodeRoleArn") ? [] : ["IAM role for the node group (trusted by ec2.amazonaws.com)"],
    "eks:index:Addon": () => [],
    "awsx:ecs:FargateService": ECS_TASK_ROLES,
    "awsx:ecs:EC2Service": ECS_TASK_ROLES,
    "awsx:ecs:FargateTaskDefinition": ECS_TASK_ROLES,
    "awsx:ecs:EC2TaskDefinition": ECS_TASK_ROLES,
    "awsx:ec2:Vpc": () => [],
    "awsx:ec2:DefaultVpc": () => [],
    "awsx:ecr:Repository": () => [],
    "awsx:ecr:Image": () => [],
    "awsx:lb:ApplicationLoadBalancer": () => [],
    "awsx:lb:NetworkLoadBalancer": () => [],
    "awsx:lb:TargetGroupAttachment": () => [],
};

/** The principals a component of this type creates with these inputs; undefined when its type is not known here. */
export function remoteComponentPrincipals(type: string, inputs: Inputs): string[] | undefined {
    return KNOWN[type]?.(inputs);
}
